package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 event notifications through the SDK v2: events of one key arriving in a Kinesis stream in
 * order, none lost across a {@code kill -9} before delivery, an HTTP target, and the
 * configuration's checks ("Amazon S3 Event Notifications", S3 User Guide).
 */
class S3NotificationsIT {

    private static final String ORDERED = "arn:aws:sqs:us-east-1:000000000000:ordered";
    private static final String LATER = "arn:aws:sqs:us-east-1:000000000000:later";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:on-upload";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Delivery is asynchronous: a bound on waiting for it, far above what it takes (milliseconds). */
    private static final long DELIVERY_DEADLINE_MILLIS = 60_000;

    @TempDir
    Path dir;

    private Path config(String httpUrl) throws Exception {
        Path config = dir.resolve("tarn.yaml");
        Files.writeString(config, "s3Notifications:\n"
                + "  " + ORDERED + ": arn:aws:kinesis:us-east-1:000000000000:stream/ordered\n"
                + "  " + LATER + ": arn:aws:kinesis:us-east-1:000000000000:stream/later\n"
                + "  " + FUNCTION + ": " + httpUrl + "\n");
        return config;
    }

    private static <T> T client(Class<T> type, URI endpoint) {
        return TarnServerExtension.client(type, endpoint);
    }

    private static void createStream(KinesisClient kinesis, String name) {
        kinesis.createStream(b -> b.streamName(name).shardCount(4));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(name));
    }

    /** Every record of the stream, shard by shard in sequence order, once at least {@code count} are there. */
    private static List<Record> records(KinesisClient kinesis, String stream, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DELIVERY_DEADLINE_MILLIS;
        List<Record> all = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            all.clear();
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                all.addAll(kinesis.getRecords(b -> b.shardIterator(iterator)).records());
            }
            if (all.size() >= count) {
                return all;
            }
            Thread.sleep(100);
        }
        return all;
    }

    private static JsonNode json(Record r) throws Exception {
        return JSON.readTree(r.data().asUtf8String());
    }

    private static void notifyQueue(S3Client s3, String bucket, String queueArn) {
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n.queueConfigurations(
                q -> q.id("to-stream").queueArn(queueArn).events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED))));
    }

    @Test
    void eventsOfEachKeyArriveInAKinesisStreamInTheOrderOfTheirChanges() throws Exception {
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--config", config("http://127.0.0.1:9/unused").toString());
                S3Client s3 = client(S3Client.class, server.endpoint());
                KinesisClient kinesis = client(KinesisClient.class, server.endpoint())) {
            createStream(kinesis, "ordered");
            s3.createBucket(b -> b.bucket("ordered-bucket"));
            s3.putBucketVersioning(b -> b.bucket("ordered-bucket").versioningConfiguration(v -> v.status("Enabled")));
            notifyQueue(s3, "ordered-bucket", ORDERED);
            int keys = 6;
            for (int round = 1; round <= 3; round++) {
                for (int k = 0; k < keys; k++) {
                    int key = k;
                    s3.putObject(b -> b.bucket("ordered-bucket").key("key-" + key), RequestBody.fromBytes(new byte[0]));
                    byte[] body = new byte[round];
                    s3.putObject(b -> b.bucket("ordered-bucket").key("key-" + key), RequestBody.fromBytes(body));
                }
            }
            for (int k = 0; k < keys; k++) {
                int key = k;
                s3.deleteObject(b -> b.bucket("ordered-bucket").key("key-" + key));
            }

            List<Record> records = records(kinesis, "ordered", 1 + keys * 7);
            assertThat(records).hasSize(1 + keys * 7);
            Map<String, List<String>> byKey = new LinkedHashMap<>();
            Map<String, List<String>> sequencers = new LinkedHashMap<>();
            int tests = 0;
            for (Record r : records) {
                JsonNode event = json(r);
                if (event.has("Event")) {
                    assertThat(event.get("Event").asText()).isEqualTo("s3:TestEvent");
                    tests++;
                    continue;
                }
                JsonNode e = event.get("Records").get(0);
                String key = e.get("s3").get("object").get("key").asText();
                assertThat(r.partitionKey()).isEqualTo(key);
                assertThat(e.get("s3").get("configurationId").asText()).isEqualTo("to-stream");
                JsonNode object = e.get("s3").get("object");
                byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(e.get("eventName").asText()
                        + (object.has("size") ? "/" + object.get("size").asInt() : ""));
                sequencers.computeIfAbsent(key, x -> new ArrayList<>()).add(object.get("sequencer").asText());
            }
            assertThat(tests).isEqualTo(1);
            assertThat(byKey).hasSize(keys);
            for (List<String> events : byKey.values()) {
                assertThat(events).containsExactly("ObjectCreated:Put/0", "ObjectCreated:Put/1", "ObjectCreated:Put/0", "ObjectCreated:Put/2",
                        "ObjectCreated:Put/0", "ObjectCreated:Put/3", "ObjectRemoved:DeleteMarkerCreated");
            }
            sequencers.values().forEach(s -> assertThat(s).isSorted().doesNotHaveDuplicates());
        }
    }

    @Test
    void eventsCommittedBeforeAKillMinus9AreDeliveredAfterTheRestart() throws Exception {
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--config", config("http://127.0.0.1:9/unused").toString())) {
            URI endpoint = server.endpoint();
            try (S3Client s3 = client(S3Client.class, endpoint)) {
                AdminCalls.changeClock(endpoint, "{\"scale\":0}"); // retries wait for an advance
                s3.createBucket(b -> b.bucket("durable-bucket"));
                notifyQueue(s3, "durable-bucket", LATER); // its stream does not exist yet: every delivery fails
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    s3.putObject(b -> b.bucket("durable-bucket").key("k" + (n % 4)), RequestBody.fromString("v" + n));
                }
            }
            HttpResponse<String> outbox = waitForFailures(endpoint);
            assertThat(outbox.body()).contains("\"destination\":\"" + LATER + "\"").contains("ObjectCreated:Put");

            server.kill();
            server.restart();
            endpoint = server.endpoint();
            try (KinesisClient kinesis = client(KinesisClient.class, endpoint)) {
                AdminCalls.changeClock(endpoint, "{\"scale\":0}");
                createStream(kinesis, "later");
                HttpResponse<String> r = AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"PT10M\"}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

                List<Record> records = records(kinesis, "later", 21);
                assertThat(records).hasSizeGreaterThanOrEqualTo(21); // at least once: none lost
                Map<String, List<String>> events = new LinkedHashMap<>();
                for (Record rec : records) {
                    JsonNode event = json(rec);
                    if (event.has("Records")) {
                        JsonNode object = event.get("Records").get(0).get("s3").get("object");
                        events.computeIfAbsent(object.get("key").asText(), x -> new ArrayList<>()).add(object.get("sequencer").asText());
                    }
                }
                assertThat(events.values().stream().mapToInt(List::size).sum()).isEqualTo(20);
                events.values().forEach(sequencers -> assertThat(sequencers).hasSize(5).isSorted());
                HttpResponse<String> after = AdminCalls.send(endpoint, "GET", "/_tarn/s3/notifications", "");
                assertThat(after.body()).contains("\"pending\":[]");
            }
        }
    }

    private static HttpResponse<String> waitForFailures(URI endpoint) throws Exception {
        long deadline = System.currentTimeMillis() + DELIVERY_DEADLINE_MILLIS;
        HttpResponse<String> r;
        do {
            r = AdminCalls.send(endpoint, "GET", "/_tarn/s3/notifications?limit=1000", "");
            if (r.body().contains("\"lastError\"")) {
                return r; // the first event failed, and everything behind it is held
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        return r;
    }

    @Test
    void anHttpTargetGetsEachEventAsAPostAndTheConfigurationReadsBack() throws Exception {
        List<JsonNode> posted = new CopyOnWriteArrayList<>();
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/events", exchange -> {
            posted.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--config",
                config("http://127.0.0.1:" + target.getAddress().getPort() + "/events").toString());
                S3Client s3 = client(S3Client.class, server.endpoint())) {
            s3.createBucket(b -> b.bucket("http-bucket"));
            s3.putBucketNotificationConfiguration(b -> b.bucket("http-bucket").notificationConfiguration(n -> n
                    .lambdaFunctionConfigurations(l -> l.id("thumbnails").lambdaFunctionArn(FUNCTION).events(Event.S3_OBJECT_CREATED)
                            .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value("images/"),
                                    r -> r.name(FilterRuleName.SUFFIX).value(".jpg")))))
                    .eventBridgeConfiguration(e -> { })));

            GetBucketNotificationConfigurationResponse read = s3.getBucketNotificationConfiguration(b -> b.bucket("http-bucket"));
            assertThat(read.lambdaFunctionConfigurations()).hasSize(1);
            assertThat(read.lambdaFunctionConfigurations().get(0).lambdaFunctionArn()).isEqualTo(FUNCTION);
            assertThat(read.lambdaFunctionConfigurations().get(0).eventsAsStrings()).containsExactly("s3:ObjectCreated:*");
            assertThat(read.lambdaFunctionConfigurations().get(0).filter().key().filterRules()).hasSize(2);
            assertThat(read.eventBridgeConfiguration()).isNotNull();

            s3.putObject(b -> b.bucket("http-bucket").key("images/cat one.jpg"), RequestBody.fromString("meow"));
            s3.putObject(b -> b.bucket("http-bucket").key("images/cat.png"), RequestBody.fromString("not matched"));
            s3.copyObject(b -> b.sourceBucket("http-bucket").sourceKey("images/cat one.jpg").destinationBucket("http-bucket")
                    .destinationKey("images/copy.jpg"));

            long deadline = System.currentTimeMillis() + DELIVERY_DEADLINE_MILLIS;
            while (posted.size() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(posted).hasSize(3);
            assertThat(posted.get(0).get("Event").asText()).isEqualTo("s3:TestEvent");
            JsonNode put = posted.get(1).get("Records").get(0);
            assertThat(put.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
            assertThat(put.get("s3").get("object").get("key").asText()).isEqualTo("images/cat+one.jpg");
            assertThat(put.get("s3").get("object").get("size").asInt()).isEqualTo(4);
            assertThat(put.get("userIdentity").get("principalId").asText()).startsWith("AWS:");
            assertThat(put.get("responseElements").get("x-amz-request-id").asText()).isNotEmpty();
            assertThat(posted.get(2).get("Records").get(0).get("eventName").asText()).isEqualTo("ObjectCreated:Copy");
        } finally {
            target.stop(0);
        }
    }

    @Test
    void configurationsAreRefusedWithS3sErrors() throws Exception {
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--config", config("http://127.0.0.1:9/unused").toString());
                S3Client s3 = client(S3Client.class, server.endpoint())) {
            s3.createBucket(b -> b.bucket("checked-bucket"));
            assertThatThrownBy(() -> s3.putBucketNotificationConfiguration(b -> b.bucket("checked-bucket").notificationConfiguration(
                    n -> n.queueConfigurations(q -> q.queueArn("arn:aws:sqs:us-east-1:000000000000:nowhere").events(Event.S3_OBJECT_CREATED)))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Unable to validate the following destination configurations");
                    });
            assertThatThrownBy(() -> s3.putBucketNotificationConfiguration(b -> b.bucket("checked-bucket").notificationConfiguration(
                    n -> n.queueConfigurations(q -> q.queueArn(ORDERED).events(Event.S3_OBJECT_CREATED),
                            q -> q.queueArn(LATER).events(Event.S3_OBJECT_CREATED_PUT)))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("Configuration is ambiguously defined");
                    });
            assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket("checked-bucket")).queueConfigurations()).isEmpty();
        }
    }

    @Test
    void boto3PutsAndReadsANotificationConfiguration() throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "boto3");
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--config", config("http://127.0.0.1:9/unused").toString())) {
            Scripts.assertRuns(List.of("python3", Scripts.script("s3_notifications_boto3_check.py"), server.endpoint().toString(), ORDERED),
                    180);
        }
    }
}
