package io.tarn.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyParserTest {

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    private static void refused(String document, String message) {
        assertThatThrownBy(() -> PolicyParser.parse(document, TestRules.RESOURCE))
                .isInstanceOf(PolicyException.class).hasMessage(message);
    }

    @Test
    void documentsThatAreNotJsonObjects() {
        refused("", PolicyParser.NOT_JSON);
        refused("invalid json", PolicyParser.NOT_JSON);
        refused("[1]", PolicyParser.NOT_JSON);
        refused("{\"Version\":", PolicyParser.INVALID_JSON);
        refused("{\"Statement\":[],\"Statement\":[]}", PolicyParser.INVALID_JSON); // duplicate keys
        refused("{} {}", PolicyParser.INVALID_JSON);
        refused("{}", "Missing required field Statement");
        refused("{\"Statement\":[]}", "Could not parse the policy: Statement is empty!");
    }

    @Test
    void unknownFieldsAndVersions() {
        refused("{\"Foo\":1,\"Statement\":[]}", "Unknown field Foo");
        refused(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"arn:x\",\"Bar\":1}"),
                "Unknown field Bar");
        refused("{\"Version\":\"2012-10-18\",\"Statement\":{}}", "The policy must contain a valid version string");
        Policy defaulted = PolicyParser.parse(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"}}",
                TestRules.RESOURCE);
        assertThat(defaulted.version()).isEqualTo("2008-10-17");
        assertThat(defaulted.size()).isEqualTo(1);
    }

    @Test
    void requiredElementsAndEffect() {
        refused(policy("{\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"}"), "Missing required field Effect");
        refused(policy("{\"Effect\":\"allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"}"),
                "Invalid effect: allow");
        refused(policy("{\"Effect\":\"Allow\",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"}"), "Missing required field Principal");
        refused(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"arn:x\"}"), "Missing required field Action");
        refused(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\"}"), "Missing required field Resource");
        refused(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"NotAction\":\"svc:B\",\"Resource\":\"arn:x\"}"),
                PolicyParser.SYNTAX);
        refused(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":null,\"Resource\":\"arn:x\"}"), PolicyParser.SYNTAX);
        refused(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"other:A\",\"Resource\":\"arn:x\"}"),
                "Policy has invalid action");
        refused(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"x\"}"),
                "Policy has invalid resource");
        assertThatThrownBy(() -> PolicyParser.parse(
                policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"}"), TestRules.IDENTITY))
                .hasMessage("Policy document should not specify a principal.");
    }

    @Test
    void principals() {
        String[] valid = {"\"*\"", "{\"AWS\":\"*\"}", "{\"AWS\":\"123456789012\"}", "{\"AWS\":[\"arn:aws:iam::123456789012:root\"]}",
            "{\"AWS\":\"arn:aws:iam::123456789012:user/path/alice\"}", "{\"AWS\":\"arn:aws:iam::123456789012:role/r\"}",
            "{\"AWS\":\"arn:aws:sts::123456789012:assumed-role/r/session\"}", "{\"Service\":\"cloudfront.amazonaws.com\"}",
            "{\"CanonicalUser\":\"" + "a".repeat(64) + "\"}", "{\"Federated\":\"cognito-identity.amazonaws.com\"}"};
        for (String p : valid) {
            PolicyParser.parse(policy("{\"Effect\":\"Allow\",\"Principal\":" + p + ",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"}"),
                    TestRules.RESOURCE);
        }
        String[] invalid = {"\"alice\"", "{\"AWS\":\"AKIAIOSFODNN7EXAMPLE\"}", "{\"AWS\":\"arn:aws:iam::123456789012:user/*\"}",
            "{\"AWS\":\"12345\"}", "{\"Service\":\"*\"}", "{\"CanonicalUser\":\"abc\"}", "{\"Other\":\"x\"}", "{}", "[\"*\"]"};
        for (String p : invalid) {
            refused(policy("{\"Effect\":\"Allow\",\"Principal\":" + p + ",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"}"),
                    "Invalid principal in policy");
        }
        refused(policy("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"123456789012\"},\"Action\":\"svc:A\",\"Resource\":\"arn:x\"}"),
                "Invalid principal in policy");
    }

    @Test
    void conditions() {
        String base = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"arn:x\",\"Condition\":";
        refused(policy(base + "{\"StringEqualz\":{\"svc:k\":\"v\"}}}"), "Invalid Condition type : StringEqualz");
        refused(policy(base + "{\"stringequals\":{\"svc:k\":\"v\"}}}"), "Invalid Condition type : stringequals");
        refused(policy(base + "{\"NullIfExists\":{\"svc:k\":\"true\"}}}"), "Invalid Condition type : NullIfExists");
        refused(policy(base + "{\"StringEquals\":{\"nokey\":\"v\"}}}"), "Policy has an invalid condition key");
        refused(policy(base + "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}}"), "Invalid IP address in Conditions");
        refused(policy(base + "{\"IpAddress\":{\"aws:SourceIp\":\"example.com\"}}}"), "Invalid IP address in Conditions");
        PolicyParser.parse(policy(base + "{\"ForAnyValue:StringLikeIfExists\":{\"svc:k\":[\"a*\",\"b\"]},"
                + "\"NumericLessThan\":{\"svc:n\":10},\"Bool\":{\"aws:SecureTransport\":false}}}"), TestRules.RESOURCE);
    }

    @Test
    void sizeIsMeasuredWithoutWhitespace() {
        String sid = "x".repeat(20000);
        String padded = policy("{\"Sid\":\"" + sid + "\",   \"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"}");
        PolicyParser.parse(padded + " ".repeat(1000), TestRules.RESOURCE);
        refused(policy("{\"Sid\":\"" + "x".repeat(20480) + "\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"svc:A\",\"Resource\":\"arn:x\"}"),
                "Normalized policy document exceeds the maximum allowed size of 20480 bytes");
    }
}
