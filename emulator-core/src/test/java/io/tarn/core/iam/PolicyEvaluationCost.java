package io.tarn.core.iam;

import java.util.List;

/**
 * Not a test: the cost of one evaluation of a 20-statement policy whose conditions all run
 * (docs/performance.md gives the command and the figures).
 */
public final class PolicyEvaluationCost {

    private PolicyEvaluationCost() {}

    public static void main(String[] args) {
        StringBuilder statements = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            statements.append(i == 0 ? "" : ",").append("{\"Sid\":\"S").append(i).append("\",\"Effect\":\"").append(i == 19 ? "Allow" : "Deny")
                    .append("\",\"Principal\":{\"AWS\":[\"111111111111\",\"arn:aws:iam::123456789012:user/u").append(i).append("\"]},")
                    .append("\"Action\":[\"svc:Get*\",\"svc:List*\"],\"Resource\":[\"arn:svc:::bucket/prefix").append(i).append("/*\",")
                    .append("\"arn:svc:::bucket/*\"],\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]},")
                    .append("\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"},")
                    .append("\"StringLike\":{\"svc:prefix\":\"home/${aws:username}/*\"}}}"); // fails last: every condition runs
        }
        Policy policy = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", new TestRulesForCost());
        ContextKeys context = ContextKeys.builder().put("aws:username", "nobody").put("svc:prefix", "home/other/x")
                .put("aws:SourceIp", "10.1.2.3").put("aws:CurrentTime", "2026-06-01T00:00:00Z").build();
        AccessRequest request = new AccessRequest(RequestPrincipal.of("111111111111", "arn:aws:iam::111111111111:root", null),
                "svc:GetObject", "arn:svc:::bucket/prefix7/key", context);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        for (int warm = 0; warm < 3; warm++) {
            long started = System.nanoTime();
            int allowed = 0;
            for (int i = 0; i < rounds; i++) {
                allowed += policy.evaluate(request, "p").allowed() ? 1 : 0;
            }
            double ns = (System.nanoTime() - started) / (double) rounds;
            System.out.printf("round %d: %.0f ns per evaluation of %d statements (%d allowed)%n", warm + 1, ns, policy.size(), allowed);
        }
    }

    /** Lets any action and resource through: the cost measured is the engine's. */
    private static final class TestRulesForCost implements PolicyRules {
        @Override
        public boolean resourceBased() {
            return true;
        }

        @Override
        public int maxNormalizedBytes() {
            return 1 << 20;
        }

        @Override
        public void checkAction(String action) {}

        @Override
        public void checkResource(String resource) {}

        @Override
        public void checkConditionKey(String key) {}

        @Override
        public void checkActionsApply(List<String> actions, List<String> resources) {}
    }
}
