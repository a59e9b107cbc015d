package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tier;

/**
 * Event notifications of what S3 does over time and to the targets not covered by
 * {@link S3NotificationsIT}, through the SDK v2: ObjectCreated events through a Firehose delivery
 * stream into an S3 object, a restore completing on a clock advance told as ObjectRestore:Post then
 * ObjectRestore:Completed in a Kinesis stream, and a lifecycle expiration told as
 * LifecycleExpiration:Delete ("Amazon S3 Event Notifications", "Configuring S3 Lifecycle event
 * notifications", S3 User Guide). The clock is frozen: only the tests' advances move it.
 */
class S3EventsOverTimeIT {

    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:uploads";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:changes";
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Delivery is asynchronous: a bound on waiting for it, far above what it takes (milliseconds). */
    private static final long DEADLINE_MILLIS = 60_000;

    @TempDir
    Path dir;

    private TarnProcess start() throws Exception {
        Path config = dir.resolve("tarn.yaml");
        Files.writeString(config, "s3Notifications:\n"
                + "  " + TOPIC + ": arn:aws:firehose:us-east-1:000000000000:deliverystream/s3-events\n"
                + "  " + QUEUE + ": arn:aws:kinesis:us-east-1:000000000000:stream/changes\n");
        TarnProcess server = TarnProcess.start(dir.resolve("data"), "--config", config.toString(), "--firehose-delays", "0ms",
                "--s3-restore-delay", "max");
        AdminCalls.changeClock(server.endpoint(), "{\"scale\":0}");
        return server;
    }

    private static <T> T client(Class<T> type, URI endpoint) {
        return TarnServerExtension.client(type, endpoint);
    }

    private static void advance(URI endpoint, String duration) throws Exception {
        HttpResponse<String> r = AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"" + duration + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Waits until the outbox holds no event: each was taken by its target. */
    private static void awaitOutboxEmpty(URI endpoint) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        HttpResponse<String> r;
        do {
            r = AdminCalls.send(endpoint, "GET", "/_tarn/s3/notifications", "");
            if (r.body().contains("\"pending\":[]")) {
                return;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        assertThat(r.body()).contains("\"pending\":[]");
    }

    private static void createKinesisStream(KinesisClient kinesis) {
        kinesis.createStream(b -> b.streamName("changes").shardCount(1));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("changes"));
    }

    /**
     * The messages in the one-shard stream, in order, once the outbox has delivered everything.
     * One read: GetRecords is throttled on the emulator clock, which is frozen here.
     */
    private static List<JsonNode> messages(URI endpoint, KinesisClient kinesis) throws Exception {
        awaitOutboxEmpty(endpoint);
        String shard = kinesis.listShards(b -> b.streamName("changes")).shards().get(0).shardId();
        String iterator = kinesis.getShardIterator(b -> b.streamName("changes").shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<JsonNode> all = new ArrayList<>();
        for (Record r : kinesis.getRecords(b -> b.shardIterator(iterator)).records()) {
            all.add(JSON.readTree(r.data().asUtf8String()));
        }
        return all;
    }

    private static List<String> eventNames(List<JsonNode> messages) {
        return messages.stream().map(m -> m.has("Event") ? m.get("Event").asText() : m.get("Records").get(0).get("eventName").asText())
                .toList();
    }

    @Test
    void objectCreatedEventsThroughAFirehoseStreamLandAsAnObjectInS3() throws Exception {
        try (TarnProcess server = start();
                S3Client s3 = client(S3Client.class, server.endpoint());
                FirehoseClient firehose = client(FirehoseClient.class, server.endpoint())) {
            URI endpoint = server.endpoint();
            s3.createBucket(b -> b.bucket("event-archive"));
            firehose.createDeliveryStream(b -> b.deliveryStreamName("s3-events").extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                    .bucketARN("arn:aws:s3:::event-archive").bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(60))));
            long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
            while (firehose.describeDeliveryStream(b -> b.deliveryStreamName("s3-events")).deliveryStreamDescription()
                    .deliveryStreamStatus() != DeliveryStreamStatus.ACTIVE && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            s3.createBucket(b -> b.bucket("uploads"));
            s3.putBucketNotificationConfiguration(b -> b.bucket("uploads").notificationConfiguration(n -> n.topicConfigurations(
                    t -> t.id("to-firehose").topicArn(TOPIC).events(Event.S3_OBJECT_CREATED))));
            s3.putObject(b -> b.bucket("uploads").key("a.csv"), RequestBody.fromString("1,2"));
            s3.copyObject(b -> b.sourceBucket("uploads").sourceKey("a.csv").destinationBucket("uploads").destinationKey("b.csv"));
            awaitOutboxEmpty(endpoint);

            advance(endpoint, "PT61S"); // the delivery stream's buffer interval passes: its buffer becomes an object
            List<S3Object> delivered = List.of();
            deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
            while (delivered.isEmpty() && System.currentTimeMillis() < deadline) {
                delivered = s3.listObjectsV2(b -> b.bucket("event-archive")).contents();
                Thread.sleep(50);
            }
            assertThat(delivered).hasSize(1);
            String key = delivered.get(0).key();
            String body = s3.getObjectAsBytes(b -> b.bucket("event-archive").key(key)).asUtf8String();
            List<JsonNode> messages = new ArrayList<>();
            try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(body)) {
                it.forEachRemaining(messages::add); // Firehose concatenates the records as they were put
            }
            assertThat(eventNames(messages)).containsExactly("s3:TestEvent", "ObjectCreated:Put", "ObjectCreated:Copy");
            JsonNode put = messages.get(1).get("Records").get(0);
            assertThat(put.get("s3").get("configurationId").asText()).isEqualTo("to-firehose");
            assertThat(put.get("s3").get("object").get("key").asText()).isEqualTo("a.csv");
            assertThat(put.get("s3").get("object").get("size").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aRestoreCompletingOnTheClockIsToldAsPostThenCompletedInAKinesisStream() throws Exception {
        try (TarnProcess server = start();
                S3Client s3 = client(S3Client.class, server.endpoint());
                KinesisClient kinesis = client(KinesisClient.class, server.endpoint())) {
            URI endpoint = server.endpoint();
            createKinesisStream(kinesis);
            s3.createBucket(b -> b.bucket("archive"));
            s3.putBucketNotificationConfiguration(b -> b.bucket("archive").notificationConfiguration(n -> n.queueConfigurations(
                    q -> q.id("restores").queueArn(QUEUE).events(Event.S3_OBJECT_RESTORE))));
            s3.putObject(b -> b.bucket("archive").key("cold.bin").storageClass(StorageClass.GLACIER), RequestBody.fromString("frozen"));
            s3.restoreObject(b -> b.bucket("archive").key("cold.bin")
                    .restoreRequest(r -> r.days(1).glacierJobParameters(g -> g.tier(Tier.STANDARD))));
            assertThat(eventNames(messages(endpoint, kinesis))).containsExactly("s3:TestEvent", "ObjectRestore:Post");

            advance(endpoint, "PT5H"); // a Standard restore at its longest
            List<JsonNode> messages = messages(endpoint, kinesis);
            assertThat(eventNames(messages)).containsExactly("s3:TestEvent", "ObjectRestore:Post", "ObjectRestore:Completed");
            JsonNode completed = messages.get(2).get("Records").get(0);
            assertThat(completed.get("eventVersion").asText()).isEqualTo("2.1");
            assertThat(completed.get("requestParameters").get("sourceIPAddress").asText()).isEqualTo("s3.amazonaws.com");
            JsonNode restore = completed.get("glacierEventData").get("restoreEventData");
            assertThat(restore.get("lifecycleRestoreStorageClass").asText()).isEqualTo("GLACIER");
            String expiry = s3.headObject(b -> b.bucket("archive").key("cold.bin")).restore();
            assertThat(expiry).startsWith("ongoing-request=\"false\"");
            assertThat(restore.get("lifecycleRestorationExpiryTime").asText()).endsWith("T00:00:00.000Z"); // a midnight UTC
        }
    }

    @Test
    void aLifecycleExpirationIsToldAsLifecycleExpirationDelete() throws Exception {
        try (TarnProcess server = start();
                S3Client s3 = client(S3Client.class, server.endpoint());
                KinesisClient kinesis = client(KinesisClient.class, server.endpoint())) {
            URI endpoint = server.endpoint();
            createKinesisStream(kinesis);
            s3.createBucket(b -> b.bucket("expiring"));
            s3.putBucketNotificationConfiguration(b -> b.bucket("expiring").notificationConfiguration(n -> n.queueConfigurations(
                    q -> q.id("expirations").queueArn(QUEUE).events(Event.S3_LIFECYCLE_EXPIRATION, Event.S3_OBJECT_REMOVED))));
            s3.putBucketLifecycleConfiguration(b -> b.bucket("expiring").lifecycleConfiguration(c -> c.rules(
                    r -> r.id("one-day").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("")).expiration(e -> e.days(1)))));
            s3.putObject(b -> b.bucket("expiring").key("tmp/x.log"), RequestBody.fromString("bye"));

            advance(endpoint, "P3D"); // a day old, rounded up to a midnight: expired by the evaluation of that midnight
            assertThat(s3.listObjectsV2(b -> b.bucket("expiring")).contents()).isEmpty();
            List<JsonNode> messages = messages(endpoint, kinesis);
            // no ObjectRemoved:Delete; the test event, three days old, is past the stream's 24-hour retention
            assertThat(eventNames(messages)).containsExactly("LifecycleExpiration:Delete");
            JsonNode expired = messages.get(0).get("Records").get(0);
            assertThat(expired.get("eventVersion").asText()).isEqualTo("2.3");
            assertThat(expired.get("userIdentity").get("principalId").asText()).isEqualTo("s3.amazonaws.com");
            assertThat(expired.get("s3").get("object").get("key").asText()).isEqualTo("tmp/x.log");
            assertThat(expired.get("eventTime").asText()).endsWith("T00:00:00.000Z");
        }
    }

    @Test
    void theAwsCliSeesRestoreAclAndLifecycleEventsInKinesis() throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        try (TarnProcess server = start()) {
            Scripts.assertRuns(List.of("bash", Scripts.script("s3_events_cli_check.sh"), server.endpoint().toString(), QUEUE), 600);
        }
    }
}
