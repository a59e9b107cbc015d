package io.tarn.core.iam;

import java.util.List;

/** Rules for a resource policy of a made-up service: the engine's own checks are what is tested. */
final class TestRules implements PolicyRules {

    static final TestRules RESOURCE = new TestRules(true);
    static final TestRules IDENTITY = new TestRules(false);

    private final boolean resourceBased;

    private TestRules(boolean resourceBased) {
        this.resourceBased = resourceBased;
    }

    @Override
    public boolean resourceBased() {
        return resourceBased;
    }

    @Override
    public int maxNormalizedBytes() {
        return 20480;
    }

    @Override
    public void checkAction(String action) {
        if (!action.equals("*") && !action.toLowerCase(java.util.Locale.ROOT).startsWith("svc:")) {
            throw new PolicyException("Policy has invalid action");
        }
    }

    @Override
    public void checkResource(String resource) {
        if (!resource.startsWith("arn:")) {
            throw new PolicyException("Policy has invalid resource");
        }
    }

    @Override
    public void checkConditionKey(String key) {
        if (!key.contains(":")) {
            throw new PolicyException("Policy has an invalid condition key");
        }
    }

    @Override
    public void checkActionsApply(List<String> actions, List<String> resources) {}
}
