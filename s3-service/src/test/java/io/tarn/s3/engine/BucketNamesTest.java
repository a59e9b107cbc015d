package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The general purpose bucket naming rules. */
class BucketNamesTest {

    /** https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html: valid examples and edge cases. */
    @ParameterizedTest
    @ValueSource(strings = {"abc", "a1b", "000", "docexamplebucket1", "log-delivery-march-2020", "my-hosted-content",
        "example.com", "www.example.com", "my.example.s3.bucket", "a-b.c-d", "xn-abc", "s3alias", "amzn-s3-demo",
        "bucket-s3alias1", "192.168.5.4.5", "192.168.5", "mrap.bucket",
        "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123"})
    void validBucketNames(String name) {
        assertThat(name.length()).isBetween(3, 63);
        assertThatCode(() -> BucketEngine.checkName(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a", "", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234",
        "DocExampleBucket", "My-Bucket", "doc_example_bucket", "doc-example-bucket-", "-bucket", ".bucket", "bucket.",
        "my..bucket", "example..com", "192.168.5.4", "10.0.0.1", "xn--abc", "xn--examplebucket", "sthree-bucket",
        "sthree-configurator", "amzn-s3-demo-bucket", "bucket-s3alias", "bucket--ol-s3", "bucket.mrap", "bucket--x-s3",
        "bucket--usw2-az1--x-s3", "bucket--table-s3", "bucket name", "bücket", "bucket/name"})
    void invalidBucketNames(String name) {
        assertThatThrownBy(() -> BucketEngine.checkName(name)).isInstanceOf(AwsException.class).satisfies(e -> {
            assertThat(((AwsException) e).code()).isEqualTo("InvalidBucketName");
            assertThat(((AwsException) e).status()).isEqualTo(400);
        });
    }
}
