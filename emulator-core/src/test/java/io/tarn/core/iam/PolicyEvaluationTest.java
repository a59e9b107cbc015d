package io.tarn.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {

    private static final RequestPrincipal ALICE =
            RequestPrincipal.of("123456789012", "arn:aws:iam::123456789012:user/alice", null);
    private static final RequestPrincipal ROOT_OTHER = RequestPrincipal.of("111111111111", "arn:aws:iam::111111111111:root", null);
    private static final RequestPrincipal SESSION =
            RequestPrincipal.of("123456789012", "arn:aws:sts::123456789012:assumed-role/reader/s1", null);

    private static Policy policy(String statements) {
        return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", TestRules.RESOURCE);
    }

    private static String stmt(String sid, String effect, String principal, String action, String resource) {
        return "{\"Sid\":\"" + sid + "\",\"Effect\":\"" + effect + "\",\"Principal\":" + principal + ",\"Action\":" + action
                + ",\"Resource\":" + resource + "}";
    }

    private static Decision eval(Policy p, RequestPrincipal who, String action, String resource) {
        return p.evaluate(new AccessRequest(who, action, resource, ContextKeys.EMPTY), "bucket policy");
    }

    @Test
    void explicitDenyWinsThenAllowThenImplicitDeny() {
        Policy p = policy(stmt("AllowAll", "Allow", "\"*\"", "\"svc:*\"", "\"arn:svc:::b/*\"") + ","
                + stmt("DenySecret", "Deny", "\"*\"", "\"svc:Get*\"", "\"arn:svc:::b/secret/*\""));
        assertThat(eval(p, ALICE, "svc:GetThing", "arn:svc:::b/public/x"))
                .isEqualTo(new Decision(Decision.Outcome.ALLOW, "bucket policy", "AllowAll"));
        assertThat(eval(p, ALICE, "svc:GetThing", "arn:svc:::b/secret/x"))
                .isEqualTo(new Decision(Decision.Outcome.EXPLICIT_DENY, "bucket policy", "DenySecret"));
        assertThat(eval(p, ALICE, "svc:PutThing", "arn:svc:::b/secret/x").allowed()).isTrue();
        assertThat(eval(p, ALICE, "svc:PutThing", "arn:svc:::other/x")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(eval(p, ALICE, "other:Get", "arn:svc:::b/x")).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void statementsWithoutSidAreNamedByPosition() {
        Policy p = policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"svc:B\",\"Resource\":\"arn:x\"}");
        assertThat(eval(p, ALICE, "svc:B", "arn:x").statement()).isEqualTo("Statement[1]");
        assertThat(eval(p, ALICE, "svc:A", "arn:x").toString()).isEqualTo("ALLOW by bucket policy Statement[0]");
    }

    @Test
    void actionsAreCaseInsensitiveResourcesAreNot() {
        Policy p = policy(stmt("s", "Allow", "\"*\"", "\"SVC:getobject\"", "\"arn:svc:::b/Key?\""));
        assertThat(eval(p, ALICE, "svc:GetObject", "arn:svc:::b/Key1").allowed()).isTrue();
        assertThat(eval(p, ALICE, "svc:GetObject", "arn:svc:::b/key1").allowed()).isFalse();
        assertThat(eval(p, ALICE, "svc:GetObject", "arn:svc:::b/Key12").allowed()).isFalse();
    }

    @Test
    void notActionAndNotResource() {
        Policy p = policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":\"svc:Get*\",\"Resource\":\"arn:x\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"NotResource\":\"arn:private*\"}");
        assertThat(eval(p, ALICE, "svc:Put", "arn:x").explicitlyDenied()).isTrue();
        assertThat(eval(p, ALICE, "svc:Get", "arn:x").allowed()).isTrue();
        assertThat(eval(p, ALICE, "svc:Get", "arn:private1").allowed()).isFalse();
    }

    @Test
    void principals() {
        Policy p = policy(stmt("acct", "Allow", "{\"AWS\":\"111111111111\"}", "\"svc:A\"", "\"arn:x\"") + ","
                + stmt("user", "Allow", "{\"AWS\":\"arn:aws:iam::123456789012:user/alice\"}", "\"svc:B\"", "\"arn:x\"") + ","
                + stmt("role", "Allow", "{\"AWS\":\"arn:aws:iam::123456789012:role/reader\"}", "\"svc:C\"", "\"arn:x\"") + ","
                + stmt("svc", "Allow", "{\"Service\":\"logging.s3.amazonaws.com\"}", "\"svc:D\"", "\"arn:x\""));
        assertThat(eval(p, ROOT_OTHER, "svc:A", "arn:x").allowed()).isTrue();
        assertThat(eval(p, ALICE, "svc:A", "arn:x").allowed()).isFalse();
        assertThat(eval(p, ALICE, "svc:B", "arn:x").allowed()).isTrue();
        assertThat(eval(p, ROOT_OTHER, "svc:B", "arn:x").allowed()).isFalse();
        assertThat(eval(p, SESSION, "svc:C", "arn:x").allowed()).as("a role covers its sessions").isTrue();
        assertThat(eval(p, RequestPrincipal.service("logging.s3.amazonaws.com"), "svc:D", "arn:x").allowed()).isTrue();
        assertThat(eval(p, RequestPrincipal.anonymous(), "svc:A", "arn:x").allowed()).isFalse();
        Policy everyone = policy(stmt("pub", "Allow", "{\"AWS\":\"*\"}", "\"svc:A\"", "\"arn:x\""));
        assertThat(eval(everyone, RequestPrincipal.anonymous(), "svc:A", "arn:x").allowed()).isTrue();
    }

    @Test
    void notPrincipalDeniesEveryoneElse() {
        Policy p = policy("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"123456789012\"},\"Action\":\"*\",\"Resource\":\"arn:x\"},"
                + stmt("all", "Allow", "\"*\"", "\"*\"", "\"arn:x\""));
        assertThat(eval(p, ALICE, "svc:A", "arn:x").allowed()).isTrue();
        assertThat(eval(p, ROOT_OTHER, "svc:A", "arn:x").explicitlyDenied()).isTrue();
        assertThat(eval(p, RequestPrincipal.anonymous(), "svc:A", "arn:x").explicitlyDenied()).isTrue();
    }

    @Test
    void resourceVariablesOnlyUnderVersion2012() {
        String s = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"arn:svc:::b/${aws:username}/*\"}";
        ContextKeys alice = ContextKeys.builder().put("aws:username", "alice").build();
        Policy v2012 = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":" + s + "}", TestRules.RESOURCE);
        Policy v2008 = PolicyParser.parse("{\"Version\":\"2008-10-17\",\"Statement\":" + s + "}", TestRules.RESOURCE);
        assertThat(v2012.evaluate(new AccessRequest(ALICE, "svc:A", "arn:svc:::b/alice/x", alice), "p").allowed()).isTrue();
        assertThat(v2012.evaluate(new AccessRequest(ALICE, "svc:A", "arn:svc:::b/bob/x", alice), "p").allowed()).isFalse();
        assertThat(v2008.evaluate(new AccessRequest(ALICE, "svc:A", "arn:svc:::b/alice/x", alice), "p").allowed()).isFalse();
        assertThat(v2008.evaluate(new AccessRequest(ALICE, "svc:A", "arn:svc:::b/${aws:username}/x", alice), "p").allowed())
                .as("a literal under 2008-10-17").isTrue();
    }

    @Test
    void combiningResourceAndIdentityDecisions() {
        Decision allow = new Decision(Decision.Outcome.ALLOW, "bucket policy", "a");
        Decision idAllow = new Decision(Decision.Outcome.ALLOW, "identity policy", "i");
        Decision deny = new Decision(Decision.Outcome.EXPLICIT_DENY, "identity policy", "d");
        Decision none = Decision.IMPLICIT_DENY;
        assertThat(Decision.combine(allow, none, true)).isEqualTo(allow);
        assertThat(Decision.combine(none, idAllow, true)).isEqualTo(idAllow);
        assertThat(Decision.combine(allow, none, false)).isEqualTo(none);
        assertThat(Decision.combine(none, idAllow, false)).isEqualTo(none);
        assertThat(Decision.combine(allow, idAllow, false)).isEqualTo(allow);
        assertThat(Decision.combine(allow, deny, true)).isEqualTo(deny);
        assertThat(Decision.combine(deny, idAllow, true)).isEqualTo(deny);
        assertThat(Decision.combine(none, none, true)).isEqualTo(none);
    }
}
