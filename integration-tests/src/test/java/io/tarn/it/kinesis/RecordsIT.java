package io.tarn.it.kinesis;

import static io.tarn.it.kinesis.KinesisSupport.MAX_HASH;
import static io.tarn.it.kinesis.KinesisSupport.advanceClock;
import static io.tarn.it.kinesis.KinesisSupport.assertKinesisError;
import static io.tarn.it.kinesis.KinesisSupport.bytes;
import static io.tarn.it.kinesis.KinesisSupport.createStream;
import static io.tarn.it.kinesis.KinesisSupport.readShard;
import static io.tarn.it.kinesis.KinesisSupport.shardId;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.AdminCalls;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The data plane through the SDK v2 client, in CBOR and in JSON: PutRecord(s) with their
 * per-record results and routing, every shard iterator type, GetRecords paging, sequence numbers,
 * iterator expiry and retention on the emulator clock. Throttling is off (ThroughputIT has it).
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--kinesis-throttling", "off"})
class RecordsIT extends KinesisClientsBase {

    private static PutRecordsRequestEntry entry(String key, String data) {
        return PutRecordsRequestEntry.builder().partitionKey(key).data(bytes(data)).build();
    }

    @BothProtocols
    void aRecordIsReadBackAsItWasPut(Wire wire) throws Exception {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("round-trip");
        createStream(kinesis, name, 1);
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        Instant before = AdminCalls.clockNow(clients.endpoint()).truncatedTo(ChronoUnit.SECONDS);
        PutRecordResponse put = kinesis.putRecord(b -> b.streamName(name).partitionKey("user-ü-1").data(SdkBytes.fromByteArray(binary)));
        Instant after = AdminCalls.clockNow(clients.endpoint());
        assertThat(put.shardId()).isEqualTo(shardId(0));
        assertThat(put.sequenceNumber()).matches("[0-9]{20,128}");

        List<Record> records = readShard(kinesis, name, shardId(0), ShardIteratorType.TRIM_HORIZON).records();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.data().asByteArray()).isEqualTo(binary);
            assertThat(r.partitionKey()).isEqualTo("user-ü-1");
            assertThat(r.sequenceNumber()).isEqualTo(put.sequenceNumber());
            assertThat(r.approximateArrivalTimestamp()).isBetween(before, after); // stamped by the emulator clock
        });

        // an empty data blob is a record too
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(new byte[0])));
        assertThat(readShard(kinesis, name, shardId(0), ShardIteratorType.TRIM_HORIZON).records()).hasSize(2)
                .last().satisfies(r -> assertThat(r.data().asByteArray()).isEmpty());
    }

    @BothProtocols
    void putRecordsAnswersPerRecordAndKeepsEachKeysOrder(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("put-records");
        createStream(kinesis, name, 3);
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            entries.add(entry("key-" + (i % 17), "value-" + i));
        }
        PutRecordsResponse put = kinesis.putRecords(b -> b.streamName(name).records(entries));
        assertThat(put.failedRecordCount()).isZero();
        assertThat(put.records()).hasSize(300).allSatisfy(r -> {
            assertThat(r.shardId()).startsWith("shardId-");
            assertThat(r.sequenceNumber()).matches("[0-9]{20,128}");
            assertThat(r.errorCode()).isNull();
        });
        // one key, one shard
        Map<String, String> shardOfKey = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String previous = shardOfKey.putIfAbsent(entries.get(i).partitionKey(), put.records().get(i).shardId());
            assertThat(previous == null || previous.equals(put.records().get(i).shardId())).isTrue();
        }
        assertThat(put.records().stream().map(PutRecordsResultEntry::shardId).distinct()).hasSizeGreaterThan(1);

        // within a shard, sequence numbers grow in the order of the request; each key reads back in order
        Map<String, List<String>> byKey = new HashMap<>();
        int total = 0;
        for (int s = 0; s < 3; s++) {
            List<Record> records = readShard(kinesis, name, shardId(s), ShardIteratorType.TRIM_HORIZON).records();
            total += records.size();
            BigInteger last = BigInteger.ZERO;
            for (Record r : records) {
                BigInteger seq = new BigInteger(r.sequenceNumber());
                assertThat(seq).isGreaterThan(last);
                last = seq;
                byKey.computeIfAbsent(r.partitionKey(), k -> new ArrayList<>()).add(r.data().asUtf8String());
            }
        }
        assertThat(total).isEqualTo(300);
        for (int k = 0; k < 17; k++) {
            int key = k;
            assertThat(byKey.get("key-" + k)).containsExactlyElementsOf(
                    IntStream.range(0, 300).filter(i -> i % 17 == key).mapToObj(i -> "value-" + i).toList());
        }
        // the sequence numbers PutRecords answered are the ones GetRecords reads
        String firstSeq = put.records().get(0).sequenceNumber();
        String firstShard = put.records().get(0).shardId();
        String it = kinesis.getShardIterator(b -> b.streamName(name).shardId(firstShard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(firstSeq)).shardIterator();
        assertThat(kinesis.getRecords(b -> b.shardIterator(it).limit(1)).records()).singleElement()
                .satisfies(r -> assertThat(r.data().asUtf8String()).isEqualTo("value-0"));
    }

    @BothProtocols
    void sequenceNumberForOrderingKeepsPutRecordsInOrder(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("ordering");
        createStream(kinesis, name, 1);
        String previous = null;
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String after = previous;
            int n = i;
            previous = kinesis.putRecord(b -> b.streamName(name).partitionKey("k" + n).data(bytes("r" + n))
                    .sequenceNumberForOrdering(after)).sequenceNumber();
            seqs.add(previous);
        }
        assertThat(seqs.stream().map(BigInteger::new).toList()).isSorted().doesNotHaveDuplicates();
    }

    @BothProtocols
    void anExplicitHashKeyChoosesTheShard(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("explicit-hash");
        createStream(kinesis, name, 2);
        String low = kinesis.putRecord(b -> b.streamName(name).partitionKey("same").explicitHashKey("0").data(bytes("low"))).shardId();
        String high = kinesis.putRecord(b -> b.streamName(name).partitionKey("same").explicitHashKey(MAX_HASH.toString())
                .data(bytes("high"))).shardId();
        String justHigh = kinesis.putRecord(b -> b.streamName(name).partitionKey("same")
                .explicitHashKey(BigInteger.ONE.shiftLeft(127).toString()).data(bytes("mid"))).shardId();
        assertThat(low).isEqualTo(shardId(0));
        assertThat(high).isEqualTo(shardId(1));
        assertThat(justHigh).isEqualTo(shardId(1));
        PutRecordsResponse batch = kinesis.putRecords(b -> b.streamName(name).records(
                PutRecordsRequestEntry.builder().partitionKey("x").explicitHashKey("1").data(bytes("a")).build(),
                PutRecordsRequestEntry.builder().partitionKey("x").explicitHashKey(MAX_HASH.subtract(BigInteger.ONE).toString())
                        .data(bytes("b")).build()));
        assertThat(batch.records()).extracting(PutRecordsResultEntry::shardId).containsExactly(shardId(0), shardId(1));
        // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html: the hash key is in [0, 2^128-1]
        assertKinesisError(() -> kinesis.putRecord(b -> b.streamName(name).partitionKey("k")
                .explicitHashKey(BigInteger.ONE.shiftLeft(128).toString()).data(bytes("x"))), "InvalidArgumentException");
    }

    @BothProtocols
    void putRecordsTakesAtMost500Records(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("five-hundred");
        createStream(kinesis, name, 1);
        List<PutRecordsRequestEntry> five = IntStream.range(0, 500).mapToObj(i -> entry("k" + i, "v" + i)).toList();
        assertThat(kinesis.putRecords(b -> b.streamName(name).records(five)).records()).hasSize(500);

        List<PutRecordsRequestEntry> tooMany = IntStream.range(0, 501).mapToObj(i -> entry("k" + i, "v" + i)).toList();
        // the API model: Records has 1..500 members; a request outside that fails as a whole
        assertKinesisError(() -> kinesis.putRecords(b -> b.streamName(name).records(tooMany)), "ValidationException");
        assertKinesisError(() -> kinesis.putRecords(b -> b.streamName(name).records(List.of())), "ValidationException");
        assertThat(readShard(kinesis, name, shardId(0), ShardIteratorType.TRIM_HORIZON).records()).hasSize(500);
    }

    @BothProtocols
    void aRecordOver1MiBIsRefused(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("too-large");
        createStream(kinesis, name, 1);
        // data plus partition key up to 1 MiB is fine
        byte[] fits = new byte[(1 << 20) - 1];
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(fits)));
        byte[] tooLarge = new byte[(1 << 20) + 1];
        // the API model: Data is at most 1048576 bytes
        assertKinesisError(() -> kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(tooLarge))),
                "ValidationException");
        assertKinesisError(() -> kinesis.putRecords(b -> b.streamName(name).records(entry("a", "small"),
                PutRecordsRequestEntry.builder().partitionKey("b").data(SdkBytes.fromByteArray(tooLarge)).build())),
                "ValidationException");
        // a partition key is 1..256 characters
        assertKinesisError(() -> kinesis.putRecord(b -> b.streamName(name).partitionKey("p".repeat(257)).data(bytes("x"))),
                "ValidationException");
        List<Record> records = readShard(kinesis, name, shardId(0), ShardIteratorType.TRIM_HORIZON).records();
        assertThat(records).singleElement().satisfies(r -> assertThat(r.data().asByteArray()).hasSize(fits.length));
    }

    @BothProtocols
    void everyShardIteratorType(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("iterator-types");
        createStream(kinesis, name, 1);
        String shard = shardId(0);
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            seqs.add(kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("first-" + n))).sequenceNumber());
        }
        KinesisSupport.advanceClock(clients.endpoint(), "PT1S"); // the later records arrive a whole emulator second later
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            later.add(kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("later-" + n))).sequenceNumber());
        }

        assertThat(data(readShard(kinesis, name, shard, ShardIteratorType.TRIM_HORIZON).records()))
                .containsExactly("first-0", "first-1", "first-2", "first-3", "first-4", "later-0", "later-1", "later-2");
        assertThat(data(readShard(kinesis, b -> b.streamName(name).shardId(shard).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .startingSequenceNumber(seqs.get(2)), null).records()))
                .containsExactly("first-2", "first-3", "first-4", "later-0", "later-1", "later-2");
        assertThat(data(readShard(kinesis, b -> b.streamName(name).shardId(shard).shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                .startingSequenceNumber(seqs.get(2)), null).records()))
                .containsExactly("first-3", "first-4", "later-0", "later-1", "later-2");
        assertThat(data(readShard(kinesis, b -> b.streamName(name).shardId(shard).shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                .startingSequenceNumber(later.get(2)), null).records())).isEmpty();

        // AT_TIMESTAMP: the records that arrived at or after the instant
        Record laterFirst = readShard(kinesis, b -> b.streamName(name).shardId(shard).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .startingSequenceNumber(later.get(0)), 1).records().get(0);
        Record firstLast = readShard(kinesis, b -> b.streamName(name).shardId(shard).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .startingSequenceNumber(seqs.get(4)), 1).records().get(0);
        assertThat(laterFirst.approximateArrivalTimestamp()).isAfter(firstLast.approximateArrivalTimestamp());
        assertThat(data(readShard(kinesis, b -> b.streamName(name).shardId(shard).shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                .timestamp(laterFirst.approximateArrivalTimestamp()), null).records()))
                .containsExactly("later-0", "later-1", "later-2");
        assertThat(data(readShard(kinesis, b -> b.streamName(name).shardId(shard).shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                .timestamp(Instant.EPOCH), null).records())).hasSize(8);

        // LATEST: only what comes after the iterator was made
        String latest = kinesis.getShardIterator(b -> b.streamName(name).shardId(shard).shardIteratorType(ShardIteratorType.LATEST))
                .shardIterator();
        assertThat(kinesis.getRecords(b -> b.shardIterator(latest)).records()).isEmpty();
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("newest")));
        assertThat(data(kinesis.getRecords(b -> b.shardIterator(latest)).records())).containsExactly("newest");

        // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html: the sequence number goes
        // with AT_/AFTER_SEQUENCE_NUMBER, the timestamp with AT_TIMESTAMP
        assertKinesisError(() -> kinesis.getShardIterator(b -> b.streamName(name).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)), "InvalidArgumentException");
        assertKinesisError(() -> kinesis.getShardIterator(b -> b.streamName(name).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP)), "InvalidArgumentException");
        assertKinesisError(() -> kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId(7))
                .shardIteratorType(ShardIteratorType.LATEST)), "ResourceNotFoundException");
        assertKinesisError(() -> kinesis.getRecords(b -> b.shardIterator("bm90IGFuIGl0ZXJhdG9y")), "InvalidArgumentException");
    }

    @BothProtocols
    void getRecordsPagesWithLimitAndReportsMillisBehindLatest(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("paging");
        createStream(kinesis, name, 1);
        kinesis.putRecords(b -> b.streamName(name).records(IntStream.range(0, 10).mapToObj(i -> entry("k", "r" + i)).toList()));
        advanceClock(clients.endpoint(), "PT1M"); // the records are now a minute old

        String it = kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId(0)).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<String> seen = new ArrayList<>();
        GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(it).limit(3));
        assertThat(data(page.records())).containsExactly("r0", "r1", "r2");
        // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html: how far behind the tip of the
        // stream the response is; zero once caught up
        assertThat(page.millisBehindLatest()).isGreaterThanOrEqualTo(59_000L);
        seen.addAll(data(page.records()));
        for (int calls = 0; calls < 10 && !page.records().isEmpty(); calls++) {
            String next = page.nextShardIterator();
            assertThat(next).isNotNull();
            page = kinesis.getRecords(b -> b.shardIterator(next).limit(3));
            seen.addAll(data(page.records()));
            assertThat(page.records()).hasSizeLessThanOrEqualTo(3);
        }
        assertThat(seen).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
        assertThat(page.millisBehindLatest()).isZero();
        assertThat(page.nextShardIterator()).isNotNull(); // an open shard never ends

        // API_GetRecords.html: "If you specify a value that is greater than 10,000, GetRecords throws InvalidArgumentException."
        assertKinesisError(() -> kinesis.getRecords(b -> b.shardIterator(it).limit(10_001)), "InvalidArgumentException");
    }

    @BothProtocols
    void aSequenceNumberOfAnotherShardIsInvalid(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("other-shard");
        createStream(kinesis, name, 2);
        PutRecordResponse onZero = kinesis.putRecord(b -> b.streamName(name).partitionKey("k").explicitHashKey("0").data(bytes("x")));
        assertThat(onZero.shardId()).isEqualTo(shardId(0));
        assertKinesisError(() -> kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId(1))
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(onZero.sequenceNumber())),
                "InvalidArgumentException", "Invalid StartingSequenceNumber. It encodes " + shardId(0)
                        + ", while it was used in a call to " + shardId(1));
        assertKinesisError(() -> kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId(1))
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(onZero.sequenceNumber())),
                "InvalidArgumentException");
    }

    @BothProtocols
    void anIteratorExpiresAfterFiveMinutes(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("expiry");
        createStream(kinesis, name, 1);
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("x")));
        String it = kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId(0)).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        String next = kinesis.getRecords(b -> b.shardIterator(it)).nextShardIterator();
        advanceClock(clients.endpoint(), "PT4M");
        String stillGood = kinesis.getRecords(b -> b.shardIterator(next)).nextShardIterator();
        advanceClock(clients.endpoint(), "PT2M"); // 6 minutes after the first two were issued, 2 after the third

        // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html: "A shard iterator expires
        // 5 minutes after it is returned to the requester."
        // AWS writes both times as Java's Date.toString() in UTC ("Sun Oct 10 05:17:11 UTC 2021")
        String date = "\\w{3} \\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4}";
        assertKinesisError(() -> kinesis.getRecords(b -> b.shardIterator(it)), "ExpiredIteratorException",
                Pattern.compile("Iterator expired\\. The iterator was created at time " + date + " while right now it is "
                        + date + " which is further in the future than the tolerated delay of 300000 milliseconds\\."));
        assertKinesisError(() -> kinesis.getRecords(b -> b.shardIterator(next)), "ExpiredIteratorException");
        assertThat(kinesis.getRecords(b -> b.shardIterator(stillGood)).records()).isEmpty();
    }

    @BothProtocols
    void recordsLeaveWithTheRetentionPeriod(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String day = wire.name("retention-24h");
        String twoDays = wire.name("retention-48h");
        createStream(kinesis, day, 1);
        createStream(kinesis, twoDays, 1);
        kinesis.increaseStreamRetentionPeriod(b -> b.streamName(twoDays).retentionPeriodHours(48));
        String old = kinesis.putRecord(b -> b.streamName(day).partitionKey("k").data(bytes("old"))).sequenceNumber();
        kinesis.putRecord(b -> b.streamName(twoDays).partitionKey("k").data(bytes("old")));

        advanceClock(clients.endpoint(), "PT25H");
        kinesis.putRecord(b -> b.streamName(day).partitionKey("k").data(bytes("new")));

        // TRIM_HORIZON moved past the expired record; the 48-hour stream still has its record
        assertThat(data(readShard(kinesis, day, shardId(0), ShardIteratorType.TRIM_HORIZON).records())).containsExactly("new");
        assertThat(data(readShard(kinesis, twoDays, shardId(0), ShardIteratorType.TRIM_HORIZON).records())).containsExactly("old");
        // reading from the expired record's number starts at the trim horizon
        assertThat(data(readShard(kinesis, b -> b.streamName(day).shardId(shardId(0))
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(old), null).records()))
                .containsExactly("new");

        advanceClock(clients.endpoint(), "PT24H");
        assertThat(readShard(kinesis, twoDays, shardId(0), ShardIteratorType.TRIM_HORIZON).records()).isEmpty();
    }

    @BothProtocols
    void aChangedRetentionPeriodNeverBringsExpiredRecordsBack(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("retention-change");
        createStream(kinesis, name, 1);
        kinesis.increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(48));
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("old")));
        advanceClock(clients.endpoint(), "PT30H");
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("recent")));
        assertThat(data(readShard(kinesis, name, shardId(0), ShardIteratorType.TRIM_HORIZON).records())).containsExactly("old", "recent");

        // API_DecreaseStreamRetentionPeriod.html: "any data already in the stream that is older than 24 hours is inaccessible"
        kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(24));
        assertThat(data(readShard(kinesis, name, shardId(0), ShardIteratorType.TRIM_HORIZON).records())).containsExactly("recent");
        // API_IncreaseStreamRetentionPeriod.html: "it does not make previous, expired data (older than the stream's
        // previous retention period) accessible after the operation has been called"
        kinesis.increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(72));
        assertThat(data(readShard(kinesis, name, shardId(0), ShardIteratorType.TRIM_HORIZON).records())).containsExactly("recent");
    }

    @BothProtocols
    void putRecordsTakesAtMost5MiB(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("five-mib");
        createStream(kinesis, name, 1);
        SdkBytes almostOneMiB = SdkBytes.fromByteArray(new byte[1_048_000]);
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(almostOneMiB).build());
        }
        entries.add(entry("k5", "x".repeat(20_000)));
        // API_PutRecords.html: "Each PutRecords request can support up to 500 records ... up to a limit of 5 MiB for the
        // entire request, including partition keys"
        assertKinesisError(() -> kinesis.putRecords(b -> b.streamName(name).records(entries)), "InvalidArgumentException");
        assertThat(kinesis.putRecords(b -> b.streamName(name).records(entries.subList(0, 5))).failedRecordCount()).isZero();
    }

    private static List<String> data(List<Record> records) {
        return records.stream().map(r -> r.data().asUtf8String()).toList();
    }
}
