package io.tarn.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.StreamPort;
import io.tarn.core.store.MasterKey;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.kms.engine.KmsEngine;
import io.tarn.kms.engine.NewKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StreamPort} over the real Kinesis engines, a real RocksDB in a temp dir and a manual clock. */
class KinesisStreamPortTest {

    static final Namespace NS = new Namespace("000000000000", "us-east-1");
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    EmulatorClock clock;
    Scheduler scheduler;
    StateStore store;
    KmsEngine kms;
    KinesisEngine engine;
    StreamPort port;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        kms = KmsEngine.open(store.keyspace("kms"), clock, scheduler, MasterKey.loadOrCreate(dir.resolve("kms.key")));
        engine = KinesisEngine.open(store.keyspace("kinesis"), clock, scheduler, KinesisSettings.DEFAULT, kms::crypto);
        port = engine.streamPort();
    }

    @AfterEach
    void close() {
        engine.close();
        kms.close();
        scheduler.close();
        store.close();
    }

    private String put(String stream, String key, String data) {
        return engine.records().append(NS, stream, List.of(new RecordLog.NewRecord(key, null, data.getBytes(StandardCharsets.UTF_8))))
                .records().get(0).sequenceNumber();
    }

    private static List<String> texts(StreamPort.Read read) {
        return read.records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void readingAfterTheTipSeesOnlyLaterRecordsWithTheirArrivalAndKey() {
        engine.streams().create(NS, "s", 1, null, Map.of(), null, null);
        put("s", "k", "old");
        Map<String, String> tip = port.tip(NS, "s");
        clock.advance(Duration.ofSeconds(5));
        String seq = put("s", "pk", "new");

        StreamPort.Read read = port.readAfter(NS, "s", "shardId-000000000000", tip.get("shardId-000000000000"), 100, 1 << 20);
        assertThat(texts(read)).containsExactly("new");
        StreamPort.Record r = read.records().get(0);
        assertThat(r.sequenceNumber()).isEqualTo(seq);
        assertThat(r.partitionKey()).isEqualTo("pk");
        assertThat(r.approximateArrivalTimestamp()).isEqualTo(START.plusSeconds(5));
        assertThat(read.shardEnded()).isFalse();

        String start = port.shards(NS, "s").get(0).startingSequenceNumber();
        clock.advance(Duration.ofSeconds(1));
        assertThat(texts(port.readAfter(NS, "s", "shardId-000000000000", start, 100, 1 << 20))).containsExactly("old", "new");
    }

    @Test
    void anEmptyShardsTipIsItsStart() {
        engine.streams().create(NS, "empty", 2, null, Map.of(), null, null);
        List<StreamPort.Shard> shards = port.shards(NS, "empty");
        assertThat(port.tip(NS, "empty")).containsExactly(
                Map.entry("shardId-000000000000", shards.get(0).startingSequenceNumber()),
                Map.entry("shardId-000000000001", shards.get(1).startingSequenceNumber()));
        assertThat(shards).allMatch(StreamPort.Shard::open);
    }

    @Test
    void readsAreLimitedByCountAndBytes() {
        engine.streams().create(NS, "many", 1, null, Map.of(), null, null);
        for (int i = 0; i < 5; i++) {
            put("many", "k", "record-" + i);
        }
        String start = port.shards(NS, "many").get(0).startingSequenceNumber();
        StreamPort.Read two = port.readAfter(NS, "many", "shardId-000000000000", start, 2, 1 << 20);
        assertThat(texts(two)).containsExactly("record-0", "record-1");
        clock.advance(Duration.ofSeconds(1));
        StreamPort.Read oneByBytes = port.readAfter(NS, "many", "shardId-000000000000", two.records().get(1).sequenceNumber(), 100, 3);
        assertThat(texts(oneByBytes)).containsExactly("record-2"); // at least one record, even over the byte limit
    }

    @Test
    void aSplitParentEndsAndItsChildrenNameIt() {
        engine.streams().create(NS, "split", 1, null, Map.of(), null, null);
        put("split", "k", "before");
        engine.reshard().split(NS, "split", "shardId-000000000000", HashKeys.SPACE.shiftRight(1).toString());
        List<StreamPort.Shard> shards = port.shards(NS, "split");
        assertThat(shards).extracting(StreamPort.Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.get(0).open()).isFalse();
        assertThat(shards.subList(1, 3)).extracting(StreamPort.Shard::parentShardId).containsOnly("shardId-000000000000");
        assertThat(shards.get(1).startingHashKey()).isEqualTo("0");

        StreamPort.Read parent = port.readAfter(NS, "split", "shardId-000000000000", shards.get(0).startingSequenceNumber(), 100, 1 << 20);
        assertThat(texts(parent)).containsExactly("before");
        assertThat(parent.shardEnded()).isTrue();
    }

    @Test
    void encryptedRecordsComeBackDecrypted() {
        String keyId = kms.keys().create(NS, new NewKey("stream key", null, "SYMMETRIC_DEFAULT", null, Map.of())).keyId();
        engine.streams().create(NS, "secret", 1, null, Map.of(), null, null);
        engine.streams().startEncryption(NS, "secret", "KMS", keyId);
        put("secret", "k", "plain text");
        String start = port.shards(NS, "secret").get(0).startingSequenceNumber();
        assertThat(texts(port.readAfter(NS, "secret", "shardId-000000000000", start, 10, 1 << 20))).containsExactly("plain text");
    }

    @Test
    void readsCountAgainstTheShardsFiveCallsASecond() {
        engine.streams().create(NS, "busy", 1, null, Map.of(), null, null);
        String start = port.shards(NS, "busy").get(0).startingSequenceNumber();
        for (int i = 0; i < 5; i++) {
            port.readAfter(NS, "busy", "shardId-000000000000", start, 10, 1 << 20);
        }
        assertThatThrownBy(() -> port.readAfter(NS, "busy", "shardId-000000000000", start, 10, 1 << 20))
                .isInstanceOf(AwsException.class)
                .hasMessage("Rate exceeded for Shard - 000000000000/busy/shardId-000000000000")
                .extracting(e -> ((AwsException) e).code()).isEqualTo("ProvisionedThroughputExceededException");
        clock.advance(Duration.ofSeconds(1));
        assertThat(port.readAfter(NS, "busy", "shardId-000000000000", start, 10, 1 << 20).records()).isEmpty();
    }

    @Test
    void unknownStreamsShardsAndForeignPositionsAreKinesisErrors() {
        engine.streams().create(NS, "two", 2, null, Map.of(), null, null);
        String otherShardStart = port.shards(NS, "two").get(1).startingSequenceNumber();
        assertThatThrownBy(() -> port.shards(NS, "missing")).extracting(e -> ((AwsException) e).code())
                .isEqualTo("ResourceNotFoundException");
        assertThatThrownBy(() -> port.readAfter(NS, "two", "shardId-000000000009", otherShardStart, 1, 1))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("ResourceNotFoundException");
        assertThatThrownBy(() -> port.readAfter(NS, "two", "shardId-000000000000", otherShardStart, 1, 1))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidArgumentException");
    }
}
