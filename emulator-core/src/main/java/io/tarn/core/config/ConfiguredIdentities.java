package io.tarn.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.core.iam.Identities;
import io.tarn.core.iam.IdentityPolicyRules;
import io.tarn.core.iam.Policy;
import io.tarn.core.iam.PolicyException;
import io.tarn.core.iam.PolicyParser;
import io.tarn.core.iam.PolicyRules;
import io.tarn.core.iam.TrustPolicyRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compiles the init file's users and roles into {@link Identities}: every policy parsed once, at
 * start-up; a malformed one fails the start with a message naming the identity and the policy.
 */
public final class ConfiguredIdentities {

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E]{0,510}/");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private ConfiguredIdentities() {}

    public static Identities compile(InitFile file, String defaultAccount) {
        List<Identities.Identity> users = new ArrayList<>();
        for (ConfiguredUser u : file.users()) {
            String what = "user " + u.name();
            String account = account(what, u.account(), defaultAccount);
            checkName(what, u.name());
            users.add(new Identities.Identity("arn:aws:iam::" + account + ":user/" + u.name(), account, u.name(),
                    policies(what, u.policies()), null));
        }
        List<Identities.Identity> roles = new ArrayList<>();
        for (ConfiguredRole r : file.roles()) {
            String what = "role " + r.name();
            String account = account(what, r.account(), defaultAccount);
            checkName(what, r.name());
            String path = r.path() == null ? "/" : r.path();
            if (!PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("init file: " + what + ": the path must begin and end with /, got " + path);
            }
            Policy trust = r.trustPolicy() == null ? null : compile(what + ", trust policy", r.trustPolicy(), TrustPolicyRules.INSTANCE);
            roles.add(new Identities.Identity("arn:aws:iam::" + account + ":role" + path + r.name(), account, r.name(),
                    policies(what, r.policies()), trust));
        }
        try {
            return new Identities(users, roles);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("init file: " + e.getMessage(), e);
        }
    }

    /**
     * The text of a policy given as a document or as a file path (relative to {@code base}): a
     * JSON object or a string beginning with '{' is the document itself, another string a path.
     */
    static JsonNode resolve(String what, JsonNode policy, Path base) {
        if (!policy.isTextual() || policy.asText().stripLeading().startsWith("{")) {
            return policy;
        }
        Path file = base.resolve(policy.asText());
        try {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("init file: " + what + ": cannot read the policy file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Policy> policies(String what, Map<String, JsonNode> documents) {
        Map<String, Policy> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : documents.entrySet()) {
            compiled.put(e.getKey(), compile(what + ", policy " + e.getKey(), e.getValue(), IdentityPolicyRules.INSTANCE));
        }
        return compiled;
    }

    private static Policy compile(String what, JsonNode document, PolicyRules rules) {
        String text = document.isTextual() ? document.asText() : document.toString();
        try {
            return PolicyParser.parse(text, rules);
        } catch (PolicyException e) {
            throw new IllegalArgumentException("init file: " + what + ": " + e.getMessage(), e);
        }
    }

    private static String account(String what, @Nullable String account, String defaultAccount) {
        if (account == null) {
            return defaultAccount;
        }
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("init file: " + what + ": the account must be 12 digits, got " + account);
        }
        return account;
    }

    private static void checkName(String what, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("init file: " + what + ": a name is 1 to 64 of letters, digits and +=,.@_-");
        }
    }
}
