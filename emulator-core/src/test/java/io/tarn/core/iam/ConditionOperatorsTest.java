package io.tarn.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each operator family through a whole policy, so parsing, compiling and evaluation are all in play. */
class ConditionOperatorsTest {

    private static final RequestPrincipal ALICE =
            RequestPrincipal.of("123456789012", "arn:aws:iam::123456789012:user/alice", null);

    /** Whether a one-statement Allow with this Condition block allows a request with these context keys. */
    private static boolean allows(String condition, ContextKeys context) {
        Policy policy = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"svc:Do\",\"Resource\":\"arn:x\",\"Condition\":" + condition + "}}", TestRules.RESOURCE);
        return policy.evaluate(new AccessRequest(ALICE, "svc:Do", "arn:x", context), "p").allowed();
    }

    private static ContextKeys key(String key, String... values) {
        return ContextKeys.builder().putAll(key, List.of(values)).build();
    }

    private static final ContextKeys NONE = ContextKeys.EMPTY;

    @Test
    void strings() {
        assertThat(allows("{\"StringEquals\":{\"svc:k\":[\"a\",\"b\"]}}", key("svc:k", "b"))).isTrue();
        assertThat(allows("{\"StringEquals\":{\"svc:k\":\"a\"}}", key("svc:k", "A"))).isFalse();
        assertThat(allows("{\"StringEquals\":{\"svc:k\":\"a\"}}", NONE)).isFalse();
        assertThat(allows("{\"StringEquals\":{\"SVC:K\":\"a\"}}", key("svc:k", "a"))).as("key names are case-insensitive").isTrue();
        assertThat(allows("{\"StringNotEquals\":{\"svc:k\":[\"a\",\"b\"]}}", key("svc:k", "c"))).isTrue();
        assertThat(allows("{\"StringNotEquals\":{\"svc:k\":[\"a\",\"b\"]}}", key("svc:k", "b"))).isFalse();
        assertThat(allows("{\"StringNotEquals\":{\"svc:k\":\"a\"}}", NONE)).as("a negated operator holds for an absent key").isTrue();
        assertThat(allows("{\"StringEqualsIgnoreCase\":{\"svc:k\":\"AbC\"}}", key("svc:k", "aBc"))).isTrue();
        assertThat(allows("{\"StringNotEqualsIgnoreCase\":{\"svc:k\":\"AbC\"}}", key("svc:k", "aBc"))).isFalse();
        assertThat(allows("{\"StringEquals\":{\"svc:k\":\"a*\"}}", key("svc:k", "abc"))).as("no wildcards in Equals").isFalse();
        assertThat(allows("{\"StringLike\":{\"svc:k\":\"a*c?\"}}", key("svc:k", "a/b:cd"))).isTrue();
        assertThat(allows("{\"StringLike\":{\"svc:k\":\"a*c?\"}}", key("svc:k", "abc"))).isFalse();
        assertThat(allows("{\"StringLike\":{\"svc:k\":\"A*\"}}", key("svc:k", "abc"))).as("Like is case-sensitive").isFalse();
        assertThat(allows("{\"StringNotLike\":{\"svc:k\":\"public*\"}}", key("svc:k", "private"))).isTrue();
        assertThat(allows("{\"StringNotLike\":{\"svc:k\":\"public*\"}}", key("svc:k", "public-read"))).isFalse();
    }

    @Test
    void numbers() {
        assertThat(allows("{\"NumericEquals\":{\"svc:n\":\"10\"}}", key("svc:n", "10.0"))).isTrue();
        assertThat(allows("{\"NumericNotEquals\":{\"svc:n\":10}}", key("svc:n", "10"))).isFalse();
        assertThat(allows("{\"NumericLessThan\":{\"svc:n\":10}}", key("svc:n", "9"))).isTrue();
        assertThat(allows("{\"NumericLessThan\":{\"svc:n\":10}}", key("svc:n", "10"))).isFalse();
        assertThat(allows("{\"NumericLessThanEquals\":{\"svc:n\":10}}", key("svc:n", "10"))).isTrue();
        assertThat(allows("{\"NumericGreaterThan\":{\"svc:n\":1.5}}", key("svc:n", "2"))).isTrue();
        assertThat(allows("{\"NumericGreaterThanEquals\":{\"svc:n\":2}}", key("svc:n", "1"))).isFalse();
        assertThat(allows("{\"NumericEquals\":{\"svc:n\":10}}", key("svc:n", "ten"))).as("not a number: no match").isFalse();
    }

    @Test
    void dates() {
        ContextKeys now = key("aws:CurrentTime", "2026-06-01T12:00:00Z");
        assertThat(allows("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\"}}", now)).isTrue();
        assertThat(allows("{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-01-01\"}}", now)).isFalse();
        assertThat(allows("{\"DateLessThanEquals\":{\"aws:CurrentTime\":\"2026-06-01T14:00:00+02:00\"}}", now)).isTrue();
        assertThat(allows("{\"DateGreaterThanEquals\":{\"aws:CurrentTime\":\"1780315200\"}}", now)).as("epoch seconds").isTrue();
        assertThat(allows("{\"DateEquals\":{\"aws:CurrentTime\":\"2026-06-01T12:00:00.000Z\"}}", now)).isTrue();
        assertThat(allows("{\"DateNotEquals\":{\"aws:CurrentTime\":\"2026-06-01T12:00:00Z\"}}", now)).isFalse();
    }

    @Test
    void boolBinaryAndNull() {
        assertThat(allows("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", key("aws:SecureTransport", "true"))).isTrue();
        assertThat(allows("{\"Bool\":{\"aws:SecureTransport\":false}}", key("aws:SecureTransport", "true"))).isFalse();
        assertThat(allows("{\"Bool\":{\"aws:SecureTransport\":false}}", NONE)).isFalse();
        assertThat(allows("{\"BinaryEquals\":{\"svc:b\":\"QmluYXJ5\"}}", key("svc:b", "QmluYXJ5"))).isTrue();
        assertThat(allows("{\"BinaryEquals\":{\"svc:b\":\"QmluYXJ5\"}}", key("svc:b", "QmluYXJ6"))).isFalse();
        assertThat(allows("{\"Null\":{\"svc:k\":\"true\"}}", NONE)).isTrue();
        assertThat(allows("{\"Null\":{\"svc:k\":\"true\"}}", key("svc:k", "x"))).isFalse();
        assertThat(allows("{\"Null\":{\"svc:k\":false}}", key("svc:k", "x"))).isTrue();
        assertThat(allows("{\"Null\":{\"svc:k\":false}}", NONE)).isFalse();
    }

    @Test
    void ipAddresses() {
        assertThat(allows("{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}", key("aws:SourceIp", "192.0.2.77"))).isTrue();
        assertThat(allows("{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}", key("aws:SourceIp", "192.0.3.1"))).isFalse();
        assertThat(allows("{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.7\"}}", key("aws:SourceIp", "192.0.2.7"))).as("/32").isTrue();
        assertThat(allows("{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/7\"}}", key("aws:SourceIp", "11.255.0.1"))).isTrue();
        assertThat(allows("{\"NotIpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}", key("aws:SourceIp", "192.0.2.1"))).isFalse();
        assertThat(allows("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}", key("aws:SourceIp", "2001:db8:1::5"))).isTrue();
        assertThat(allows("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}", key("aws:SourceIp", "2001:db9::5"))).isFalse();
        assertThat(allows("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}", key("aws:SourceIp", "192.0.2.1"))).isFalse();
    }

    @Test
    void arns() {
        ContextKeys arn = key("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic");
        assertThat(allows("{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:topic\"}}", arn)).isTrue();
        assertThat(allows("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:123456789012:*\"}}", arn)).isTrue();
        assertThat(allows("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:1234*\"}}", arn)).as("a * never spans a colon").isFalse();
        assertThat(allows("{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:sqs:*:*:*\"}}", arn)).isTrue();
        assertThat(allows("{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:topic\"}}", arn)).isFalse();
    }

    @Test
    void ifExists() {
        assertThat(allows("{\"StringEqualsIfExists\":{\"svc:k\":\"a\"}}", NONE)).isTrue();
        assertThat(allows("{\"StringEqualsIfExists\":{\"svc:k\":\"a\"}}", key("svc:k", "b"))).isFalse();
        assertThat(allows("{\"NumericLessThanIfExists\":{\"svc:n\":5}}", key("svc:n", "3"))).isTrue();
    }

    @Test
    void setOperatorsOverMultiValuedKeys() {
        String forAll = "{\"ForAllValues:StringEquals\":{\"svc:tags\":[\"a\",\"b\"]}}";
        assertThat(allows(forAll, key("svc:tags", "a", "b"))).isTrue();
        assertThat(allows(forAll, key("svc:tags", "a", "c"))).isFalse();
        assertThat(allows(forAll, NONE)).as("ForAllValues holds when the key is absent").isTrue();
        String forAny = "{\"ForAnyValue:StringEquals\":{\"svc:tags\":[\"a\",\"b\"]}}";
        assertThat(allows(forAny, key("svc:tags", "c", "b"))).isTrue();
        assertThat(allows(forAny, key("svc:tags", "c", "d"))).isFalse();
        assertThat(allows(forAny, NONE)).isFalse();
        assertThat(allows("{\"ForAllValues:StringNotEquals\":{\"svc:tags\":\"secret\"}}", key("svc:tags", "a", "b"))).isTrue();
        assertThat(allows("{\"ForAllValues:StringNotEquals\":{\"svc:tags\":\"secret\"}}", key("svc:tags", "a", "secret"))).isFalse();
        assertThat(allows("{\"ForAnyValue:StringNotEquals\":{\"svc:tags\":\"secret\"}}", key("svc:tags", "a", "secret"))).isTrue();
        assertThat(allows("{\"StringEquals\":{\"svc:tags\":\"b\"}}", key("svc:tags", "a", "b"))).as("plain: any value").isTrue();
        assertThat(allows("{\"StringNotEquals\":{\"svc:tags\":\"b\"}}", key("svc:tags", "a", "b"))).as("plain negated: none").isFalse();
    }

    @Test
    void conditionsAreAndedKeysToo() {
        String both = "{\"StringEquals\":{\"svc:a\":\"1\",\"svc:b\":\"2\"},\"Bool\":{\"svc:c\":\"true\"}}";
        assertThat(allows(both, ContextKeys.builder().put("svc:a", "1").put("svc:b", "2").put("svc:c", "true").build())).isTrue();
        assertThat(allows(both, ContextKeys.builder().put("svc:a", "1").put("svc:b", "2").build())).isFalse();
    }

    @Test
    void variablesInConditionValues() {
        String c = "{\"StringLike\":{\"svc:prefix\":\"home/${aws:username}/*\"}}";
        ContextKeys alice = ContextKeys.builder().put("aws:username", "alice").put("svc:prefix", "home/alice/x").build();
        ContextKeys bob = ContextKeys.builder().put("aws:username", "bob").put("svc:prefix", "home/alice/x").build();
        assertThat(allows(c, alice)).isTrue();
        assertThat(allows(c, bob)).isFalse();
        assertThat(allows(c, key("svc:prefix", "home/alice/x"))).as("a variable without a value matches nothing").isFalse();
        assertThat(allows("{\"StringNotLike\":{\"svc:prefix\":\"home/${aws:username}/*\"}}", key("svc:prefix", "home/a/x")))
                .as("negated operators match a variable without value").isTrue();
        assertThat(allows("{\"StringEquals\":{\"svc:k\":\"${svc:missing, 'dflt'}\"}}", key("svc:k", "dflt"))).isTrue();
        assertThat(allows("{\"StringEquals\":{\"svc:k\":\"a${*}b${?}${$}\"}}", key("svc:k", "a*b?$"))).isTrue();
        ContextKeys starUser = ContextKeys.builder().put("aws:username", "*").put("svc:prefix", "home/zed/x").build();
        assertThat(allows(c, starUser)).as("a variable's value is literal").isFalse();
    }
}
