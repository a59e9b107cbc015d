package io.tarn.firehose.engine.prefix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class S3PrefixesTest {

    /** AWS's own example instant: 10:30 UTC on 27 August 2018. */
    private static final Instant AT = Instant.parse("2018-08-27T10:30:00Z");

    private final RandomGenerator random = new SplittableRandom(7);

    @Test
    void noPrefixIsTheDefaultHourlyLayout() {
        S3Prefixes p = S3Prefixes.validate(null, null, false, null);
        assertThat(p.dataPrefix(AT, PartitionKeys.NONE, random)).isEqualTo("2018/08/27/10/");
        assertThat(p.errorPrefix(AT, ErrorOutputType.PROCESSING_FAILED, random)).isEqualTo("processing-failed/2018/08/27/10/");
    }

    @Test
    void aLiteralPrefixGetsTheTimeAppendedAndLendsItselfToErrors() {
        S3Prefixes p = S3Prefixes.validate("logs/", null, false, null);
        assertThat(p.dataPrefix(AT, PartitionKeys.NONE, random)).isEqualTo("logs/2018/08/27/10/");
        assertThat(p.errorPrefix(AT, ErrorOutputType.FORMAT_CONVERSION_FAILED, random))
                .isEqualTo("logs/format-conversion-failed/2018/08/27/10/");
    }

    @Test
    void awsExamples() {
        S3Prefixes hive = S3Prefixes.validate(
                "myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/",
                "myErrorPrefix/!{timestamp:'year='yyyy'/month='MM'/day='dd'/hour='HH}/!{firehose:error-output-type}", false, null);
        Instant at = Instant.parse("2018-07-06T23:10:00Z");
        assertThat(hive.dataPrefix(at, PartitionKeys.NONE, random)).isEqualTo("myPrefix/year=2018/month=07/day=06/hour=23/");
        assertThat(hive.errorPrefix(at, ErrorOutputType.PROCESSING_FAILED, random))
                .isEqualTo("myErrorPrefix/year=2018/month=07/day=06/hour=23/processing-failed");

        S3Prefixes errorsOnly = S3Prefixes.validate(null, "myFirehoseFailures/!{firehose:error-output-type}/", false, null);
        assertThat(errorsOnly.dataPrefix(AT, PartitionKeys.NONE, random)).isEqualTo("2018/08/27/10/");
        assertThat(errorsOnly.errorPrefix(AT, ErrorOutputType.PROCESSING_FAILED, random)).isEqualTo("myFirehoseFailures/processing-failed/");
    }

    @Test
    void randomStringIsElevenCharactersAndNewAtEachUse() {
        S3Prefixes p = S3Prefixes.validate("!{firehose:random-string}/!{firehose:random-string}/", "e/!{firehose:error-output-type}/", false, null);
        String[] parts = p.dataPrefix(AT, PartitionKeys.NONE, random).split("/");
        assertThat(parts[0]).hasSize(11).isNotEqualTo(parts[1]);
        assertThat(parts[1]).hasSize(11);
        // no timestamp in the prefix: AWS appends the hourly layout
        assertThat(parts).hasSize(6);
    }

    @Test
    void customTimeZone() {
        S3Prefixes p = S3Prefixes.validate(null, null, false, "Asia/Tokyo");
        assertThat(p.dataPrefix(AT, PartitionKeys.NONE, random)).isEqualTo("2018/08/27/19/");
    }

    @Test
    void dynamicPartitioningPrefixes() {
        S3Prefixes p = S3Prefixes.validate(
                "customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromLambda:device}/",
                "errors/!{firehose:error-output-type}/", true, null);
        PartitionKeys keys = new PartitionKeys(Map.of("customer_id", "123"), Map.of("device", "mobile"));
        // partition keys and no timestamp: nothing appended, as in AWS's dynamic partitioning example
        assertThat(p.dataPrefix(AT, keys, random)).isEqualTo("customer_id=123/device=mobile/");
        assertThat(p.data().queryKeys()).containsExactly("customer_id");
        assertThat(p.data().lambdaKeys()).containsExactly("device");
        assertThat(p.data().missingKey(new PartitionKeys(Map.of("customer_id", "1"), Map.of()))).isEqualTo("partitionKeyFromLambda:device");
        assertThat(p.errorPrefix(AT, ErrorOutputType.PARTITIONING_FAILED, random)).isEqualTo("errors/partitioning-failed/");
    }

    @Test
    void partitionIdsIgnoreKeysThePrefixDoesNotUse() {
        PrefixExpression prefix = PrefixParser.parse("c=!{partitionKeyFromQuery:c}/", "Prefix");
        PartitionKeys a = new PartitionKeys(Map.of("c", "1", "extra", "x"), Map.of()).restrictedTo(prefix);
        PartitionKeys b = new PartitionKeys(Map.of("c", "1", "extra", "y"), Map.of()).restrictedTo(prefix);
        assertThat(a.id()).isEqualTo(b.id());
        assertThat(new PartitionKeys(Map.of("c", "2"), Map.of()).id()).isNotEqualTo(a.id());
    }

    @Test
    void readsADestinationConfiguration() throws Exception {
        var node = new ObjectMapper().readTree("""
                {"BucketARN":"arn:aws:s3:::b","Prefix":"k=!{partitionKeyFromQuery:k}/","ErrorOutputPrefix":"err/!{firehose:error-output-type}/",
                 "DynamicPartitioningConfiguration":{"Enabled":true}}""");
        assertThat(S3Prefixes.of(node).dataPrefix(AT, new PartitionKeys(Map.of("k", "v"), Map.of()), random)).isEqualTo("k=v/");
    }

    @Test
    void awsRulesRefuseBadPrefixes() {
        assertInvalid("!{timestamp:yyyy}/", null, false, "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
        assertInvalid("!{timestamp:yyyy}/", "", false, "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
        assertInvalid("a/!{firehose:error-output-type}/", "e/!{firehose:error-output-type}", false, "Prefix cannot contain !{firehose:error-output-type}");
        assertInvalid("!{timestamp:yyyy}/", "e/!{timestamp:yyyy}/", false, "must contain !{firehose:error-output-type}");
        assertInvalid("k=!{partitionKeyFromQuery:k}/", "e/!{firehose:error-output-type}", false, "only when dynamic partitioning is enabled");
        assertInvalid("!{timestamp:yyyy}/", "e/!{firehose:error-output-type}", true, "at least one partitionKeyFromQuery or partitionKeyFromLambda");
        assertInvalid("k=!{partitionKeyFromQuery:k}/", null, true, "ErrorOutputPrefix cannot be null or empty");
        assertInvalid("k=!{partitionKeyFromQuery:k}/", "e/!{firehose:error-output-type}/!{partitionKeyFromQuery:k}", true,
                "ErrorOutputPrefix cannot contain partitionKeyFromQuery");
        assertInvalid("a/!{timestamp:yyyy/", "e/!{firehose:error-output-type}", false, "can only appear in !{namespace:value} expressions");
        assertInvalid("a/!{nope:x}/", "e/!{firehose:error-output-type}", false, "Unknown namespace 'nope'");
        assertInvalid("a/!{firehose:uuid}/", "e/!{firehose:error-output-type}", false, "must be one of [random-string, error-output-type]");
        assertInvalid("a/!{timestamp:}/", "e/!{firehose:error-output-type}", false, "empty value");
        assertInvalid("a/!{timestamp}/", "e/!{firehose:error-output-type}", false, "must have the form !{namespace:value}");
        assertInvalid("a/!{timestamp:yyyy-bb}/", "e/!{firehose:error-output-type}", false, "not a valid Java DateTimeFormatter pattern");
        assertThatThrownBy(() -> S3Prefixes.validate(null, null, false, "Mars/Olympus"))
                .isInstanceOf(AwsException.class).hasMessageContaining("CustomTimeZone");
    }

    private static void assertInvalid(String prefix, String error, boolean dynamic, String message) {
        assertThatThrownBy(() -> S3Prefixes.validate(prefix, error, dynamic, null))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgumentException"))
                .hasMessageContaining(message)
                .hasMessageStartingWith("The supplied prefix(es) do not satisfy the following constraint: ");
    }
}
