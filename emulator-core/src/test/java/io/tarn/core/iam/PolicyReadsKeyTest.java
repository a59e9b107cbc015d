package io.tarn.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Policy#readsKey}: which context keys a policy's conditions read, so a service gathers only those. */
class PolicyReadsKeyTest {

    private static Policy policy(String condition) {
        return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"svc:Get\",\"Resource\":\"arn:svc:::b/*\"" + (condition.isEmpty() ? "" : ",\"Condition\":" + condition)
                + "}]}", TestRules.RESOURCE);
    }

    @Test
    void aConditionKeyIsReadByPrefixWhateverItsCase() {
        Policy p = policy("{\"StringEquals\":{\"s3:ExistingObjectTag/classification\":\"public\"}}");
        assertThat(p.readsKey("s3:ExistingObjectTag/")).isTrue();
        assertThat(p.readsKey("S3:EXISTINGOBJECTTAG/")).isTrue();
        assertThat(p.readsKey("s3:RequestObjectTag/")).isFalse();
    }

    @Test
    void aVariableInAConditionValueIsRead() {
        Policy p = policy("{\"StringEquals\":{\"aws:userid\":\"${s3:ExistingObjectTag/owner}\"}}");
        assertThat(p.readsKey("s3:existingobjecttag/")).isTrue();
        assertThat(p.readsKey("aws:userid")).isTrue();
    }

    @Test
    void aPolicyWithoutConditionsReadsNoKey() {
        assertThat(policy("").readsKey("s3:ExistingObjectTag/")).isFalse();
        assertThat(policy("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}").readsKey("s3:ExistingObjectTag/")).isFalse();
    }
}
