package io.tarn.firehose.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.core.spi.ports.StreamPort;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.firehose.model.FirehoseKeys;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.engine.KinesisEngine;
import io.tarn.kinesis.engine.KinesisSettings;
import io.tarn.kinesis.engine.RecordLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kinesis source reader over the real Kinesis engines (behind {@link StreamPort}), a real
 * RocksDB in a temp dir and a manual clock, with a trivial sink that stores each record and the
 * checkpoint in one batch.
 */
class KinesisSourceTest {

    static final Namespace NS = new Namespace("111122223333", "eu-west-1");
    static final String ARN = "arn:aws:kinesis:eu-west-1:111122223333:stream/clicks";
    /** 2^127: splits the hash space of a one-shard stream in halves. */
    static final String HALF = "170141183460469231731687303715884105728";

    @TempDir
    Path dir;

    EmulatorClock clock = EmulatorClock.manual(Instant.parse("2024-03-01T10:00:00Z"));
    Scheduler scheduler;
    StateStore store;
    Keyspace firehose;
    KinesisEngine kinesis;
    ThrottlingPort port;
    KinesisSource sources;
    StoringSink sink;
    KinesisSource.Following following;
    SourceStream source = new SourceStream(NS, "to-s3", "inc-1", ARN);

    @BeforeEach
    void open() {
        start();
        kinesis.streams().create(NS, "clicks", 1, null, Map.of(), null, null);
    }

    private void start() {
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        firehose = store.keyspace("firehose");
        kinesis = KinesisEngine.open(store.keyspace("kinesis"), clock, scheduler, KinesisSettings.DEFAULT, () -> {
            throw new IllegalStateException("no KMS in these tests");
        });
        port = new ThrottlingPort(kinesis.streamPort());
        sources = new KinesisSource(firehose, clock, scheduler, () -> port);
        sink = new StoringSink(firehose);
    }

    @AfterEach
    void close() {
        if (following != null) {
            following.stop();
        }
        kinesis.close();
        scheduler.close();
        store.close();
    }

    /** A restart of the process: everything in memory is gone, the store stays. */
    private void restart() {
        close();
        following = null;
        start();
    }

    private void put(String key, String... data) {
        List<RecordLog.NewRecord> records = new ArrayList<>();
        for (String d : data) {
            records.add(new RecordLog.NewRecord(key, null, d.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(kinesis.records().append(NS, "clicks", records).failedCount()).isZero();
    }

    /** One second of emulator time: the reader's next round runs before this returns. */
    private void tick() {
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void readingStartsAtTheStreamsTipAtCreation() {
        put("k", "before-1", "before-2");
        firehose.write(b -> sources.begin(source, b));
        put("k", "after-1", "after-2");
        following = sources.follow(source, sink);
        tick();
        assertThat(sink.stored()).containsExactly("after-1", "after-2");
        put("k", "after-3");
        tick();
        assertThat(sink.stored()).containsExactly("after-1", "after-2", "after-3");
    }

    @Test
    void aStreamFollowedWithoutBeginStartsAtTheTipOnItsFirstRead() {
        put("k", "before");
        following = sources.follow(source, sink);
        tick();
        put("k", "after");
        tick();
        assertThat(sink.stored()).containsExactly("after");
        assertThat(sources.begun(source)).isTrue();
    }

    @Test
    void aRestartResumesExactlyFromTheCheckpoint() {
        sources.begin(source);
        following = sources.follow(source, sink);
        List<String> sent = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 7; i++) {
                String d = "r" + round + "-" + i;
                put("key-" + i, d);
                sent.add(d);
            }
            tick();
        }
        put("k", "while-down-1"); // written after the last read, before the restart
        sent.add("while-down-1");
        restart();
        put("k", "while-down-2"); // written while nobody follows the stream
        sent.add("while-down-2");
        following = sources.follow(source, sink);
        tick();
        put("k", "after-restart");
        sent.add("after-restart");
        tick();
        assertThat(sink.stored()).containsExactlyElementsOf(sent); // one shard: in order, each once
    }

    @Test
    void aSinkThatFailsOrRefusesGetsTheSameRecordsAgainAndNothingIsLostOrDoubled() {
        sources.begin(source);
        following = sources.follow(source, sink);
        tick(); // the first round runs at once on the scheduler's thread: let it pass before anything is put
        put("k", "a", "b");
        sink.failNext = true;
        tick();
        assertThat(sink.stored()).isEmpty();
        sink.refuseNext = true;
        tick();
        tick(); // the first retry comes after a backoff of two seconds
        assertThat(sink.stored()).isEmpty();
        put("k", "c");
        for (int i = 0; i < 4; i++) {
            tick();
        }
        assertThat(sink.stored()).containsExactly("a", "b", "c");
    }

    @Test
    void aSplitShardIsReadToItsEndBeforeItsChildren() {
        sources.begin(source);
        following = sources.follow(source, sink);
        put("k", "parent-1", "parent-2");
        kinesis.reshard().split(NS, "clicks", "shardId-000000000000", HALF);
        put("k", "child-1");
        tick();
        assertThat(sink.stored()).containsExactly("parent-1", "parent-2", "child-1");
        assertThat(sink.shards).containsExactly("shardId-000000000000", sink.shards.get(1));
        assertThat(sink.shards.get(1)).isIn("shardId-000000000001", "shardId-000000000002");
        restart(); // the parent's end is checkpointed: it is not read again
        following = sources.follow(source, sink);
        put("k", "child-2");
        tick();
        assertThat(sink.stored()).containsExactly("parent-1", "parent-2", "child-1", "child-2");
    }

    @Test
    void childrenWaitForAParentThatIsStillBeingRead() {
        sources.begin(source);
        following = sources.follow(source, sink);
        tick(); // the first round runs at once on the scheduler's thread: let it pass before anything is put
        put("k", "parent");
        kinesis.reshard().split(NS, "clicks", "shardId-000000000000", HALF);
        put("k", "child");
        sink.refuseNext = true; // the parent's records are refused: the children must not overtake them
        tick();
        assertThat(sink.stored()).isEmpty();
        tick();
        tick();
        assertThat(sink.stored()).containsExactly("parent", "child");
    }

    @Test
    void throttledReadsBackOffAndRetry() {
        sources.begin(source);
        following = sources.follow(source, sink);
        tick();
        int before = port.reads.get();
        put("k", "x");
        port.throttleNext = 2;
        tick(); // throttled: the next round comes two seconds later
        tick();
        assertThat(sink.stored()).isEmpty();
        tick(); // throttled again: four seconds
        tick();
        tick();
        tick();
        assertThat(sink.stored()).isEmpty();
        tick();
        assertThat(sink.stored()).containsExactly("x");
        assertThat(port.reads.get() - before).isEqualTo(3);
    }

    @Test
    void aMissingSourceIsReportedAndReadingResumesWhenItExists() {
        SourceStream orphan = new SourceStream(NS, "orphan", "inc-2", "arn:aws:kinesis:eu-west-1:111122223333:stream/later");
        following = sources.follow(orphan, sink);
        tick();
        assertThat(sink.failure).isNotNull();
        assertThat(sink.failure.code()).isEqualTo("ResourceNotFoundException");
        kinesis.streams().create(NS, "later", 1, null, Map.of(), null, null);
        clock.advance(SourceFollower.MAX_BACKOFF);
        assertThat(sink.failure).isNull();
        kinesis.records().append(NS, "later", List.of(new RecordLog.NewRecord("k", null, "late".getBytes(StandardCharsets.UTF_8))));
        tick();
        assertThat(sink.stored()).containsExactly("late");
    }

    @Test
    void stoppingEndsTheReadsAndForgetDeletesTheCheckpoints() {
        sources.begin(source);
        following = sources.follow(source, sink);
        following.stop();
        put("k", "unread");
        tick();
        assertThat(sink.stored()).isEmpty();
        assertThat(firehose.scan(FirehoseKeys.sourceCheckpoints(NS, "inc-1"), null, 10)).hasSize(2); // the start and one shard
        firehose.write(b -> KinesisSource.forget(b, source));
        assertThat(firehose.scan(FirehoseKeys.sourceCheckpoints(NS, "inc-1"), null, 10)).isEmpty();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        assertThat(SourceFollower.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SourceFollower.delay(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(SourceFollower.delay(16)).isEqualTo(SourceFollower.MAX_BACKOFF);
    }

    /** Stores each record at its own key and the checkpoint in the same batch, as delivery must. */
    static final class StoringSink implements SourceSink {
        final Keyspace keyspace;
        final List<String> shards = Collections.synchronizedList(new ArrayList<>());
        volatile boolean failNext;
        volatile boolean refuseNext;
        volatile AwsException failure;

        StoringSink(Keyspace keyspace) {
            this.keyspace = keyspace;
        }

        @Override
        public boolean store(SourceRecords records, Consumer<Batch> checkpoint) {
            if (refuseNext) {
                refuseNext = false;
                return false;
            }
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("disk full (a test)");
            }
            long[] n = {keyspace.scan(Key.of("test-sink"), null, Integer.MAX_VALUE).size()};
            keyspace.write(b -> {
                for (StreamPort.Record r : records.records()) {
                    b.put(Key.of("test-sink", n[0]++), r.data());
                }
                checkpoint.accept(b);
            });
            shards.add(records.shardId());
            return true;
        }

        @Override
        public void sourceFailed(AwsException error) {
            failure = error;
        }

        @Override
        public void sourceRecovered() {
            failure = null;
        }

        List<String> stored() {
            List<String> out = new ArrayList<>();
            keyspace.scan(Key.of("test-sink"), null, e -> out.add(new String(e.value(), StandardCharsets.UTF_8)));
            return out;
        }
    }

    /** The real port, but the next reads can be made to answer as a shard over its read allowance does. */
    static final class ThrottlingPort implements StreamPort {
        final StreamPort real;
        final AtomicInteger reads = new AtomicInteger();
        volatile int throttleNext;

        ThrottlingPort(StreamPort real) {
            this.real = real;
        }

        @Override
        public List<Shard> shards(Namespace ns, String streamName) {
            return real.shards(ns, streamName);
        }

        @Override
        public Map<String, String> tip(Namespace ns, String streamName) {
            return real.tip(ns, streamName);
        }

        @Override
        public String putRecord(Namespace ns, String streamName, String partitionKey, byte[] data) {
            return real.putRecord(ns, streamName, partitionKey, data);
        }

        @Override
        public Read readAfter(Namespace ns, String streamName, String shardId, String afterSequenceNumber, int maxRecords, long maxBytes) {
            reads.incrementAndGet();
            if (throttleNext > 0) {
                throttleNext--;
                throw KinesisErrors.PROVISIONED_THROUGHPUT_EXCEEDED.exception("Rate exceeded for Shard - %s/%s/%s", ns.account(), streamName,
                        shardId);
            }
            return real.readAfter(ns, streamName, shardId, afterSequenceNumber, maxRecords, maxBytes);
        }
    }
}
