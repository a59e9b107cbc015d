package io.tarn.s3.engine.policy;

import io.tarn.core.iam.PolicyException;
import io.tarn.core.iam.PolicyRules;
import io.tarn.core.iam.Wildcards;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What S3 adds to the policy grammar for one bucket's policy: principals required, 20 KiB
 * normalized, S3's actions, resources of this bucket and its objects, S3's condition keys.
 */
final class BucketPolicyRules implements PolicyRules {

    static final String INVALID_RESOURCE = "Policy has invalid resource";

    /** "Bucket policies are limited to 20 KB in size", measured normalized. */
    private static final int MAX_BYTES = 20480;
    private static final Pattern S3_ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov|\\*):s3:::([^/]+)(/.*)?");

    /** S3's condition keys (Service Authorization Reference), lower-case; those ending in '/' take a tag key after. */
    private static final Set<String> S3_KEYS = Set.of("s3:accesspointnetworkorigin", "s3:authtype", "s3:dataaccesspointaccount",
            "s3:dataaccesspointarn", "s3:delimiter", "s3:if-match", "s3:if-none-match", "s3:locationconstraint", "s3:max-keys",
            "s3:object-lock-legal-hold", "s3:object-lock-mode", "s3:object-lock-remaining-retention-days",
            "s3:object-lock-retain-until-date", "s3:objectcreationoperation", "s3:prefix", "s3:requestobjecttagkeys",
            "s3:resourceaccount", "s3:signatureage", "s3:signatureversion", "s3:tlsversion", "s3:versionid", "s3:x-amz-acl",
            "s3:x-amz-content-sha256", "s3:x-amz-copy-source", "s3:x-amz-grant-full-control", "s3:x-amz-grant-read",
            "s3:x-amz-grant-read-acp", "s3:x-amz-grant-write", "s3:x-amz-grant-write-acp", "s3:x-amz-metadata-directive",
            "s3:x-amz-object-ownership", "s3:x-amz-server-side-encryption", "s3:x-amz-server-side-encryption-aws-kms-key-id",
            "s3:x-amz-server-side-encryption-customer-algorithm", "s3:x-amz-storage-class", "s3:x-amz-website-redirect-location");
    private static final List<String> S3_TAG_KEYS = List.of("s3:existingobjecttag/", "s3:requestobjecttag/", "s3:buckettag/");

    private final String bucket;

    BucketPolicyRules(String bucket) {
        this.bucket = bucket;
    }

    @Override
    public boolean resourceBased() {
        return true;
    }

    @Override
    public int maxNormalizedBytes() {
        return MAX_BYTES;
    }

    @Override
    public void checkAction(String action) {
        if (scopes(action).isEmpty()) {
            throw new PolicyException("Policy has invalid action");
        }
    }

    /** The scopes of the catalogue's actions the pattern names (none: no such action). */
    private static Set<S3Actions.Scope> scopes(String action) {
        Set<S3Actions.Scope> scopes = EnumSet.noneOf(S3Actions.Scope.class);
        if (action.equals("*")) {
            scopes.addAll(EnumSet.allOf(S3Actions.Scope.class));
            return scopes;
        }
        String lower = action.toLowerCase(Locale.ROOT);
        S3Actions.Scope exact = S3Actions.BY_NAME.get(lower);
        if (exact != null) {
            scopes.add(exact);
        } else if (lower.indexOf('*') >= 0 || lower.indexOf('?') >= 0) {
            for (Map.Entry<String, S3Actions.Scope> e : S3Actions.BY_NAME.entrySet()) {
                if (Wildcards.matches(lower, e.getKey(), false)) {
                    scopes.add(e.getValue());
                }
            }
        }
        return scopes;
    }

    @Override
    public void checkResource(String resource) {
        Matcher m = S3_ARN.matcher(resource);
        if (!m.matches() || !Wildcards.matches(m.group(2), bucket, false)) {
            throw new PolicyException(INVALID_RESOURCE); // "*" alone, another service's ARN, another bucket
        }
    }

    @Override
    public void checkConditionKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aws:") || S3_KEYS.contains(lower)) {
            return;
        }
        for (String tagKey : S3_TAG_KEYS) {
            if (lower.startsWith(tagKey) && lower.length() > tagKey.length()) {
                return;
            }
        }
        throw new PolicyException("Policy has an invalid condition key");
    }

    @Override
    public void checkActionsApply(List<String> actions, List<String> resources) {
        Set<S3Actions.Scope> covered = EnumSet.noneOf(S3Actions.Scope.class);
        for (String resource : resources) {
            Matcher m = S3_ARN.matcher(resource);
            m.matches();
            if (m.group(3) != null) {
                covered.add(S3Actions.Scope.OBJECT);
            } else {
                covered.add(S3Actions.Scope.BUCKET);
                if (m.group(2).endsWith("*")) {
                    covered.add(S3Actions.Scope.OBJECT); // arn:aws:s3:::* also names every object
                }
            }
        }
        for (String action : actions) {
            Set<S3Actions.Scope> scopes = scopes(action);
            scopes.retainAll(covered);
            if (scopes.isEmpty()) {
                throw new PolicyException("Action does not apply to any resource(s) in statement");
            }
        }
    }
}
