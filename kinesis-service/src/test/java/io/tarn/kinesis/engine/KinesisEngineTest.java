package io.tarn.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.store.MasterKey;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.kinesis.model.KinesisKeys;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StreamMeta;
import io.tarn.kms.engine.KmsEngine;
import io.tarn.kms.engine.NewKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The Kinesis engines over a real RocksDB in a temp dir and a manual clock, with the real KMS engine for encryption. */
class KinesisEngineTest {

    static final Namespace NS = new Namespace("000000000000", "us-east-1");

    @TempDir
    Path dir;

    EmulatorClock clock;
    Scheduler scheduler;
    StateStore store;
    KmsEngine kms;
    KinesisEngine engine;
    KinesisSettings settings = KinesisSettings.DEFAULT;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(Instant.parse("2024-01-01T00:00:00Z"));
        start();
    }

    private void start() {
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        kms = KmsEngine.open(store.keyspace("kms"), clock, scheduler, MasterKey.loadOrCreate(dir.resolve("kms.key")));
        engine = KinesisEngine.open(store.keyspace("kinesis"), clock, scheduler, settings, kms::crypto);
    }

    @AfterEach
    void close() {
        engine.close();
        kms.close();
        scheduler.close();
        store.close();
    }

    private void restart(KinesisSettings newSettings) {
        close();
        settings = newSettings;
        start();
    }

    private StreamMeta create(String name, int shards) {
        return engine.streams().create(NS, name, shards, null, Map.of(), null, null);
    }

    private RecordLog.AppendResult put(String stream, String key, String data) {
        return engine.records().append(NS, stream, List.of(new RecordLog.NewRecord(key, null, data.getBytes(StandardCharsets.UTF_8))));
    }

    private List<String> readAll(String stream, String shardId, String type) {
        List<String> out = new ArrayList<>();
        String it = engine.reader().shardIterator(NS, stream, shardId, type, null, null);
        while (it != null) {
            ShardReader.Records r = engine.reader().records(it, 10_000);
            r.records().forEach(rec -> out.add(new String(rec.dataBytes(), StandardCharsets.UTF_8)));
            if (r.records().isEmpty()) {
                break;
            }
            it = r.nextShardIterator();
        }
        return out;
    }

    private static void assertAws(ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class).extracting(e -> ((AwsException) e).code()).isEqualTo(code);
    }

    private static void assertAws(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class).hasMessage(message)
                .extracting(e -> ((AwsException) e).code()).isEqualTo(code);
    }

    @Test
    void shardsSplitTheHashSpaceEvenly() {
        StreamMeta m = create("even", 3);
        assertThat(m.shards()).extracting(ShardMeta::startingHashKey)
                .containsExactly("0", "113427455640312821154458202477256070485", "226854911280625642308916404954512140970");
        assertThat(m.shards().get(2).endingHashKey()).isEqualTo(HashKeys.MAX.toString());
        assertThat(m.shards()).extracting(ShardMeta::shardId).containsExactly("shardId-000000000000", "shardId-000000000001",
                "shardId-000000000002");
    }

    @Test
    void recordsOfAKeyLandInOneShardInOrderWithGrowingSequenceNumbers() {
        create("ordered", 4);
        Map<String, String> shardOf = new LinkedHashMap<>();
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            RecordLog.Appended a = put("ordered", "key-" + (i % 5), "r" + i).records().get(0);
            assertThat(shardOf.putIfAbsent("key-" + (i % 5), a.shardId())).isIn(null, a.shardId());
            if (i % 5 == 0) {
                seqs.add(a.sequenceNumber());
            }
            clock.advance(Duration.ofMillis(i % 3)); // several records share a millisecond
        }
        assertThat(seqs).isSortedAccordingTo((a, b) -> new BigInteger(a).compareTo(new BigInteger(b)));
        String shard = shardOf.get("key-0");
        List<String> read = readAll("ordered", shard, "TRIM_HORIZON");
        List<String> key0 = read.stream().filter(s -> Integer.parseInt(s.substring(1)) % 5 == 0).toList();
        assertThat(key0).containsExactly("r0", "r5", "r10", "r15", "r20", "r25", "r30", "r35", "r40", "r45");
    }

    @Test
    void explicitHashKeyChoosesTheShard() {
        create("explicit", 2);
        RecordLog.Appended low = engine.records().append(NS, "explicit", List.of(new RecordLog.NewRecord("k", "0", new byte[1]))).records().get(0);
        RecordLog.Appended high = engine.records().append(NS, "explicit",
                List.of(new RecordLog.NewRecord("k", HashKeys.MAX.toString(), new byte[1]))).records().get(0);
        assertThat(low.shardId()).isEqualTo("shardId-000000000000");
        assertThat(high.shardId()).isEqualTo("shardId-000000000001");
        assertAws(() -> engine.records().append(NS, "explicit", List.of(new RecordLog.NewRecord("k", HashKeys.SPACE.toString(), new byte[1]))),
                "InvalidArgumentException");
    }

    @Test
    void iteratorTypesStartWhereAwsSays() {
        restart(settings.withThrottling(false)); // more than 5 reads a second of one shard
        create("iters", 1);
        String s0 = "shardId-000000000000";
        String first = put("iters", "k", "a").records().get(0).sequenceNumber();
        clock.advance(Duration.ofSeconds(10));
        Instant mid = clock.instant();
        put("iters", "k", "b");
        String latest = engine.reader().shardIterator(NS, "iters", s0, "LATEST", null, null);
        put("iters", "k", "c");
        assertThat(readAll("iters", s0, "TRIM_HORIZON")).containsExactly("a", "b", "c");
        assertThat(texts(engine.reader().records(latest, 100))).containsExactly("c");
        assertThat(texts(engine.reader().records(engine.reader().shardIterator(NS, "iters", s0, "AT_SEQUENCE_NUMBER", first, null), 100)))
                .containsExactly("a", "b", "c");
        assertThat(texts(engine.reader().records(engine.reader().shardIterator(NS, "iters", s0, "AFTER_SEQUENCE_NUMBER", first, null), 100)))
                .containsExactly("b", "c");
        assertThat(texts(engine.reader().records(engine.reader().shardIterator(NS, "iters", s0, "AT_TIMESTAMP", null, mid), 100)))
                .containsExactly("b", "c");
        assertThat(texts(engine.reader().records(engine.reader().shardIterator(NS, "iters", s0, "TRIM_HORIZON", null, null), 2)))
                .containsExactly("a", "b");
    }

    @Test
    void sequenceNumberOfAnotherShardIsRefused() {
        create("two", 2);
        String seq = engine.records().append(NS, "two", List.of(new RecordLog.NewRecord("k", "0", new byte[1]))).records().get(0).sequenceNumber();
        assertThatThrownBy(() -> engine.reader().shardIterator(NS, "two", "shardId-000000000001", "AT_SEQUENCE_NUMBER", seq, null))
                .hasMessageContaining("It encodes shardId-000000000000");
    }

    @Test
    void iteratorsExpireAfterFiveMinutesAndCannotBeForged() {
        create("expiry", 1);
        String it = engine.reader().shardIterator(NS, "expiry", "shardId-000000000000", "TRIM_HORIZON", null, null);
        clock.advance(Duration.ofMinutes(4));
        String next = engine.reader().records(it, 10).nextShardIterator();
        clock.advance(Duration.ofMinutes(2));
        assertAws(() -> engine.reader().records(it, 10), "ExpiredIteratorException");
        assertThat(engine.reader().records(next, 10).records()).isEmpty(); // a fresh NextShardIterator lives on
        String forged = it.substring(0, it.length() - 4) + (it.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertAws(() -> engine.reader().records(forged, 10), "InvalidArgumentException");
    }

    @Test
    void retentionTrimsRecordsAndMovesTheTrimHorizon() {
        create("retained", 1);
        put("retained", "k", "old");
        clock.advance(Duration.ofHours(23));
        put("retained", "k", "new");
        clock.advance(Duration.ofHours(2));
        assertThat(readAll("retained", "shardId-000000000000", "TRIM_HORIZON")).containsExactly("new");
        engine.sweepRetention();
        assertThat(readAll("retained", "shardId-000000000000", "TRIM_HORIZON")).containsExactly("new");
        engine.streams().increaseRetention(NS, "retained", 48);
        clock.advance(Duration.ofHours(30));
        assertThat(readAll("retained", "shardId-000000000000", "TRIM_HORIZON")).containsExactly("new");
        clock.advance(Duration.ofHours(20));
        assertThat(readAll("retained", "shardId-000000000000", "TRIM_HORIZON")).isEmpty();
    }

    @Test
    void retentionSweepSkipsAStreamItCannotSweepAndNamesIt() {
        StreamMeta good = create("b-good", 1);
        put("b-good", "k", "old");
        Keyspace keyspace = store.keyspace("kinesis");
        // unreadable metadata that sorts before the good stream: a sweep that stopped at the first failure would skip it
        keyspace.write(b -> b.put(KinesisKeys.stream(NS, "a-broken"), new byte[] {1, 2, 3}));
        clock.advance(Duration.ofHours(25));
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger sweeperLog = (Logger) LoggerFactory.getLogger(RetentionSweeper.class);
        sweeperLog.addAppender(logged);
        try {
            engine.sweepRetention();
        } finally {
            sweeperLog.detachAppender(logged);
        }
        assertThat(keyspace.scan(KinesisKeys.records(good.incarnation()), null, 10)).isEmpty();
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("a-broken", NS.account(), NS.region());
        });
    }

    @Test
    void splitClosesTheParentAndReadersGoFromParentToChildren() {
        create("split", 1);
        put("split", "k", "before");
        engine.reshard().split(NS, "split", "shardId-000000000000", HashKeys.SPACE.shiftRight(1).toString());
        put("split", "k", "after");
        StreamMeta m = engine.streams().describe(NS, "split");
        assertThat(m.shards()).hasSize(3);
        ShardMeta parent = m.shard(0);
        assertThat(parent.isOpen()).isFalse();
        assertThat(parent.endingSequenceNumber()).isNotNull();
        assertThat(m.openShards()).extracting(ShardMeta::parentIndex).containsOnly(0L);
        ShardReader.Records end = engine.reader().records(engine.reader().shardIterator(NS, "split", "shardId-000000000000", "TRIM_HORIZON",
                null, null), 100);
        assertThat(texts(end)).containsExactly("before");
        assertThat(end.nextShardIterator()).isNull();
        assertThat(end.childShards()).extracting(ShardMeta::shardId).containsExactly("shardId-000000000001", "shardId-000000000002");
        List<String> children = new ArrayList<>(readAll("split", "shardId-000000000001", "TRIM_HORIZON"));
        children.addAll(readAll("split", "shardId-000000000002", "TRIM_HORIZON"));
        assertThat(children).containsExactly("after");
    }

    @Test
    void mergeNeedsAdjacentOpenShards() {
        create("merge", 3);
        assertAws(() -> engine.reshard().merge(NS, "merge", "shardId-000000000000", "shardId-000000000002"), "InvalidArgumentException");
        engine.reshard().merge(NS, "merge", "shardId-000000000001", "shardId-000000000000");
        StreamMeta m = engine.streams().describe(NS, "merge");
        ShardMeta child = m.shard(3);
        assertThat(child.parentIndex()).isEqualTo(1);
        assertThat(child.adjacentParentIndex()).isEqualTo(0);
        assertThat(child.startingHashKey()).isEqualTo("0");
        assertAws(() -> engine.reshard().merge(NS, "merge", "shardId-000000000000", "shardId-000000000003"), "InvalidArgumentException",
                "Shard shardId-000000000000 in stream merge under account 000000000000 has already been merged or split, and thus is not "
                        + "eligible for merging or splitting.");
        assertAws(() -> engine.reshard().split(NS, "merge", "shardId-000000000001", "1"), "InvalidArgumentException",
                "Shard shardId-000000000001 in stream merge under account 000000000000 has already been merged or split, and thus is not "
                        + "eligible for merging or splitting.");
        assertAws(() -> engine.reshard().merge(NS, "merge", "shardId-000000000003", "shardId-000000000009"), "ResourceNotFoundException",
                "Could not find shard shardId-000000000009 in stream merge under account 000000000000.");
    }

    @Test
    void splitOutsideTheShardsRangeNamesTheAccount() {
        create("range", 2);
        assertAws(() -> engine.reshard().split(NS, "range", "shardId-000000000001", "1"), "InvalidArgumentException",
                "NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000001 in stream range under account 000000000000 is not "
                        + "both greater than one plus the shard's StartingHashKey 170141183460469231731687303715884105728 and less than "
                        + "the shard's EndingHashKey 340282366920938463463374607431768211455.");
    }

    @Test
    void uniformScalingEndsInEvenShardsWithAtMostTwoParentsEach() {
        create("uniform", 3);
        engine.reshard().updateShardCount(NS, "uniform", 5, "UNIFORM_SCALING");
        assertEven(engine.streams().describe(NS, "uniform"), 5);
        engine.reshard().updateShardCount(NS, "uniform", 3, "UNIFORM_SCALING");
        assertEven(engine.streams().describe(NS, "uniform"), 3);
        assertAws(() -> engine.reshard().updateShardCount(NS, "uniform", 7, "UNIFORM_SCALING"), "LimitExceededException");
        assertAws(() -> engine.reshard().updateShardCount(NS, "uniform", 1, "UNIFORM_SCALING"), "LimitExceededException");
    }

    private static void assertEven(StreamMeta m, int n) {
        List<ShardMeta> open = new ArrayList<>(m.openShards());
        open.sort((a, b) -> a.startHash().compareTo(b.startHash()));
        assertThat(open).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(open.get(i).startHash()).isEqualTo(HashKeys.evenStart(i, n));
        }
        for (ShardMeta s : m.shards()) {
            if (s.parentIndex() != ShardMeta.NONE) {
                assertThat(m.shard(s.parentIndex()).isOpen()).isFalse();
            }
        }
    }

    @Test
    void writesOverAShardsAllowanceAreThrottledAndRecoverNextSecond() {
        create("hot", 1);
        List<RecordLog.NewRecord> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(new RecordLog.NewRecord("k", null, new byte[10]));
        }
        assertThat(engine.records().append(NS, "hot", batch).failedCount()).isZero();
        assertThat(engine.records().append(NS, "hot", batch).failedCount()).isZero();
        RecordLog.AppendResult over = engine.records().append(NS, "hot", batch);
        assertThat(over.failedCount()).isEqualTo(500);
        assertThat(over.records().get(0).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.records().append(NS, "hot", batch).failedCount()).isZero();
        String it = engine.reader().shardIterator(NS, "hot", "shardId-000000000000", "TRIM_HORIZON", null, null);
        for (int i = 0; i < 5; i++) {
            engine.reader().records(it, 1);
        }
        assertAws(() -> engine.reader().records(it, 1), "ProvisionedThroughputExceededException");
    }

    @Test
    void aRestartKeepsRecordsAndSequenceNumbersKeepGrowing() {
        create("durable", 1);
        String before = put("durable", "k", "one").records().get(0).sequenceNumber();
        restart(settings);
        String after = put("durable", "k", "two").records().get(0).sequenceNumber();
        assertThat(new BigInteger(after)).isGreaterThan(new BigInteger(before));
        assertThat(readAll("durable", "shardId-000000000000", "TRIM_HORIZON")).containsExactly("one", "two");
    }

    @Test
    void aRecreatedStreamSeesNoOldRecords() {
        create("again", 1);
        put("again", "k", "old");
        engine.streams().delete(NS, "again", false, false);
        assertAws(() -> engine.streams().describe(NS, "again"), "ResourceNotFoundException");
        create("again", 1);
        assertThat(readAll("again", "shardId-000000000000", "TRIM_HORIZON")).isEmpty();
    }

    @Test
    void statusTransitionsFollowTheEmulatorClock() {
        restart(settings.withDelays(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3)));
        create("slow", 1);
        assertThat(engine.streams().describe(NS, "slow").statusAt(clock.millis()).name()).isEqualTo("CREATING");
        assertAws(() -> put("slow", "k", "x"), "ResourceNotFoundException");
        assertAws(() -> engine.reshard().updateShardCount(NS, "slow", 2, "UNIFORM_SCALING"), "ResourceInUseException");
        clock.advance(Duration.ofSeconds(2));
        engine.reshard().updateShardCount(NS, "slow", 2, "UNIFORM_SCALING");
        assertThat(engine.streams().describe(NS, "slow").statusAt(clock.millis()).name()).isEqualTo("UPDATING");
        put("slow", "k", "writes go on while UPDATING");
        clock.advance(Duration.ofSeconds(1));
        engine.streams().delete(NS, "slow", false, false);
        assertThat(engine.streams().describe(NS, "slow").statusAt(clock.millis()).name()).isEqualTo("DELETING");
        clock.advance(Duration.ofSeconds(3));
        assertAws(() -> engine.streams().describe(NS, "slow"), "ResourceNotFoundException");
    }

    @Test
    void encryptedStreamsStoreCiphertextAndReadPlaintext() {
        String keyId = kms.keys().create(NS, new NewKey("stream key", null, "SYMMETRIC_DEFAULT", null, Map.of())).keyId();
        create("secret", 1);
        put("secret", "k", "plain before");
        engine.streams().startEncryption(NS, "secret", "KMS", keyId);
        RecordLog.AppendResult r = put("secret", "k", "TOP-SECRET-MARKER");
        assertThat(r.encryptionType()).isEqualTo("KMS");
        Keyspace ks = store.keyspace("kinesis");
        List<String> stored = new ArrayList<>();
        ks.scan(io.tarn.core.store.Key.of("r"), null, e -> stored.add(new String(e.value(), StandardCharsets.ISO_8859_1)));
        assertThat(stored).hasSize(2).noneMatch(s -> s.contains("TOP-SECRET-MARKER"));
        restart(settings); // the data key is unwrapped by KMS again
        List<RecordLog.Record> read = engine.reader().records(
                engine.reader().shardIterator(NS, "secret", "shardId-000000000000", "TRIM_HORIZON", null, null), 10).records();
        assertThat(read).extracting(rec -> new String(rec.dataBytes(), StandardCharsets.UTF_8)).containsExactly("plain before", "TOP-SECRET-MARKER");
        assertThat(read).extracting(RecordLog.Record::encrypted).containsExactly(false, true);
        assertAws(() -> engine.streams().startEncryption(NS, "secret", "KMS", "alias/missing"), "KMSNotFoundException");
    }

    @Test
    void subscriptionsPushRecordsAndEndAfterFiveMinutes() {
        StreamMeta m = create("fanout", 1);
        String arn = engine.consumers().register(NS, "fanout", "app", Map.of()).arn();
        Subscriptions.Subscription s = engine.subscriptions().subscribe(NS, arn, "shardId-000000000000", "LATEST", null, null);
        assertAws(() -> engine.subscriptions().subscribe(NS, arn, "shardId-000000000000", "LATEST", null, null), "ResourceInUseException");
        Subscriptions.Event first = s.poll();
        assertThat(first.records()).isEmpty();
        assertThat(s.poll()).isNull(); // nothing new, heartbeat not due
        String seq = put("fanout", "k", "pushed").records().get(0).sequenceNumber();
        Subscriptions.Event e = s.poll();
        assertThat(e.records()).extracting(r -> new String(r.dataBytes(), StandardCharsets.UTF_8)).containsExactly("pushed");
        assertThat(e.continuation()).isEqualTo(seq);
        clock.advance(Duration.ofMinutes(5));
        assertThat(s.poll()).isNull();
        assertThat(s.finished()).isTrue();
        s.close();
        clock.advance(Duration.ofSeconds(1)); // one SubscribeToShard per second per consumer and shard
        engine.subscriptions().subscribe(NS, arn, "shardId-000000000000", "AFTER_SEQUENCE_NUMBER", seq, null).close();
        assertThat(m.arn()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/fanout");
    }

    private static List<String> texts(ShardReader.Records r) {
        return r.records().stream().map(rec -> new String(rec.dataBytes(), StandardCharsets.UTF_8)).toList();
    }
}
