package io.tarn.kinesis.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import io.tarn.kinesis.model.KinesisKeys;
import io.tarn.kinesis.model.SequenceNumber;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StoredRecord;
import io.tarn.kinesis.model.StreamMeta;
import io.tarn.kinesis.model.StreamStatus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The data plane: appends records to shards (routing, throttling, sequence numbers, one atomic
 * batch per call) and reads them back by range scans from a position, never past the trim
 * horizon of the stream's retention period.
 */
public final class RecordLog {

    /** A record to append. */
    public record NewRecord(String partitionKey, @Nullable String explicitHashKey, byte[] data) {}

    /** What became of one appended record: its shard and sequence number, or why it failed. */
    public record Appended(@Nullable String shardId, @Nullable String sequenceNumber, @Nullable String errorCode,
            @Nullable String errorMessage) {
        public boolean failed() {
            return errorCode != null;
        }
    }

    public record AppendResult(List<Appended> records, int failedCount, String encryptionType) {}

    /** A record read back; {@code data} is a view of the stored bytes, read-only by convention. */
    public record Record(SequenceNumber sequenceNumber, String partitionKey, java.nio.ByteBuffer data, boolean encrypted) {
        public byte[] dataBytes() {
            return toArray(data);
        }
    }

    /** A page of records read from a shard, and where the reading stands. */
    record Page(List<Record> records, long bytes, boolean shardEnded, long millisBehindLatest,
            @Nullable SequenceNumber nextUnread) {}

    private static final BigInteger MAX_HASH = HashKeys.MAX;

    private final Streams streams;
    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final ShardThroughput throughput;
    private final RecordCipher cipher;
    private final OnDemandScaler scaler;

    RecordLog(Streams streams, EmulatorClock clock, ShardThroughput throughput, RecordCipher cipher, OnDemandScaler scaler) {
        this.streams = streams;
        this.keyspace = streams.keyspace();
        this.clock = clock;
        this.throughput = throughput;
        this.cipher = cipher;
        this.scaler = scaler;
    }

    /**
     * Appends records in order. Records over the shard's write allowance fail one by one with
     * ProvisionedThroughputExceededException (PutRecords' per-record errors); the rest commit
     * in one batch.
     */
    public AppendResult append(Namespace ns, String streamName, List<NewRecord> records) {
        StreamState state = streams.require(ns, streamName);
        StreamMeta before = state.meta();
        long now = clock.millis();
        StreamStatus status = before.statusAt(now);
        if (status == StreamStatus.CREATING || status == StreamStatus.DELETING) {
            throw Streams.notFound(ns, streamName);
        }
        long maxBytes = before.maxRecordSizeKiB() * 1024L;
        long[][] hashes = new long[records.size()][];
        for (int i = 0; i < records.size(); i++) {
            NewRecord r = records.get(i);
            if (r.data().length + utf8Length(r.partitionKey()) > maxBytes) {
                throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value at 'data' failed to satisfy constraint: "
                        + "Member must have length less than or equal to %d", maxBytes);
            }
            hashes[i] = r.explicitHashKey() != null ? HashKeys.of(explicitHashKey(r.explicitHashKey())) : HashKeys.of(r.partitionKey());
        }
        List<Appended> out = new ArrayList<>(records.size());
        int failed = 0;
        String encryptionType;
        synchronized (state) {
            StreamMeta meta = state.meta();
            if (meta.incarnation() != before.incarnation()) {
                throw Streams.notFound(ns, streamName);
            }
            encryptionType = meta.encryptionType();
            int dataKeyId = "KMS".equals(encryptionType) && !meta.dataKeys().isEmpty()
                    ? meta.dataKeys().get(meta.dataKeys().size() - 1).id() : 0;
            ShardRouter router = state.router();
            List<Key> keys = new ArrayList<>(records.size());
            List<byte[]> values = new ArrayList<>(records.size());
            long written = 0;
            for (int i = 0; i < records.size(); i++) {
                NewRecord r = records.get(i);
                ShardMeta shard = router.route(hashes[i]);
                int size = r.data().length + utf8Length(r.partitionKey());
                if (!throughput.tryWrite(meta.incarnation(), shard.index(), size, now)) {
                    failed++;
                    out.add(new Appended(null, null, "ProvisionedThroughputExceededException", String.format(
                            "Rate exceeded for shard %s in stream %s under account %s.", shard.shardId(), streamName, ns.account())));
                    continue;
                }
                SequenceNumber seq = nextSequence(state, meta, shard.index(), now);
                byte[] data = dataKeyId == 0 ? r.data() : cipher.seal(ns, meta, dataKeyId, r.data());
                keys.add(KinesisKeys.record(meta.incarnation(), seq));
                values.add(new StoredRecord(r.partitionKey(), dataKeyId, data).encode());
                written += size;
                out.add(new Appended(shard.shardId(), seq.toString(), null, null));
            }
            if (!keys.isEmpty()) {
                keyspace.write(b -> {
                    for (int i = 0; i < keys.size(); i++) {
                        b.put(keys.get(i), values.get(i));
                    }
                });
            }
            scaler.recordWrite(state, written, keys.size(), failed, now);
        }
        return new AppendResult(out, failed, encryptionType);
    }

    /** Guarded by state. */
    private SequenceNumber nextSequence(StreamState state, StreamMeta meta, long shard, long now) {
        StreamState.Cursor cursor = state.cursors.get(shard);
        if (cursor == null) {
            io.tarn.core.store.Entry last = keyspace.last(KinesisKeys.shardRecords(meta.incarnation(), shard));
            // counters start at 1: counter 0 is the shard's StartingSequenceNumber, which no record may hold
            SequenceNumber newest = last == null ? null : KinesisKeys.sequenceOf(last.key());
            cursor = newest == null ? new StreamState.Cursor(0, 1) : new StreamState.Cursor(newest.millis(), newest.counter() + 1);
            state.cursors.put(shard, cursor);
        }
        cursor.lastMillis = Math.max(cursor.lastMillis, now);
        return new SequenceNumber(cursor.lastMillis, shard, cursor.nextCounter++);
    }

    /** The newest record of a shard, or null when it holds none. */
    @Nullable SequenceNumber newest(StreamMeta meta, long shard) {
        io.tarn.core.store.Entry last = keyspace.last(KinesisKeys.shardRecords(meta.incarnation(), shard));
        return last == null ? null : KinesisKeys.sequenceOf(last.key());
    }

    /** The oldest sequence number still within retention: TRIM_HORIZON. */
    static SequenceNumber trimHorizon(StreamMeta meta, ShardMeta shard, long now) {
        return SequenceNumber.first(Math.max(meta.trimMillis(now), shard.createdMillis()), shard.index());
    }

    /**
     * Reads up to {@code limit} records and {@code maxBytes} (at least one record) from {@code from}
     * ({@code inclusive} or just after it), never below the trim horizon.
     */
    Page read(Namespace ns, StreamMeta meta, ShardMeta shard, SequenceNumber from, boolean inclusive, int limit, long maxBytes) {
        long now = clock.millis();
        SequenceNumber trim = trimHorizon(meta, shard, now);
        boolean startInclusive = inclusive;
        SequenceNumber start = from;
        if (from.compareTo(trim) < 0) {
            start = trim;
            startInclusive = true;
        }
        List<Record> out = new ArrayList<>(Math.min(limit, 1024));
        long[] bytes = {0};
        SequenceNumber[] nextUnread = {null};
        SequenceNumber skip = startInclusive ? null : start;
        keyspace.scan(KinesisKeys.shardRecords(meta.incarnation(), shard.index()), KinesisKeys.record(meta.incarnation(), start), e -> {
            SequenceNumber seq = KinesisKeys.sequenceOf(e.key());
            if (skip != null && seq.equals(skip)) {
                return true;
            }
            StoredRecord.View stored = StoredRecord.view(e.value());
            long size = stored.data().remaining() + utf8Length(stored.partitionKey());
            if (out.size() >= limit || (!out.isEmpty() && bytes[0] + size > maxBytes)) {
                nextUnread[0] = seq;
                return false;
            }
            java.nio.ByteBuffer data = stored.dataKeyId() == 0 ? stored.data()
                    : java.nio.ByteBuffer.wrap(cipher.open(ns, meta, stored.dataKeyId(), toArray(stored.data())));
            out.add(new Record(seq, stored.partitionKey(), data, stored.dataKeyId() != 0));
            bytes[0] += size;
            return true;
        });
        boolean ended = nextUnread[0] == null && !shard.isOpen();
        long behind = nextUnread[0] == null ? 0 : Math.max(0, now - nextUnread[0].millis());
        return new Page(out, bytes[0], ended, behind, nextUnread[0]);
    }

    private static BigInteger explicitHashKey(String text) {
        try {
            BigInteger key = new BigInteger(text);
            if (key.signum() >= 0 && key.compareTo(MAX_HASH) <= 0) {
                return key;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw KinesisErrors.INVALID_ARGUMENT.exception("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. "
                + "Specified value was %s", text);
    }

    private static byte[] toArray(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                bytes += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1; // surrogate pairs: 4 bytes for 2 chars
            }
        }
        return bytes;
    }
}
