package io.tarn.kinesis.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.paging.PageTokens;
import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.kinesis.KinesisService;
import io.tarn.kinesis.engine.KinesisEngine;
import io.tarn.kinesis.engine.KinesisSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire: every operation of the API model registered, JSON and CBOR bodies, errors, the event stream. */
class KinesisApiTest {

    /** Every operation of the Kinesis API model (botocore kinesis 2013-12-02) but SubscribeToShard, which streams. */
    static final List<String> MODEL_OPERATIONS = List.of("AddTagsToStream", "CreateStream", "DecreaseStreamRetentionPeriod",
            "DeleteResourcePolicy", "DeleteStream", "DeregisterStreamConsumer", "DescribeAccountSettings", "DescribeLimits",
            "DescribeStream", "DescribeStreamConsumer", "DescribeStreamSummary", "DisableEnhancedMonitoring", "EnableEnhancedMonitoring",
            "GetRecords", "GetResourcePolicy", "GetShardIterator", "IncreaseStreamRetentionPeriod", "ListShards", "ListStreamConsumers",
            "ListStreams", "ListTagsForResource", "ListTagsForStream", "MergeShards", "PutRecord", "PutRecords", "PutResourcePolicy",
            "RegisterStreamConsumer", "RemoveTagsFromStream", "SplitShard", "StartStreamEncryption", "StopStreamEncryption",
            "TagResource", "UntagResource", "UpdateAccountSettings", "UpdateMaxRecordSize", "UpdateShardCount", "UpdateStreamMode",
            "UpdateStreamWarmThroughput");
    static final Namespace NS = new Namespace("000000000000", "us-east-1");
    static final ObjectMapper JSON = new ObjectMapper();
    static final CBORMapper CBOR = new CBORMapper();

    @TempDir
    Path dir;

    EmulatorClock clock;
    Scheduler scheduler;
    StateStore store;
    KinesisEngine engine;
    OperationRegistry operations;
    KinesisRequestHandler handler;

    @BeforeEach
    void start() {
        clock = EmulatorClock.manual(Instant.parse("2024-05-01T12:00:00Z"));
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        engine = KinesisEngine.open(store.keyspace("kinesis"), clock, scheduler, KinesisSettings.DEFAULT, () -> {
            throw new IllegalStateException("no KMS here");
        });
        operations = KinesisService.operations(engine, new NextTokens(PageTokens.load(dir, "kinesis")));
        handler = new KinesisRequestHandler(new JsonProtocolHandler(KinesisService.DESCRIPTOR, operations, 8 << 20),
                new SubscribeToShardStream(engine.subscriptions()));
    }

    @AfterEach
    void stop() {
        engine.close();
        scheduler.close();
        store.close();
    }

    private ServiceResponse call(String operation, String contentType, byte[] body) {
        RequestContext ctx = new RequestContext("req-1", NS, Caller.root("test", "000000000000"), "kinesis", clock);
        ServiceRequest request = new ServiceRequest(ctx, "POST", "/", Map.of(),
                Map.of("x-amz-target", List.of("Kinesis_20131202." + operation), "content-type", List.of(contentType)), body);
        try {
            return handler.handle(request);
        } catch (AwsException e) {
            return handler.error(request, e);
        }
    }

    private JsonNode json(String operation, String body) throws Exception {
        ServiceResponse r = call(operation, "application/x-amz-json-1.1", body.getBytes(StandardCharsets.UTF_8));
        return JSON.readTree(r.body());
    }

    private JsonNode cbor(String operation, Object body) throws Exception {
        ServiceResponse r = call(operation, "application/x-amz-cbor-1.1", CBOR.writeValueAsBytes(body));
        assertThat(r.headers()).containsEntry("content-type", "application/x-amz-cbor-1.1");
        return CBOR.readTree(r.body());
    }

    @Test
    void everyModelOperationIsRegistered() {
        assertThat(operations.names()).containsExactlyInAnyOrderElementsOf(MODEL_OPERATIONS);
    }

    @Test
    void jsonCarriesBase64DataAndEpochSecondTimestamps() throws Exception {
        json("CreateStream", "{\"StreamName\":\"s\",\"ShardCount\":1}");
        JsonNode put = json("PutRecord", "{\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"aGVsbG8=\"}");
        assertThat(put.get("ShardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(put.get("SequenceNumber").asText()).hasSize(56);
        String it = json("GetShardIterator", "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"TRIM_HORIZON\"}")
                .get("ShardIterator").asText();
        JsonNode rec = json("GetRecords", "{\"ShardIterator\":\"" + it + "\"}").get("Records").get(0);
        assertThat(rec.get("Data").asText()).isEqualTo("aGVsbG8=");
        assertThat(rec.get("ApproximateArrivalTimestamp").decimalValue().longValue()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(rec.has("EncryptionType")).isFalse();
    }

    @Test
    void cborCarriesByteStringsAndEpochMillisTimestamps() throws Exception {
        cbor("CreateStream", Map.of("StreamName", "c", "ShardCount", 1));
        cbor("PutRecords", Map.of("StreamName", "c", "Records", List.of(Map.of("PartitionKey", "k", "Data", new byte[] {1, 2, 3}))));
        String it = cbor("GetShardIterator", Map.of("StreamName", "c", "ShardId", "shardId-000000000000", "ShardIteratorType", "TRIM_HORIZON"))
                .get("ShardIterator").asText();
        JsonNode rec = cbor("GetRecords", Map.of("ShardIterator", it)).get("Records").get(0);
        assertThat(rec.get("Data").binaryValue()).containsExactly(1, 2, 3);
        assertThat(rec.get("ApproximateArrivalTimestamp").longValue()).isEqualTo(clock.millis());
    }

    @Test
    void shardIdsAreValidatedAgainstTheModelBeforeAnythingElse() throws Exception {
        JsonNode both = json("MergeShards", "{\"StreamName\":\"missing\",\"ShardToMerge\":\"a b\",\"AdjacentShardToMerge\":\"\"}");
        assertThat(both.get("__type").asText()).isEqualTo("ValidationException");
        assertThat(both.get("message").asText()).isEqualTo("2 validation errors detected: Value 'a b' at 'shardToMerge' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'adjacentShardToMerge' failed "
                + "to satisfy constraint: Member must have length greater than or equal to 1");
        // well-formed: the stream is looked up next
        assertThat(json("SplitShard", "{\"StreamName\":\"missing\",\"ShardToSplit\":\"shardId-000000000000\",\"NewStartingHashKey\":\"1\"}")
                .get("__type").asText()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void errorsHaveTheAwsJsonShape() throws Exception {
        ServiceResponse r = call("DescribeStream", "application/x-amz-json-1.1", "{\"StreamName\":\"missing\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers()).containsEntry("x-amzn-errortype", "ResourceNotFoundException");
        assertThat(JSON.readTree(r.body()).get("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(json("PutRecord", "{\"StreamName\":\"missing\",\"Data\":\"AA==\"}").get("__type").asText()).isEqualTo("ValidationException");
        assertThat(json("ListShards", "{}").get("__type").asText()).isEqualTo("ValidationException");
    }

    @Test
    void nextTokensAreRefusedInAnotherListingAndExpireAfter300Seconds() throws Exception {
        for (String name : List.of("s1", "s2", "s3")) {
            json("CreateStream", "{\"StreamName\":\"" + name + "\",\"ShardCount\":2}");
        }
        JsonNode first = json("ListStreams", "{\"Limit\":1}");
        assertThat(first.get("StreamNames")).extracting(JsonNode::asText).containsExactly("s1");
        String token = first.get("NextToken").asText();
        JsonNode second = json("ListStreams", "{\"NextToken\":\"" + token + "\"}");
        assertThat(second.get("StreamNames")).as(second.toString())
                .extracting(JsonNode::asText).containsExactly("s2", "s3");
        // a ListStreams token is not a ListShards one, and a forged token is no token
        assertThat(json("ListShards", "{\"NextToken\":\"" + token + "\"}").get("__type").asText()).isEqualTo("InvalidArgumentException");
        String forged = java.util.Base64.getUrlEncoder().encodeToString("streams/000000000000/us-east-1\ns2\n0".getBytes(StandardCharsets.UTF_8));
        assertThat(json("ListStreams", "{\"NextToken\":\"" + forged + "\"}").get("__type").asText()).isEqualTo("InvalidArgumentException");

        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/";
        json("RegisterStreamConsumer", "{\"StreamARN\":\"" + arn + "s1\",\"ConsumerName\":\"a\"}");
        json("RegisterStreamConsumer", "{\"StreamARN\":\"" + arn + "s1\",\"ConsumerName\":\"b\"}");
        String consumers = json("ListStreamConsumers", "{\"StreamARN\":\"" + arn + "s1\",\"MaxResults\":1}").get("NextToken").asText();
        assertThat(json("ListStreamConsumers", "{\"StreamARN\":\"" + arn + "s2\",\"NextToken\":\"" + consumers + "\"}")
                .get("__type").asText()).isEqualTo("InvalidArgumentException");

        String shards = json("ListShards", "{\"StreamName\":\"s1\",\"MaxResults\":1}").get("NextToken").asText();
        clock.advance(java.time.Duration.ofSeconds(300));
        assertThat(json("ListShards", "{\"NextToken\":\"" + shards + "\"}").get("Shards")).hasSize(1);
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(json("ListShards", "{\"NextToken\":\"" + shards + "\"}").get("__type").asText()).isEqualTo("ExpiredNextTokenException");
    }

    @Test
    void subscribeToShardAnswersAnEventStream() throws Exception {
        json("CreateStream", "{\"StreamName\":\"e\",\"ShardCount\":1}");
        String streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/e";
        String consumerArn = json("RegisterStreamConsumer", "{\"StreamARN\":\"" + streamArn + "\",\"ConsumerName\":\"app\"}")
                .get("Consumer").get("ConsumerARN").asText();
        json("PutRecord", "{\"StreamName\":\"e\",\"PartitionKey\":\"k\",\"Data\":\"aGk=\"}");
        ServiceResponse r = call("SubscribeToShard", "application/x-amz-json-1.1", ("{\"ConsumerARN\":\"" + consumerArn
                + "\",\"ShardId\":\"shardId-000000000000\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}").getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers()).containsEntry("content-type", "application/vnd.amazon.eventstream");
        try (var events = r.stream()) {
            assertThat(events.length()).isEqualTo(-1);
            assertThat(eventType(events.next())).isEqualTo("initial-response");
            ByteBuffer first = events.next();
            assertThat(eventType(first)).isEqualTo("SubscribeToShardEvent");
            JsonNode payload = JSON.readTree(payload(first));
            assertThat(payload.get("Records").get(0).get("Data").asText()).isEqualTo("aGk=");
            assertThat(payload.get("ContinuationSequenceNumber").asText()).hasSize(56);
            assertThat(events.next().remaining()).isZero(); // nothing new: asked again later
        }
    }

    /** The {@code :event-type} header of an event-stream message. */
    private static String eventType(ByteBuffer message) {
        ByteBuffer m = message.duplicate();
        int headersLength = m.getInt(4);
        m.position(12);
        List<String> names = new ArrayList<>();
        while (m.position() < 12 + headersLength) {
            byte[] name = new byte[m.get()];
            m.get(name);
            m.get(); // type 7: string
            byte[] value = new byte[m.getShort()];
            m.get(value);
            if (new String(name, StandardCharsets.UTF_8).equals(":event-type")) {
                return new String(value, StandardCharsets.UTF_8);
            }
            names.add(new String(name, StandardCharsets.UTF_8));
        }
        throw new AssertionError("no :event-type among " + names);
    }

    private static byte[] payload(ByteBuffer message) {
        ByteBuffer m = message.duplicate();
        int total = m.getInt(0);
        int headersLength = m.getInt(4);
        byte[] out = new byte[total - 12 - headersLength - 4];
        m.position(12 + headersLength);
        m.get(out);
        return out;
    }
}
