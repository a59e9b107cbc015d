package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketRegionsTest {

    @ParameterizedTest
    @CsvSource({
        "us-east-1, , us-east-1",
        "us-east-1, eu-west-1, eu-west-1",
        "us-east-1, EU, eu-west-1",
        "us-east-1, ap-southeast-7, ap-southeast-7",
        "eu-west-1, eu-west-1, eu-west-1",
        "eu-west-1, EU, eu-west-1",
        "cn-north-1, cn-north-1, cn-north-1",
        "us-gov-west-1, us-gov-west-1, us-gov-west-1",
        "us-iso-east-1, us-iso-east-1, us-iso-east-1",
        "us-isob-east-1, us-isob-east-1, us-isob-east-1",
        "eusc-de-east-1, eusc-de-east-1, eusc-de-east-1",
    })
    void theGlobalEndpointCreatesAnywhereInItsPartitionAndARegionalOneOnlyAtHome(String endpoint, String constraint, String region) {
        assertThat(BucketRegions.bucketRegion(endpoint, constraint)).isEqualTo(region);
    }

    @ParameterizedTest
    @CsvSource({
        "eu-west-1, , IllegalLocationConstraintException, The unspecified location constraint is incompatible",
        "eu-west-1, us-west-2, IllegalLocationConstraintException, The us-west-2 location constraint is incompatible",
        "us-east-1, cn-north-1, IllegalLocationConstraintException, The cn-north-1 location constraint is incompatible",
        "cn-north-1, us-west-2, IllegalLocationConstraintException, The us-west-2 location constraint is incompatible",
        "us-east-1, us-east-1, InvalidLocationConstraint, The specified location-constraint is not valid",
        "us-east-1, mars-north-1, InvalidLocationConstraint, The specified location-constraint is not valid",
    })
    void otherCombinationsAreRefusedAsS3RefusesThem(String endpoint, String constraint, String code, String message) {
        assertThatThrownBy(() -> BucketRegions.bucketRegion(endpoint, constraint)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).startsWith(message);
        });
    }

    @Test
    void everyPartitionsRegionsAreKnown() {
        assertThat(BucketRegions.known("cn-northwest-1")).isTrue();
        assertThat(BucketRegions.known("us-gov-east-1")).isTrue();
        assertThat(BucketRegions.known("us-isof-south-1")).isTrue();
        assertThat(BucketRegions.known("EU")).isFalse();
    }
}
