package io.tarn.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyPublicityTest {

    private static boolean isPublic(String principal, String condition) {
        Policy p = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}",
                TestRules.RESOURCE);
        return PolicyPublicity.isPublic(p, Set.of("svc:accesspoint"));
    }

    @Test
    void wildcardPrincipalsArePublicUnlessAConditionFixesThem() {
        assertThat(isPublic("\"*\"", null)).isTrue();
        assertThat(isPublic("{\"AWS\":\"*\"}", null)).isTrue();
        assertThat(isPublic("{\"AWS\":\"111111111111\"}", null)).isFalse();
        assertThat(isPublic("\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/32\"}}")).isFalse();
        assertThat(isPublic("\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/1\"}}")).as("too wide").isTrue();
        assertThat(isPublic("\"*\"", "{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/16\"}}")).isTrue();
        assertThat(isPublic("\"*\"", "{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/32\"}}")).isTrue();
        assertThat(isPublic("\"*\"", "{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-111\"}}")).isFalse();
        assertThat(isPublic("\"*\"", "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-123\"}}")).isFalse();
        assertThat(isPublic("\"*\"", "{\"StringLike\":{\"aws:PrincipalOrgID\":\"o-*\"}}")).as("not fixed").isTrue();
        assertThat(isPublic("\"*\"", "{\"StringEqualsIfExists\":{\"aws:SourceVpc\":\"vpc-111\"}}")).isTrue();
        assertThat(isPublic("\"*\"", "{\"StringEquals\":{\"svc:AccessPoint\":\"ap\"}}")).as("a service's key").isFalse();
        assertThat(isPublic("\"*\"", "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}")).isTrue();
    }

    @Test
    void denyStatementsNeverMakeAPolicyPublic() {
        Policy p = PolicyParser.parse("{\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"arn:x\"}}",
                TestRules.RESOURCE);
        assertThat(PolicyPublicity.isPublic(p, Set.of())).isFalse();
    }
}
