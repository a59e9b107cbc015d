package io.tarn.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWS's evaluation logic across identity-based, resource-based, session and trust policies. */
class IdentitiesTest {

    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final String OBJECT = "arn:aws:s3:::data/reports/q1.csv";
    private static final String OTHER_OBJECT = "arn:aws:s3:::data/private/x";

    private static final RequestPrincipal ALICE = RequestPrincipal.of(A, "arn:aws:iam::" + A + ":user/alice", null);
    private static final RequestPrincipal BOB = RequestPrincipal.of(A, "arn:aws:iam::" + A + ":user/bob", null); // no policies
    private static final RequestPrincipal ROOT = RequestPrincipal.of(A, "arn:aws:iam::" + A + ":root", null);
    private static final RequestPrincipal READER = RequestPrincipal.of(A, "arn:aws:sts::" + A + ":assumed-role/reader/s1", null);
    private static final RequestPrincipal CAROL = RequestPrincipal.of(B, "arn:aws:iam::" + B + ":user/carol", null);

    private static Policy identity(String statements) {
        return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", IdentityPolicyRules.INSTANCE);
    }

    private static Policy trust(String statements) {
        return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", TrustPolicyRules.INSTANCE);
    }

    private static final String READ_REPORTS = "{\"Sid\":\"ReadReports\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::data/reports/*\"}";

    private static final Identities IDS = new Identities(
            List.of(new Identities.Identity("arn:aws:iam::" + A + ":user/alice", A, "alice", Map.of("read", identity(READ_REPORTS)), null),
                    new Identities.Identity("arn:aws:iam::" + B + ":user/carol", B, "carol", Map.of("all", identity(
                            "{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"sts:AssumeRole\"],\"Resource\":\"*\"},"
                                    + "{\"Sid\":\"NoDelete\",\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\"}")),
                            null)),
            List.of(new Identities.Identity("arn:aws:iam::" + A + ":role/reader", A, "reader",
                    Map.of("read", identity("{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}")),
                    trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::" + A + ":user/alice\",\"" + B + "\"]},"
                            + "\"Action\":\"sts:AssumeRole\"}")),
                    new Identities.Identity("arn:aws:iam::" + A + ":role/local", A, "local", Map.of(), null)));

    private static Decision decide(RequestPrincipal who, String action, String resource, Decision resourceBased, boolean sameAccount) {
        return IDS.decide(new AccessRequest(who, action, resource, ContextKeys.EMPTY), resourceBased, sameAccount);
    }

    private static final Decision BUCKET_ALLOWS = new Decision(Decision.Outcome.ALLOW, "bucket policy", "Share");
    private static final Decision BUCKET_DENIES = new Decision(Decision.Outcome.EXPLICIT_DENY, "bucket policy", "Lock");

    @Test
    void aUserDoesWhatItsPoliciesAllowAndNothingElseEvenInItsOwnAccount() {
        assertThat(decide(ALICE, "s3:GetObject", OBJECT, Decision.IMPLICIT_DENY, true))
                .isEqualTo(new Decision(Decision.Outcome.ALLOW, "identity-based policy alice/read", "ReadReports"));
        Decision put = decide(ALICE, "s3:PutObject", OBJECT, Decision.IMPLICIT_DENY, true);
        assertThat(put.allowed()).isFalse();
        assertThat(Identities.denialReason(put, "s3:PutObject")).isEqualTo("because no identity-based policy allows the s3:PutObject action");
        assertThat(decide(ALICE, "s3:GetObject", OTHER_OBJECT, Decision.IMPLICIT_DENY, true).allowed()).isFalse();
    }

    @Test
    void sameAccountEitherAllowSuffices() {
        assertThat(decide(ALICE, "s3:PutObject", OBJECT, BUCKET_ALLOWS, true)).isEqualTo(BUCKET_ALLOWS);
    }

    @Test
    void crossAccountBothMustAllow() {
        assertThat(decide(CAROL, "s3:GetObject", OBJECT, BUCKET_ALLOWS, false)).isEqualTo(BUCKET_ALLOWS);
        Decision noBucketGrant = decide(CAROL, "s3:GetObject", OBJECT, Decision.IMPLICIT_DENY, false);
        assertThat(noBucketGrant.allowed()).isFalse();
        assertThat(Identities.denialReason(noBucketGrant, "s3:GetObject"))
                .isEqualTo("because no resource-based policy allows the s3:GetObject action");
        // alice's policies give her nothing in the other account's bucket, whatever its policy grants
        assertThat(decide(ALICE, "s3:PutObject", OBJECT, BUCKET_ALLOWS, false).allowed()).isFalse();
    }

    @Test
    void anExplicitDenyAnywhereWins() {
        Decision identityDeny = decide(CAROL, "s3:DeleteObject", OBJECT, BUCKET_ALLOWS, false);
        assertThat(identityDeny).isEqualTo(new Decision(Decision.Outcome.EXPLICIT_DENY, "identity-based policy carol/all", "NoDelete"));
        assertThat(Identities.denialReason(identityDeny, "s3:DeleteObject")).isEqualTo("with an explicit deny in an identity-based policy");
        assertThat(decide(ALICE, "s3:GetObject", OBJECT, BUCKET_DENIES, true)).isEqualTo(BUCKET_DENIES);
        assertThat(Identities.denialReason(BUCKET_DENIES, "s3:GetObject")).isEqualTo("with an explicit deny in a resource-based policy");
    }

    @Test
    void principalsWithoutPoliciesKeepTheirAccountsStanding() {
        assertThat(decide(ROOT, "s3:PutObject", OBJECT, Decision.IMPLICIT_DENY, true).allowed()).isTrue();
        assertThat(decide(BOB, "s3:PutObject", OBJECT, Decision.IMPLICIT_DENY, true).allowed()).isTrue();
        assertThat(decide(ROOT, "s3:PutObject", OBJECT, Decision.IMPLICIT_DENY, false).allowed()).isFalse();
        RequestPrincipal unconfiguredRole = RequestPrincipal.of(A, "arn:aws:sts::" + A + ":assumed-role/any/s", null);
        assertThat(decide(unconfiguredRole, "s3:PutObject", OBJECT, Decision.IMPLICIT_DENY, true).allowed()).isTrue();
    }

    @Test
    void aRoleSessionActsWithItsRolesPolicies() {
        assertThat(decide(READER, "s3:GetObject", OTHER_OBJECT, Decision.IMPLICIT_DENY, true).allowed()).isTrue();
        assertThat(decide(READER, "s3:PutObject", OTHER_OBJECT, Decision.IMPLICIT_DENY, true).allowed()).isFalse();
    }

    @Test
    void aSessionPolicyNarrowsTheRolesPermissionsAndNeverWidensThem() {
        Policy session = IDS.sessionPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::data/reports/*\"}]}");
        RequestPrincipal narrowed = READER.withSessionPolicy(session);
        assertThat(decide(narrowed, "s3:GetObject", OBJECT, Decision.IMPLICIT_DENY, true).allowed()).isTrue();
        Decision outside = decide(narrowed, "s3:GetObject", OTHER_OBJECT, Decision.IMPLICIT_DENY, true);
        assertThat(outside.allowed()).isFalse();
        assertThat(Identities.denialReason(outside, "s3:GetObject")).isEqualTo("because no session policy allows the s3:GetObject action");
        // the session policy allows s3:PutObject but the role does not
        assertThat(decide(narrowed, "s3:PutObject", OBJECT, Decision.IMPLICIT_DENY, true).allowed()).isFalse();
        // compiled once per document
        assertThat(IDS.sessionPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::data/reports/*\"}]}")).isSameAs(session);
    }

    @Test
    void aSessionPolicysDenyIsAnExplicitDeny() {
        Policy session = IDS.sessionPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + OBJECT + "\"}]}");
        Decision d = decide(READER.withSessionPolicy(session), "s3:GetObject", OBJECT, BUCKET_ALLOWS, true);
        assertThat(d.explicitlyDenied()).isTrue();
        assertThat(Identities.denialReason(d, "s3:GetObject")).isEqualTo("with an explicit deny in a session policy");
    }

    private static Decision assume(RequestPrincipal who, String roleName, String account) {
        String arn = "arn:aws:iam::" + account + ":role/" + roleName;
        return IDS.assumeRole(new AccessRequest(who, "sts:AssumeRole", arn, ContextKeys.EMPTY), IDS.role(account, roleName), account);
    }

    @Test
    void aTrustPolicyDecidesWhoMayAssumeTheRole() {
        assertThat(assume(ALICE, "reader", A).allowed()).isTrue(); // named: alice needs no identity allow in her own account
        assertThat(assume(BOB, "reader", A).allowed()).isFalse(); // not trusted, though his identity allows everything
        assertThat(assume(ROOT, "reader", A).allowed()).isFalse();
        assertThat(assume(CAROL, "reader", A).allowed()).isTrue(); // her account is trusted and her policies allow it
    }

    @Test
    void crossAccountTheCallersIdentityMustAllowAssumeRoleToo() {
        Identities ids = new Identities(List.of(new Identities.Identity("arn:aws:iam::" + B + ":user/carol", B, "carol",
                Map.of("s3", identity("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}")), null)), List.of(
                new Identities.Identity("arn:aws:iam::" + A + ":role/reader", A, "reader", Map.of(),
                        trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + B + "\"},\"Action\":\"sts:AssumeRole\"}"))));
        String arn = "arn:aws:iam::" + A + ":role/reader";
        assertThat(ids.assumeRole(new AccessRequest(CAROL, "sts:AssumeRole", arn, ContextKeys.EMPTY), ids.role(A, "reader"), A)
                .allowed()).isFalse();
    }

    @Test
    void aTrustPolicyNamingTheAccountLeavesTheChoiceToItsIdentityPolicies() {
        Identities.Identity alice = IDS.user("arn:aws:iam::" + A + ":user/alice");
        String arn = "arn:aws:iam::" + A + ":role/app";
        for (String principal : List.of("\"" + A + "\"", "\"arn:aws:iam::" + A + ":root\"")) {
            Identities ids = new Identities(List.of(alice), List.of(new Identities.Identity(arn, A, "app", Map.of(),
                    trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":" + principal + "},\"Action\":\"sts:AssumeRole\"}"))));
            // bob has no policies (his account's standing); alice's do not allow sts:AssumeRole
            assertThat(ids.assumeRole(new AccessRequest(BOB, "sts:AssumeRole", arn, ContextKeys.EMPTY), ids.role(A, "app"), A)
                    .allowed()).isTrue();
            assertThat(ids.assumeRole(new AccessRequest(ALICE, "sts:AssumeRole", arn, ContextKeys.EMPTY), ids.role(A, "app"), A)
                    .allowed()).isFalse();
        }
        // named by her ARN as well, alice needs no identity allow within her account
        Identities ids = new Identities(List.of(alice), List.of(new Identities.Identity(arn, A, "app", Map.of(),
                trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"" + A + "\",\"arn:aws:iam::" + A + ":user/alice\"]},"
                        + "\"Action\":\"sts:AssumeRole\"}"))));
        assertThat(ids.assumeRole(new AccessRequest(ALICE, "sts:AssumeRole", arn, ContextKeys.EMPTY), ids.role(A, "app"), A)
                .allowed()).isTrue();
    }

    @Test
    void aRoleWithoutTrustPolicyTrustsItsAccountsIdentitiesThatMayAssumeIt() {
        assertThat(assume(BOB, "local", A).allowed()).isTrue(); // no policies: his account's standing
        assertThat(assume(ALICE, "local", A).allowed()).isFalse(); // her policies do not allow sts:AssumeRole
        assertThat(assume(CAROL, "local", A).allowed()).isFalse(); // another account
    }

    @Test
    void aRoleTarnDoesNotKnowMayBeAssumedByAnyone() {
        assertThat(assume(ROOT, "unknown", A).allowed()).isTrue();
        assertThat(assume(CAROL, "unknown", A).allowed()).isTrue();
    }

    @Test
    void trustPoliciesNameNoResourceAndIdentityPoliciesNoPrincipal() {
        assertThatThrownBy(() -> trust("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}"))
                .hasMessage("Has prohibited field Resource");
        assertThatThrownBy(() -> trust("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}"))
                .isInstanceOf(PolicyException.class);
        assertThatThrownBy(() -> identity("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"))
                .hasMessage("Policy document should not specify a principal.");
        assertThatThrownBy(() -> identity("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"bucket\"}"))
                .hasMessage("Resource bucket must be in ARN format or \"*\".");
    }

}
