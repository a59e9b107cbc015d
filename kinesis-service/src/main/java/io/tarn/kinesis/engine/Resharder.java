package io.tarn.kinesis.engine;

import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StreamMeta;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Splits and merges as AWS does them: the parent (or the two adjacent parents) closes with an
 * ending sequence number, and children take over its hash range, naming their parents. Uniform
 * scaling is a sequence of such splits and merges that ends in evenly sized open shards, so
 * every child still has at most two parents and readers can order parents before children.
 */
final class Resharder {

    private Resharder() {}

    static void split(StreamMeta.Editor stream, ShardMeta parent, BigInteger newStart, long now) {
        requireOpen(stream, parent);
        if (newStart.compareTo(parent.startHash()) <= 0 || newStart.compareTo(parent.endHash()) > 0) {
            throw KinesisErrors.INVALID_ARGUMENT.exception(
                    "NewStartingHashKey %s used in SplitShard() on shard %s in stream %s under account %s is not both greater than "
                            + "one plus the shard's StartingHashKey %s and less than the shard's EndingHashKey %s.",
                    newStart, parent.shardId(), stream.name, stream.account(), parent.startingHashKey(), parent.endingHashKey());
        }
        stream.replaceShard(parent.close(now));
        stream.addShard(parent.index(), ShardMeta.NONE, parent.startHash(), newStart.subtract(BigInteger.ONE), now);
        stream.addShard(parent.index(), ShardMeta.NONE, newStart, parent.endHash(), now);
    }

    static void merge(StreamMeta.Editor stream, ShardMeta shard, ShardMeta adjacent, long now) {
        requireOpen(stream, shard);
        requireOpen(stream, adjacent);
        ShardMeta low = shard.startHash().compareTo(adjacent.startHash()) < 0 ? shard : adjacent;
        ShardMeta high = low == shard ? adjacent : shard;
        if (!low.endHash().add(BigInteger.ONE).equals(high.startHash())) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Shards %s and %s in stream %s under account %s are not an adjacent pair of "
                    + "shards eligible for merging", shard.shardId(), adjacent.shardId(), stream.name, stream.account());
        }
        stream.replaceShard(shard.close(now));
        stream.replaceShard(adjacent.close(now));
        stream.addShard(shard.index(), adjacent.index(), low.startHash(), high.endHash(), now);
    }

    /** A closed shard (split or merged before) takes part in no resharding: AWS's InvalidArgumentException. */
    private static void requireOpen(StreamMeta.Editor stream, ShardMeta shard) {
        if (!shard.isOpen()) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Shard %s in stream %s under account %s has already been merged or split, "
                    + "and thus is not eligible for merging or splitting.", shard.shardId(), stream.name, stream.account());
        }
    }

    /** Reshapes the open shards into {@code target} even ranges by splits, then merges. */
    static void uniform(StreamMeta.Editor stream, int target, long now) {
        TreeSet<BigInteger> wanted = new TreeSet<>();
        for (int i = 1; i < target; i++) {
            wanted.add(HashKeys.evenStart(i, target));
        }
        for (BigInteger start : wanted) {
            ShardMeta holder = openHolding(stream, start);
            if (!holder.startHash().equals(start)) {
                split(stream, holder, start, now);
            }
        }
        for (ShardMeta s : sortedOpen(stream)) {
            BigInteger start = s.startHash();
            if (start.signum() > 0 && !wanted.contains(start)) {
                ShardMeta current = openHolding(stream, start);
                ShardMeta left = openHolding(stream, start.subtract(BigInteger.ONE));
                merge(stream, left, current, now);
            }
        }
    }

    private static ShardMeta openHolding(StreamMeta.Editor stream, BigInteger hash) {
        for (ShardMeta s : stream.shards) {
            if (s.isOpen() && s.startHash().compareTo(hash) <= 0 && s.endHash().compareTo(hash) >= 0) {
                return s;
            }
        }
        throw new IllegalStateException("no open shard holds " + hash);
    }

    private static List<ShardMeta> sortedOpen(StreamMeta.Editor stream) {
        List<ShardMeta> open = new ArrayList<>();
        for (ShardMeta s : stream.shards) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        open.sort((a, b) -> a.startHash().compareTo(b.startHash()));
        return open;
    }
}
