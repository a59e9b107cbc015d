package io.tarn.kinesis.engine;

import io.tarn.kinesis.KinesisLimits;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS's per-shard limits as token buckets on the emulator clock: in, 1 MiB and 1,000 records per
 * second; out, 5 GetRecords calls and 2 MiB per second (a large read borrows from the next
 * seconds). State lives in memory: after a restart every shard starts with full buckets.
 */
final class ShardThroughput {

    private record ShardKey(long incarnation, long shard) {}

    private static final class Buckets {
        final TokenBucket writeBytes;
        final TokenBucket writeRecords;
        final TokenBucket readCalls;
        final TokenBucket readBytes;

        Buckets(long now) {
            writeBytes = new TokenBucket(KinesisLimits.SHARD_WRITE_BYTES, now);
            writeRecords = new TokenBucket(KinesisLimits.SHARD_WRITE_RECORDS, now);
            readCalls = new TokenBucket(KinesisLimits.SHARD_READ_CALLS, now);
            readBytes = new TokenBucket(KinesisLimits.SHARD_READ_BYTES, now);
        }
    }

    private final boolean enabled;
    private final ConcurrentHashMap<ShardKey, Buckets> shards = new ConcurrentHashMap<>();

    ShardThroughput(boolean enabled) {
        this.enabled = enabled;
    }

    private Buckets buckets(long incarnation, long shard, long now) {
        return shards.computeIfAbsent(new ShardKey(incarnation, shard), k -> new Buckets(now));
    }

    /** Takes one record of {@code bytes} from the shard's write allowance; false if over it. */
    boolean tryWrite(long incarnation, long shard, int bytes, long now) {
        if (!enabled) {
            return true;
        }
        Buckets b = buckets(incarnation, shard, now);
        synchronized (b) {
            if (b.writeBytes.has(bytes, now) && b.writeRecords.has(1, now)) {
                b.writeBytes.take(bytes);
                b.writeRecords.take(1);
                return true;
            }
            return false;
        }
    }

    /** Admits one GetRecords call; false if the shard's read allowance is spent. */
    boolean tryRead(long incarnation, long shard, long now) {
        if (!enabled) {
            return true;
        }
        Buckets b = buckets(incarnation, shard, now);
        synchronized (b) {
            if (b.readCalls.has(1, now) && b.readBytes.positive(now)) {
                b.readCalls.take(1);
                return true;
            }
            return false;
        }
    }

    /** Charges the bytes a GetRecords returned; may borrow from the coming seconds. */
    void charge(long incarnation, long shard, long bytes, long now) {
        if (!enabled || bytes == 0) {
            return;
        }
        Buckets b = buckets(incarnation, shard, now);
        synchronized (b) {
            b.readBytes.positive(now);
            b.readBytes.take(bytes);
        }
    }

    void forget(long incarnation) {
        shards.keySet().removeIf(k -> k.incarnation() == incarnation);
    }
}
