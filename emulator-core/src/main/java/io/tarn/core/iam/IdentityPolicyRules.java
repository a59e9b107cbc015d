package io.tarn.core.iam;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The grammar of identity-based policies (a user's or a role's, and the session policies of
 * AssumeRole): no principal, any service's actions, resources as ARNs or {@code "*"}. They may
 * name any service, so neither condition keys nor which action applies to which resource are
 * checked, as IAM does not check them either.
 */
public final class IdentityPolicyRules implements PolicyRules {

    /** The quota on a role's inline policies, the larger of IAM's identity policy quotas. */
    private static final int MAX_BYTES = 10240;
    private static final Pattern ACTION = Pattern.compile("\\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+");

    public static final IdentityPolicyRules INSTANCE = new IdentityPolicyRules();

    private IdentityPolicyRules() {}

    @Override
    public boolean resourceBased() {
        return false;
    }

    @Override
    public int maxNormalizedBytes() {
        return MAX_BYTES;
    }

    @Override
    public void checkAction(String action) {
        if (!ACTION.matcher(action).matches()) {
            throw new PolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        }
    }

    @Override
    public void checkResource(String resource) {
        if (!resource.equals("*") && !resource.startsWith("arn:")) {
            throw new PolicyException("Resource " + resource + " must be in ARN format or \"*\".");
        }
    }

    @Override
    public void checkConditionKey(String key) {}

    @Override
    public void checkActionsApply(List<String> actions, List<String> resources) {}
}
