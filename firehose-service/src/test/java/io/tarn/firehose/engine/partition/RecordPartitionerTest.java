package io.tarn.firehose.engine.partition;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import io.tarn.firehose.engine.partition.RecordPartitioner.ActivePartitions;
import io.tarn.firehose.engine.partition.RecordPartitioner.Failed;
import io.tarn.firehose.engine.partition.RecordPartitioner.Outcome;
import io.tarn.firehose.engine.partition.RecordPartitioner.Routed;
import io.tarn.firehose.engine.prefix.ErrorOutputType;
import io.tarn.firehose.engine.processor.LambdaEndpoints;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordPartitionerTest {

    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:keys";
    private static final LambdaEndpoints ENDPOINTS = new LambdaEndpoints(Map.of(ARN, "http://127.0.0.1:4753/"));

    /** Delivery's open partitions, as a set. */
    private static final class Open implements ActivePartitions {
        final Set<String> ids = new HashSet<>();

        @Override
        public boolean isActive(String partitionId) {
            return ids.contains(partitionId);
        }

        @Override
        public int count() {
            return ids.size();
        }
    }

    private static JsonNode destination(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    private static final String DYNAMIC = """
            {"BucketARN":"arn:aws:s3:::b","Prefix":"customer=!{partitionKeyFromQuery:customer}/!{timestamp:yyyy}/",
             "ErrorOutputPrefix":"errors/!{firehose:error-output-type}/",
             "DynamicPartitioningConfiguration":{"Enabled":true},
             "ProcessingConfiguration":{"Enabled":true,"Processors":[
               {"Type":"RecordDeAggregation","Parameters":[{"ParameterName":"SubRecordType","ParameterValue":"JSON"}]},
               {"Type":"MetadataExtraction","Parameters":[
                 {"ParameterName":"MetadataExtractionQuery","ParameterValue":"{customer:.customer}"},
                 {"ParameterName":"JsonParsingEngine","ParameterValue":"JQ-1.6"}]},
               {"Type":"AppendDelimiterToRecord"}]}}""";

    @Test
    void recordsOfAnAggregatedPutLandInTheirPartitions() throws Exception {
        RecordPartitioner partitioner = RecordPartitioner.of(destination(DYNAMIC), ENDPOINTS);
        Open open = new Open();
        List<byte[]> records = partitioner.deAggregate(
                DeAggregationAndExtractionTest.kplRecord("{\"customer\":\"a\",\"n\":1}{\"customer\":\"b\",\"n\":2}", "{\"customer\":\"a\",\"n\":3}"));
        assertThat(records).hasSize(3);

        List<Routed> routed = records.stream().map(r -> (Routed) partitioner.route(r, Map.of(), T0, T0, open)).toList();
        assertThat(routed.get(0).partitionId()).isEqualTo(routed.get(2).partitionId()).isNotEqualTo(routed.get(1).partitionId());
        assertThat(new String(routed.get(0).data(), UTF_8)).isEqualTo("{\"customer\":\"a\",\"n\":1}\n");
        assertThat(partitioner.prefixes().dataPrefix(T0, routed.get(1).keys(), new SplittableRandom(1))).isEqualTo("customer=b/2026/");
        assertThat(partitioner.lambda()).isNull();
    }

    @Test
    void recordsWithoutTheirKeysGoToPartitioningFailed() throws Exception {
        RecordPartitioner partitioner = RecordPartitioner.of(destination(DYNAMIC), ENDPOINTS);
        Outcome notJson = partitioner.route("oops".getBytes(UTF_8), Map.of(), T0, T0.plusSeconds(1), new Open());
        assertThat(notJson).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.error().type()).isEqualTo(ErrorOutputType.PARTITIONING_FAILED);
            assertThat(f.error().errorCode()).isEqualTo("DynamicPartitioning.MetadataExtractionFailed");
            assertThat(f.error().errorMessage()).isEqualTo("Non JSON record provided");
            assertThat(new String(f.error().rawData(), UTF_8)).isEqualTo("oops");
            assertThat(f.error().attemptEnding()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(partitioner.route("{\"other\":1}".getBytes(UTF_8), Map.of(), T0, T0, new Open())).isInstanceOf(Failed.class);
        assertThat(partitioner.prefixes().errorPrefix(T0, ErrorOutputType.PARTITIONING_FAILED, new SplittableRandom(1)))
                .isEqualTo("errors/partitioning-failed/");
    }

    @Test
    void newPartitionsBeyondTheLimitFail() throws Exception {
        RecordPartitioner partitioner = RecordPartitioner.of(destination(DYNAMIC), ENDPOINTS, 2);
        Open open = new Open();
        for (String c : List.of("a", "b")) {
            open.ids.add(((Routed) partitioner.route(("{\"customer\":\"" + c + "\"}").getBytes(UTF_8), Map.of(), T0, T0, open)).partitionId());
        }
        assertThat(partitioner.route("{\"customer\":\"a\"}".getBytes(UTF_8), Map.of(), T0, T0, open)).isInstanceOf(Routed.class);
        assertThat(partitioner.route("{\"customer\":\"c\"}".getBytes(UTF_8), Map.of(), T0, T0, open))
                .isInstanceOfSatisfying(Failed.class, f -> {
                    assertThat(f.error().errorCode()).isEqualTo("DynamicPartitioning.ActivePartitionsLimitExceeded");
                    assertThat(f.error().errorMessage()).isEqualTo("The number of active partitions has exceeded the configured limit");
                });
        assertThat(RecordPartitioner.DEFAULT_ACTIVE_PARTITION_LIMIT).isEqualTo(500);
    }

    @Test
    void lambdaKeysPartitionToo() throws Exception {
        RecordPartitioner partitioner = RecordPartitioner.of(destination("""
                {"BucketARN":"arn:aws:s3:::b","Prefix":"d=!{partitionKeyFromLambda:day}/","ErrorOutputPrefix":"e/!{firehose:error-output-type}/",
                 "DynamicPartitioningConfiguration":{"Enabled":true},
                 "ProcessingConfiguration":{"Enabled":true,"Processors":[{"Type":"Lambda","Parameters":[
                   {"ParameterName":"LambdaArn","ParameterValue":"%s"},{"ParameterName":"NumberOfRetries","ParameterValue":"1"}]}]}}"""
                .formatted(ARN)), ENDPOINTS);
        assertThat(partitioner.lambda().numberOfRetries()).isEqualTo(1);
        Routed r = (Routed) partitioner.route("x".getBytes(UTF_8), Map.of("day", "01"), T0, T0, new Open());
        assertThat(partitioner.prefixes().dataPrefix(T0, r.keys(), new SplittableRandom(1))).isEqualTo("d=01/");
        assertThat(new String(r.data(), UTF_8)).isEqualTo("x");
        assertThat(partitioner.route("x".getBytes(UTF_8), Map.of(), T0, T0, new Open())).isInstanceOf(Failed.class);
    }

    @Test
    void withoutDynamicPartitioningOnePartitionAndRecordsAsSent() throws Exception {
        RecordPartitioner partitioner = RecordPartitioner.of(destination("{\"BucketARN\":\"arn:aws:s3:::b\"}"), ENDPOINTS);
        Routed r = (Routed) partitioner.route("{\"a\":1}".getBytes(UTF_8), Map.of(), T0, T0, new Open());
        assertThat(r.partitionId()).isEmpty();
        assertThat(new String(r.data(), UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void configurationsAwsRefuses() {
        assertRefused("""
                {"Prefix":"c=!{partitionKeyFromQuery:c}/","ErrorOutputPrefix":"e/!{firehose:error-output-type}/",
                 "DynamicPartitioningConfiguration":{"Enabled":true}}""", "needs a MetadataExtraction processor");
        assertRefused("""
                {"Prefix":"c=!{partitionKeyFromLambda:c}/","ErrorOutputPrefix":"e/!{firehose:error-output-type}/",
                 "DynamicPartitioningConfiguration":{"Enabled":true}}""", "needs a Lambda processor");
        assertRefused("""
                {"ProcessingConfiguration":{"Enabled":true,"Processors":[{"Type":"Lambda","Parameters":[
                  {"ParameterName":"LambdaArn","ParameterValue":"arn:aws:lambda:us-east-1:123456789012:function:unmapped"}]}]}}""",
                "function:unmapped");
        assertRefused("""
                {"ProcessingConfiguration":{"Enabled":true,"Processors":[{"Type":"Decompression","Parameters":[]}]}}""",
                "Decompression is not supported by Tarn");
        assertRefused("""
                {"ProcessingConfiguration":{"Enabled":true,"Processors":[{"Type":"MetadataExtraction","Parameters":[
                  {"ParameterName":"MetadataExtractionQuery","ParameterValue":"{c:"},{"ParameterName":"JsonParsingEngine","ParameterValue":"JQ-1.6"}]}]}}""",
                "not a valid JQ-1.6 query");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> RecordPartitioner.of(destination(json), ENDPOINTS))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgumentException"))
                .hasMessageContaining(message);
    }
}
