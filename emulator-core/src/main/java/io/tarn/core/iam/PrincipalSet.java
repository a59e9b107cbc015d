package io.tarn.core.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A statement's {@code Principal} (or {@code NotPrincipal}) compiled to sets: {@code "*"}, AWS
 * accounts (by id or root ARN, which AWS treats alike), IAM and STS ARNs, S3 canonical users,
 * service and federated principals. Principals take no wildcards but {@code "*"} alone.
 */
final class PrincipalSet {

    static final String INVALID = "Invalid principal in policy";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROOT = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):root");
    private static final Pattern IAM_ARN = Pattern.compile(
            "arn:aws[a-z-]*:(iam::(\\d{12}|cloudfront):(user|role|federated-user)/[^*?]+"
                    + "|sts::\\d{12}:(assumed-role/[^/*?]+/[^*?]+|federated-user/[^*?]+))");
    private static final Pattern CANONICAL = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?");

    private boolean everyone;
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> arns = new HashSet<>();
    private final Set<String> canonicalUsers = new HashSet<>();
    private final Set<String> services = new HashSet<>();
    private final Set<String> federated = new HashSet<>();

    private PrincipalSet() {}

    static PrincipalSet parse(JsonNode node) {
        PrincipalSet set = new PrincipalSet();
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw new PolicyException(INVALID);
            }
            set.everyone = true;
            return set;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new PolicyException(INVALID);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            for (String value : Json.strings(entry.getValue(), INVALID)) {
                set.add(entry.getKey(), value);
            }
        }
        return set;
    }

    private void add(String type, String value) {
        switch (type) {
            case "AWS":
                if (value.equals("*")) {
                    everyone = true;
                } else if (ACCOUNT.matcher(value).matches()) {
                    accounts.add(value);
                } else if (ROOT.matcher(value).matches()) {
                    java.util.regex.Matcher m = ROOT.matcher(value);
                    m.matches();
                    accounts.add(m.group(1));
                } else if (IAM_ARN.matcher(value).matches()) {
                    arns.add(value);
                } else {
                    throw new PolicyException(INVALID);
                }
                break;
            case "CanonicalUser":
                require(CANONICAL.matcher(value).matches());
                canonicalUsers.add(value.toLowerCase(java.util.Locale.ROOT));
                break;
            case "Service":
                require(SERVICE.matcher(value).matches());
                services.add(value);
                break;
            case "Federated":
                require(!value.isEmpty() && value.indexOf('*') < 0 && value.indexOf('?') < 0);
                federated.add(value);
                break;
            default:
                throw new PolicyException(INVALID);
        }
    }

    private static void require(boolean valid) {
        if (!valid) {
            throw new PolicyException(INVALID);
        }
    }

    boolean matches(RequestPrincipal p) {
        if (everyone) {
            return true;
        }
        switch (p.kind()) {
            case ANONYMOUS:
                return false;
            case SERVICE:
                return services.contains(p.arn());
            default:
                if (accounts.contains(p.account()) || arns.contains(p.arn())) {
                    return true;
                }
                String role = p.roleArn();
                if (role != null && arns.contains(role)) {
                    return true;
                }
                return p.canonicalId() != null && canonicalUsers.contains(p.canonicalId())
                        || p.kind() == RequestPrincipal.Kind.FEDERATED_USER && federated.contains(p.arn());
        }
    }

    /**
     * Whether it names {@code p} itself, by ARN (or its role's), or everyone: not merely through
     * its account, which in a trust policy leaves the decision to the account's identity policies.
     */
    boolean namesItself(RequestPrincipal p) {
        if (everyone || arns.contains(p.arn())) {
            return true;
        }
        String role = p.roleArn();
        return role != null && arns.contains(role);
    }

    /** Whether it names everyone ({@code "*"} or {@code {"AWS": "*"}}): public unless a condition fixes it. */
    boolean isEveryone() {
        return everyone;
    }
}
