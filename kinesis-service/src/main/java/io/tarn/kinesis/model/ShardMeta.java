package io.tarn.kinesis.model;

import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * One shard of a stream: its index ({@code shardId-000000000007}), its parents after a split or
 * merge, its hash key range, and when it was created and closed. A closed shard stays readable
 * until its records pass the retention period.
 */
public record ShardMeta(
        long index,
        long parentIndex,
        long adjacentParentIndex,
        String startingHashKey,
        String endingHashKey,
        long createdMillis,
        long closedMillis) {

    public static final long NONE = -1;

    public static ShardMeta open(long index, long parent, long adjacentParent, BigInteger start, BigInteger end, long now) {
        return new ShardMeta(index, parent, adjacentParent, start.toString(), end.toString(), now, 0);
    }

    public boolean isOpen() {
        return closedMillis == 0;
    }

    public ShardMeta close(long now) {
        return new ShardMeta(index, parentIndex, adjacentParentIndex, startingHashKey, endingHashKey, createdMillis, now);
    }

    public String shardId() {
        return shardId(index);
    }

    /** {@code shardId-} and the index in 12 digits (built by hand: this runs once per record). */
    public static String shardId(long index) {
        char[] id = "shardId-000000000000".toCharArray();
        long v = index;
        for (int i = id.length - 1; i >= 8 && v > 0; i--) {
            id[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return new String(id);
    }

    /** The index in {@code shardId-000000000007}, or -1 when it is not a shard id. */
    public static long parseShardId(String shardId) {
        if (shardId == null || !shardId.startsWith("shardId-") || shardId.length() != 20) {
            return -1;
        }
        try {
            return Long.parseLong(shardId.substring(8));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public BigInteger startHash() {
        return new BigInteger(startingHashKey);
    }

    public BigInteger endHash() {
        return new BigInteger(endingHashKey);
    }

    public SequenceNumber startingSequenceNumber() {
        return SequenceNumber.first(createdMillis, index);
    }

    public @Nullable SequenceNumber endingSequenceNumber() {
        return isOpen() ? null : SequenceNumber.last(closedMillis, index);
    }
}
