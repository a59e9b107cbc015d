package io.tarn.kinesis.model;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;

/**
 * Every key of the kinesis keyspace. Records sit under their stream's incarnation and shard,
 * ordered by sequence number, so a GetRecords is a range scan and deleting a stream or trimming a
 * shard is a range delete.
 *
 * <pre>
 * ("s", account, region, stream)                   StreamMeta
 * ("c", account, region, stream, consumer)         ConsumerMeta
 * ("a", account, region)                           AccountSettings
 * ("r", incarnation, shard, millis, counter)       a record (RecordCodec)
 * </pre>
 */
public final class KinesisKeys {

    private KinesisKeys() {}

    public static Key streams(Namespace ns) {
        return Key.of("s", ns.account(), ns.region());
    }

    public static Key stream(Namespace ns, String name) {
        return Key.of("s", ns.account(), ns.region(), name);
    }

    public static Key consumers(Namespace ns, String stream) {
        return Key.of("c", ns.account(), ns.region(), stream);
    }

    public static Key consumer(Namespace ns, String stream, String consumer) {
        return Key.of("c", ns.account(), ns.region(), stream, consumer);
    }

    public static Key accountSettings(Namespace ns) {
        return Key.of("a", ns.account(), ns.region());
    }

    public static Key records(long incarnation) {
        return Key.of("r", incarnation);
    }

    public static Key shardRecords(long incarnation, long shard) {
        return Key.of("r", incarnation, shard);
    }

    public static Key record(long incarnation, SequenceNumber seq) {
        return Key.of("r", incarnation, seq.shardIndex(), seq.millis(), seq.counter());
    }

    /** The sequence number of a record key. */
    public static SequenceNumber sequenceOf(Key recordKey) {
        return sequenceOf(recordKey.bytes());
    }

    /**
     * The sequence number of a record key's bytes, read from its fixed-size tail (three tagged
     * longs) without decoding the whole tuple: GetRecords does this per record.
     */
    public static SequenceNumber sequenceOf(byte[] key) {
        int n = key.length;
        return new SequenceNumber(longAt(key, n - 17), longAt(key, n - 26), longAt(key, n - 8));
    }

    private static long longAt(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[offset + i] & 0xFF);
        }
        return v ^ Long.MIN_VALUE; // Key's sign flip
    }
}
