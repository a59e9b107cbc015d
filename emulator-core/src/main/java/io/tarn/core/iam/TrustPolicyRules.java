package io.tarn.core.iam;

import java.util.List;

/**
 * The grammar of a role's trust policy: a resource-based policy on the role that names who may
 * assume it, with STS's actions and no {@code Resource} (the role is the resource).
 */
public final class TrustPolicyRules implements PolicyRules {

    /** IAM's default quota on the length of a role trust policy. */
    private static final int MAX_BYTES = 2048;

    public static final TrustPolicyRules INSTANCE = new TrustPolicyRules();

    private TrustPolicyRules() {}

    @Override
    public boolean resourceBased() {
        return true;
    }

    @Override
    public boolean namesResources() {
        return false;
    }

    @Override
    public int maxNormalizedBytes() {
        return MAX_BYTES;
    }

    @Override
    public void checkAction(String action) {
        if (!action.equals("*") && !action.regionMatches(true, 0, "sts:", 0, 4)) {
            throw new PolicyException("AssumeRole policy may only specify STS AssumeRole actions.");
        }
    }

    @Override
    public void checkResource(String resource) {}

    @Override
    public void checkConditionKey(String key) {}

    @Override
    public void checkActionsApply(List<String> actions, List<String> resources) {}
}
