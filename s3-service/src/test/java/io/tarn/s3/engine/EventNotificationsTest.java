package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.spi.Ports;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Expiration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.NoncurrentExpiration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Rule;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Transition;
import io.tarn.s3.engine.lifecycle.LifecycleEngine;
import io.tarn.s3.engine.notifications.NotificationTargets;
import io.tarn.s3.engine.notifications.RequestOrigin;
import io.tarn.s3.engine.restore.RestoreDelay;
import io.tarn.s3.engine.restore.RestoreEngine;
import io.tarn.s3.engine.restore.RestoreTier;
import io.tarn.s3.model.ObjectVersion;
import java.nio.ByteBuffer;
import java.time.Instant;
import io.tarn.s3.engine.notifications.Outbox;
import io.tarn.s3.engine.notifications.S3EventSink;
import io.tarn.s3.model.NotificationConfig.Destination;
import io.tarn.s3.model.OutboxEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Event notifications as the object engine writes them: the outbox entry in the change's own batch,
 * AWS's event JSON, filters, the order of one key's events, and retries on the emulator clock
 * ("Amazon S3 Event Notifications", "Event message structure", S3 User Guide).
 */
class EventNotificationsTest extends EngineFixture {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:events";
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:other";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Scheduler scheduler;
    private S3EventSink sink;
    private final List<OutboxEntry> sent = new ArrayList<>();

    @BeforeEach
    void events() {
        scheduler = new Scheduler(clock);
        openSink();
    }

    /** The sink is not started: each test runs delivery passes itself, on its own thread. */
    private void openSink() {
        NotificationTargets targets = NotificationTargets.of(Map.of(QUEUE, "arn:aws:kinesis:us-east-1:000000000000:stream/s3-events",
                TOPIC, "http://127.0.0.1:9/events"));
        sink = new S3EventSink(keyspace, buckets, clock, scheduler, targets, objects.sequence(), new Ports());
        objects.onChange(sink);
    }

    @AfterEach
    void stop() {
        sink.close();
        scheduler.close();
    }

    private void notifyAll(String bucket, String events, String prefix, String suffix) {
        sink.configurations().put(bucket, List.of(new Destination("all", "Queue", QUEUE, List.of(events), prefix, suffix)), false);
        deliver(); // the test event
        sent.clear();
    }

    private int deliver() {
        return sink.outbox().deliverDue(sent::add);
    }

    private JsonNode record(OutboxEntry e) throws Exception {
        return JSON.readTree(e.body()).get("Records").get(0);
    }

    @Test
    void aConfigurationSendsTheTestEventToEachDestination() throws Exception {
        bucket("bkt");
        sink.configurations().put("bkt", List.of(new Destination("one", "Queue", QUEUE, List.of("s3:ObjectCreated:*"), null, null),
                new Destination("two", "Topic", TOPIC, List.of("s3:ObjectRemoved:*"), null, null)), true);

        assertThat(deliver()).isEqualTo(2);
        assertThat(sent).extracting(OutboxEntry::destinationArn).containsExactly(QUEUE, TOPIC);
        JsonNode test = JSON.readTree(sent.get(0).body());
        assertThat(test.get("Service").asText()).isEqualTo("Amazon S3");
        assertThat(test.get("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(test.get("Bucket").asText()).isEqualTo("bkt");
        assertThat(test.get("Time").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(sink.configurations().get("bkt").eventBridge()).isTrue();
    }

    @Test
    void aPutIsOneEventInAwsShapeWrittenWithTheObject() throws Exception {
        bucket("bkt");
        notifyAll("bkt", "s3:ObjectCreated:*", null, null);

        var v = put("bkt", "photos/a b/ü.jpg", bytes(1234, 1));
        reopen(); // as a crash right after the answer: the event was committed with the object
        openSink();

        assertThat(sink.outbox().pending(10)).hasSize(1);
        assertThat(deliver()).isEqualTo(1);
        JsonNode r = record(sent.get(0));
        assertThat(r.get("eventVersion").asText()).isEqualTo("2.1");
        assertThat(r.get("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(r.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(r.get("eventTime").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(r.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
        JsonNode s3 = r.get("s3");
        assertThat(s3.get("s3SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(s3.get("configurationId").asText()).isEqualTo("all");
        assertThat(s3.get("bucket").get("name").asText()).isEqualTo("bkt");
        assertThat(s3.get("bucket").get("arn").asText()).isEqualTo("arn:aws:s3:::bkt");
        assertThat(s3.get("bucket").get("ownerIdentity").get("principalId").asText()).isEqualTo(OWNER);
        JsonNode object = s3.get("object");
        assertThat(object.get("key").asText()).isEqualTo("photos/a+b/%C3%BC.jpg");
        assertThat(object.get("size").asLong()).isEqualTo(1234);
        assertThat(object.get("eTag").asText()).isEqualTo(v.etag().replace("\"", ""));
        assertThat(object.has("versionId")).isFalse(); // a bucket that never had versioning
        assertThat(object.get("sequencer").asText()).matches("[0-9A-F]{18}");
        assertThat(sink.outbox().pending(10)).isEmpty();
    }

    @Test
    void eventBridgeGetsEveryChangeInItsEnvelopeWhateverTheOtherDestinations() throws Exception {
        bucket("bkt");
        sink.configurations().put("bkt", List.of(new Destination("created", "Queue", QUEUE, List.of("s3:ObjectCreated:*"), null, null)),
                true);
        deliver();
        sent.clear();
        var v = put("bkt", "in/a b.csv", bytes(10, 1));
        objects.delete("bkt", "in/a b.csv", null, OWNER);
        reopen(); // the bus's events were committed with their changes, as the others are
        openSink();

        assertThat(deliver()).isEqualTo(3);
        String bus = "arn:aws:events:us-east-1:" + OWNER + ":event-bus/default";
        assertThat(sent).extracting(OutboxEntry::destinationArn).containsExactly(QUEUE, bus, bus);
        JsonNode created = JSON.readTree(sent.get(1).body());
        assertThat(created.get("version").asText()).isEqualTo("0");
        assertThat(created.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(created.get("detail-type").asText()).isEqualTo("Object Created");
        assertThat(created.get("source").asText()).isEqualTo("aws.s3");
        assertThat(created.get("account").asText()).isEqualTo(OWNER);
        assertThat(created.get("time").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(created.get("region").asText()).isEqualTo("us-east-1");
        assertThat(created.get("resources").get(0).asText()).isEqualTo("arn:aws:s3:::bkt");
        JsonNode detail = created.get("detail");
        assertThat(detail.get("bucket").get("name").asText()).isEqualTo("bkt");
        assertThat(detail.get("object").get("key").asText()).isEqualTo("in/a b.csv");
        assertThat(detail.get("object").get("size").asLong()).isEqualTo(10);
        assertThat(detail.get("object").get("etag").asText()).isEqualTo(v.etag().replace("\"", ""));
        assertThat(detail.get("reason").asText()).isEqualTo("PutObject");
        assertThat(detail.has("deletion-type")).isFalse();
        JsonNode deleted = JSON.readTree(sent.get(2).body());
        assertThat(deleted.get("detail-type").asText()).isEqualTo("Object Deleted");
        assertThat(deleted.get("detail").get("deletion-type").asText()).isEqualTo("Permanently Deleted");
        assertThat(deleted.get("detail").get("object").has("size")).isFalse();
        assertThat(deleted.get("detail").get("object").get("sequencer").asText())
                .isGreaterThan(detail.get("object").get("sequencer").asText());
    }

    @Test
    void aConfigurationReadFromTheStoreServesABucketCreatedToTheNanosecond() {
        clock.advance(Duration.ofNanos(123_456_789)); // as a running clock reads; the store keeps instants to the millisecond
        bucket("bkt");
        notifyAll("bkt", "s3:ObjectCreated:*", null, null);
        sink.close();
        openSink(); // its configurations are read from the store, while the bucket engine keeps the record it created

        put("bkt", "k", bytes(10, 1));

        assertThat(deliver()).isEqualTo(1);
        assertThat(sink.configurations().get("bkt").destinations()).hasSize(1);
    }

    @Test
    void anEventKeyIsFormEncodedButForItsSlashes() throws Exception {
        bucket("bkt");
        notifyAll("bkt", "s3:ObjectCreated:*", null, null);
        put("bkt", "a/b c.txt", bytes(1, 1));
        put("bkt", "year=2025/x+y%2Fz:(1).csv", bytes(1, 2));

        assertThat(deliver()).isEqualTo(2);
        assertThat(record(sent.get(0)).get("s3").get("object").get("key").asText()).isEqualTo("a/b+c.txt");
        assertThat(record(sent.get(1)).get("s3").get("object").get("key").asText())
                .isEqualTo("year%3D2025/x%2By%252Fz%3A%281%29.csv"); // a literal "%2F" stays encoded
    }

    @Test
    void aRefusedWriteWritesNoEvent() {
        bucket("bkt");
        notifyAll("bkt", "s3:ObjectCreated:*", null, null);
        put("bkt", "k", bytes(10, 1));
        deliver();
        sent.clear();

        assertAws(() -> put("bkt", "k", bytes(10, 2), Integrity.NONE, new WriteCondition(null, "*")), "PreconditionFailed", 412);

        assertThat(sink.outbox().pending(10)).isEmpty();
    }

    @Test
    void eventsOfOneKeyComeInTheOrderOfItsChangesWithGrowingSequencers() throws Exception {
        versionedBucket("bkt");
        notifyAll("bkt", "s3:ObjectCreated:*", null, null);
        sink.configurations().put("bkt", List.of(
                new Destination("created", "Queue", QUEUE, List.of("s3:ObjectCreated:*", "s3:ObjectTagging:*"), null, null),
                new Destination("removed", "Queue", QUEUE, List.of("s3:ObjectRemoved:*", "s3:ObjectAcl:Put"), null, null)), false);
        deliver();
        sent.clear();

        var first = put("bkt", "k", bytes(10, 1));
        objects.copy(first, "bkt", "k", attrs(), null, WriteCondition.NONE);
        objects.update("bkt", "k", null, o -> o.withTags(Map.of("a", "1")), "ObjectTagging:Put");
        objects.update("bkt", "k", null, o -> o.withTags(Map.of()), "ObjectTagging:Delete");
        var marker = objects.delete("bkt", "k", null, OWNER);
        objects.delete("bkt", "k", first.versionId(), OWNER);
        deliver();

        List<String> names = new ArrayList<>();
        List<String> sequencers = new ArrayList<>();
        for (OutboxEntry e : sent) {
            names.add(record(e).get("eventName").asText());
            sequencers.add(record(e).get("s3").get("object").get("sequencer").asText());
        }
        assertThat(names).containsExactly("ObjectCreated:Put", "ObjectCreated:Copy", "ObjectTagging:Put", "ObjectTagging:Delete",
                "ObjectRemoved:DeleteMarkerCreated", "ObjectRemoved:Delete");
        assertThat(sequencers).isSorted().doesNotHaveDuplicates();
        JsonNode markerEvent = record(sent.get(4)).get("s3").get("object");
        assertThat(markerEvent.get("versionId").asText()).isEqualTo(marker.versionId());
        assertThat(markerEvent.has("size")).isFalse();
        assertThat(markerEvent.has("eTag")).isFalse();
        assertThat(record(sent.get(2)).get("eventVersion").asText()).isEqualTo("2.3"); // tagging events
        assertThat(record(sent.get(5)).get("s3").get("object").get("versionId").asText()).isEqualTo(first.versionId());
    }

    @Test
    void prefixAndSuffixFilterTheEvents() {
        bucket("bkt");
        notifyAll("bkt", "s3:ObjectCreated:Put", "images/", ".jpg");

        put("bkt", "images/a.jpg", bytes(1, 1));
        put("bkt", "images/a.png", bytes(1, 1));
        put("bkt", "docs/a.jpg", bytes(1, 1));
        objects.copy(objects.resolve("bkt", "images/a.jpg", null), "bkt", "images/b.jpg", attrs(), null, WriteCondition.NONE);
        deliver();

        assertThat(sent).extracting(OutboxEntry::partitionKey).containsExactly("images/a.jpg");
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffHoldingLaterEventsOfItsDestination() throws Exception {
        bucket("bkt");
        notifyAll("bkt", "s3:ObjectCreated:*", null, null);
        put("bkt", "k", bytes(1, 1));
        put("bkt", "k", bytes(2, 2));
        Outbox.Sender failing = e -> {
            throw new IllegalStateException("stream not found");
        };

        assertThat(sink.outbox().deliverDue(failing)).isZero();
        List<Outbox.Pending> waiting = sink.outbox().pending(10);
        assertThat(waiting).hasSize(2);
        assertThat(waiting.get(0).entry().attempts()).isEqualTo(1);
        assertThat(waiting.get(0).entry().lastError()).isEqualTo("stream not found");
        assertThat(waiting.get(0).entry().nextAttemptMillis()).isEqualTo(START.plusSeconds(1).toEpochMilli());
        assertThat(waiting.get(1).entry().attempts()).isZero(); // held behind the first, never tried out of order

        assertThat(deliver()).isZero(); // its retry is not due yet
        sink.outbox().deliverDue(failing);
        assertThat(sink.outbox().pending(10).get(0).entry().attempts()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        sink.outbox().deliverDue(failing);
        assertThat(sink.outbox().pending(10).get(0).entry().attempts()).isEqualTo(2);
        assertThat(sink.outbox().pending(10).get(0).entry().nextAttemptMillis())
                .isEqualTo(START.plusSeconds(1 + 2).toEpochMilli()); // doubled

        clock.advance(Duration.ofSeconds(2));
        assertThat(deliver()).isEqualTo(2);
        assertThat(sent.stream().map(e -> {
            try {
                return record(e).get("s3").get("object").get("size").asInt();
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        })).containsExactly(1, 2);
    }

    private ObjectVersion putAs(String bucket, String key, int size, String storageClass) {
        ObjectEngine.PendingPut put = objects.beginPut(bucket, key, new ObjectAttributes(OWNER, storageClass, Map.of(), Map.of(), Map.of(),
                null), WriteCondition.NONE, Integrity.NONE);
        put.write(ByteBuffer.wrap(bytes(size, 3)));
        return put.commit(null);
    }

    private List<JsonNode> deliveredRecords() throws Exception {
        deliver();
        List<JsonNode> records = new ArrayList<>();
        for (OutboxEntry e : sent) {
            records.add(record(e));
        }
        return records;
    }

    /**
     * A restore's three events ("Event message structure", S3 User Guide): Post by the requester,
     * Completed at the instant the copy became readable with {@code glacierEventData} (only that
     * event has it), Delete when the copy expires (eventVersion 2.3). Each is committed with its
     * change: a crash before delivery loses none.
     */
    @Test
    void aRestoreIsToldAsPostCompletedAndDeleteEachCommittedWithItsChange() throws Exception {
        versionedBucket("bkt");
        notifyAll("bkt", "s3:ObjectRestore:*", null, null);
        ObjectVersion cold = putAs("bkt", "cold", 100, "GLACIER");
        RestoreEngine restores = new RestoreEngine(keyspace, objects, clock, scheduler, RestoreDelay.longest());
        new RequestOrigin("AWS:AIDAREQUESTER", "10.0.0.7", "REQUEST1", "host-1")
                .run(() -> restores.restore("bkt", cold, 2, RestoreTier.STANDARD));
        clock.advance(Duration.ofHours(5)); // Standard at its longest: the copy is readable

        restores.close();
        reopen(); // a crash before any delivery
        openSink();
        RestoreEngine restarted = new RestoreEngine(keyspace, objects, clock, scheduler, RestoreDelay.longest());
        restarted.recover();
        Instant expiry = Instant.parse("2024-01-04T00:00:00Z"); // 05:00 on Jan 1 plus 2 days, then the next midnight
        clock.advance(Duration.between(clock.instant(), expiry));
        restarted.close();

        List<JsonNode> records = deliveredRecords();
        assertThat(records).extracting(r -> r.get("eventName").asText())
                .containsExactly("ObjectRestore:Post", "ObjectRestore:Completed", "ObjectRestore:Delete");
        assertThat(records).extracting(r -> r.get("eventVersion").asText()).containsExactly("2.1", "2.1", "2.3");
        assertThat(records).extracting(r -> r.get("s3").get("object").get("versionId").asText()).containsOnly(cold.versionId());
        assertThat(records).extracting(r -> r.get("s3").get("object").get("sequencer").asText()).isSorted().doesNotHaveDuplicates();
        JsonNode post = records.get(0);
        assertThat(post.get("eventTime").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(post.get("userIdentity").get("principalId").asText()).isEqualTo("AWS:AIDAREQUESTER");
        assertThat(post.get("requestParameters").get("sourceIPAddress").asText()).isEqualTo("10.0.0.7");
        assertThat(post.get("responseElements").get("x-amz-request-id").asText()).isEqualTo("REQUEST1");
        assertThat(post.has("glacierEventData")).isFalse();
        JsonNode completed = records.get(1);
        assertThat(completed.get("eventTime").asText()).isEqualTo("2024-01-01T05:00:00.000Z");
        assertThat(completed.get("userIdentity").get("principalId").asText()).isEqualTo("AWS:AIDAREQUESTER");
        assertThat(completed.get("requestParameters").get("sourceIPAddress").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(completed.get("s3").get("object").get("size").asInt()).isEqualTo(100);
        JsonNode restore = completed.get("glacierEventData").get("restoreEventData");
        assertThat(restore.get("lifecycleRestorationExpiryTime").asText()).isEqualTo("2024-01-04T00:00:00.000Z");
        assertThat(restore.get("lifecycleRestoreStorageClass").asText()).isEqualTo("GLACIER");
        JsonNode deleted = records.get(2);
        assertThat(deleted.get("eventTime").asText()).isEqualTo("2024-01-04T00:00:00.000Z");
        assertThat(deleted.get("userIdentity").get("principalId").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(deleted.has("glacierEventData")).isFalse();
    }

    /**
     * Lifecycle actions are told as S3 Lifecycle's events ("Configuring S3 Lifecycle event
     * notifications"), by s3.amazonaws.com at the evaluation's midnight, and never as
     * ObjectRemoved events; a transition names its destination class.
     */
    @Test
    void lifecycleActionsAreToldAsLifecycleEventsAndNotAsRemovals() throws Exception {
        bucket("plain");
        versionedBucket("versioned");
        for (String b : List.of("plain", "versioned")) {
            sink.configurations().put(b, List.of(new Destination("all", "Queue", QUEUE,
                    List.of("s3:LifecycleTransition", "s3:LifecycleExpiration:*", "s3:ObjectRemoved:*"), null, null)), false);
        }
        putAs("plain", "big", LifecycleEngineTest.BIG, "STANDARD");
        ObjectVersion old = putAs("versioned", "k", 10, "STANDARD");
        deliver();
        sent.clear();
        LifecycleEngine lifecycle = new LifecycleEngine(keyspace, buckets, objects, uploads);
        lifecycle.put("plain", new LifecycleConfiguration(LifecycleConfiguration.SCHEMA, List.of(LifecycleEngineTest.rule("r",
                LifecycleEngineTest.all(), new Expiration(3, null, null), List.of(new Transition(1, null, "GLACIER")))),
                LifecycleConfiguration.ALL_CLASSES_128K));
        lifecycle.put("versioned", new LifecycleConfiguration(LifecycleConfiguration.SCHEMA, List.of(new Rule("r", true, null,
                LifecycleEngineTest.all(), new Expiration(1, null, null), List.of(), List.of(), new NoncurrentExpiration(1, null), null)),
                LifecycleConfiguration.ALL_CLASSES_128K));

        lifecycle.evaluate(LifecycleEngineTest.day(2)); // plain/big moves to GLACIER; versioned/k gets a delete marker
        ObjectVersion marker = objects.resolve("versioned", "k", null);
        lifecycle.evaluate(LifecycleEngineTest.day(4)); // plain/big expires; the noncurrent k, then its lone marker, go

        List<JsonNode> records = deliveredRecords();
        assertThat(records).extracting(r -> r.get("eventName").asText() + " " + r.get("s3").get("bucket").get("name").asText())
                .containsExactly("LifecycleTransition plain", "LifecycleExpiration:DeleteMarkerCreated versioned",
                        "LifecycleExpiration:Delete plain", "LifecycleExpiration:Delete versioned", "LifecycleExpiration:Delete versioned");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("eventVersion").asText()).isEqualTo("2.3");
            assertThat(r.get("userIdentity").get("principalId").asText()).isEqualTo("s3.amazonaws.com");
            assertThat(r.get("requestParameters").get("sourceIPAddress").asText()).isEqualTo("s3.amazonaws.com");
            assertThat(r.get("responseElements").get("x-amz-id-2").asText()).isNotEmpty();
        });
        JsonNode transition = records.get(0);
        assertThat(transition.get("eventTime").asText()).isEqualTo("2024-01-03T00:00:00.000Z");
        assertThat(transition.get("lifecycleEventData").get("transitionEventData").get("destinationStorageClass").asText())
                .isEqualTo("GLACIER");
        assertThat(transition.get("s3").get("object").get("size").asInt()).isEqualTo(LifecycleEngineTest.BIG);
        assertThat(records.get(1).get("s3").get("object").get("versionId").asText()).isEqualTo(marker.versionId());
        assertThat(records.get(2).get("eventTime").asText()).isEqualTo("2024-01-05T00:00:00.000Z");
        assertThat(records.get(2).get("s3").get("object").has("size")).isFalse();
        assertThat(records.get(2).has("lifecycleEventData")).isFalse();
        assertThat(records.subList(3, 5)).extracting(r -> r.get("s3").get("object").get("versionId").asText())
                .containsExactly(old.versionId(), marker.versionId());
    }

    @Test
    void anAclChangeIsToldAsObjectAclPut() throws Exception {
        versionedBucket("bkt");
        notifyAll("bkt", "s3:ObjectAcl:Put", null, null);
        ObjectVersion v = put("bkt", "k", bytes(5, 1));
        objects.update("bkt", "k", null, o -> o.withAcl(acl()), "ObjectAcl:Put");

        List<JsonNode> records = deliveredRecords();
        assertThat(records).extracting(r -> r.get("eventName").asText()).containsExactly("ObjectAcl:Put");
        assertThat(records.get(0).get("eventVersion").asText()).isEqualTo("2.3");
        assertThat(records.get(0).get("s3").get("object").get("versionId").asText()).isEqualTo(v.versionId());
    }

    @Test
    void configurationsAreCheckedAsS3ChecksThem() {
        bucket("bkt");
        assertAws(() -> sink.configurations().put("bkt", List.of(
                new Destination("a", "Queue", QUEUE, List.of("s3:ObjectCreated:*"), "images/", null),
                new Destination("bkt", "Topic", TOPIC, List.of("s3:ObjectCreated:Put"), "images/2024/", null)), false),
                "InvalidArgument", 400);
        assertAws(() -> sink.configurations().put("bkt", List.of(
                new Destination("a", "Queue", QUEUE, List.of("s3:ObjectCreated:*"), null, ".jpg"),
                new Destination("bkt", "Topic", TOPIC, List.of("s3:ObjectCreated:*"), null, "a.jpg")), false),
                "InvalidArgument", 400);
        assertAws(() -> sink.configurations().put("bkt", List.of(
                new Destination("a", "Queue", QUEUE, List.of("s3:ObjectCreated:Puts"), null, null)), false), "InvalidArgument", 400);
        assertAws(() -> sink.configurations().put("bkt", List.of(
                new Destination("a", "Queue", "arn:aws:sqs:us-east-1:000000000000:unmapped", List.of("s3:ObjectCreated:*"), null, null)),
                false), "InvalidArgument", 400);
        assertThat(sink.configurations().get("bkt").destinations()).isEmpty();
        assertThat(sink.outbox().pending(10)).isEmpty();

        // the same events under prefixes that do not nest, or other events under one prefix, are fine
        sink.configurations().put("bkt", List.of(
                new Destination("a", "Queue", QUEUE, List.of("s3:ObjectCreated:*"), "images/", null),
                new Destination("bkt", "Topic", TOPIC, List.of("s3:ObjectCreated:*"), "docs/", null),
                new Destination("c", "Topic", TOPIC, List.of("s3:ObjectRemoved:*", "s3:LifecycleExpiration:*", "s3:ObjectRestore:*",
                        "s3:LifecycleTransition", "s3:IntelligentTiering"), "images/", null)), false);
        assertThat(sink.configurations().get("bkt").destinations()).hasSize(3);
    }

    @Test
    void aRecreatedBucketHasNoneOfItsNamesakesConfiguration() {
        bucket("bkt");
        notifyAll("bkt", "s3:ObjectCreated:*", null, null);
        buckets.delete("bkt", uploads);
        clock.advance(Duration.ofSeconds(1));
        bucket("bkt");

        put("bkt", "k", bytes(1, 1));

        assertThat(sink.configurations().get("bkt").destinations()).isEmpty();
        assertThat(sink.outbox().pending(10)).isEmpty();
    }
}
