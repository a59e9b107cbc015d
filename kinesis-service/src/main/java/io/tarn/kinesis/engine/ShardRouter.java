package io.tarn.kinesis.engine;

import io.tarn.kinesis.model.ShardMeta;
import java.util.Comparator;
import java.util.List;

/** Finds the open shard whose hash key range holds a hash key: a binary search over the open shards. */
final class ShardRouter {

    private final ShardMeta[] shards;
    private final long[][] starts;

    ShardRouter(List<ShardMeta> openShards) {
        shards = openShards.stream().sorted(Comparator.comparing(ShardMeta::startHash)).toArray(ShardMeta[]::new);
        starts = new long[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            starts[i] = HashKeys.of(shards[i].startHash());
        }
    }

    /** The shard for {@code hash}; open shards always cover the whole space. */
    ShardMeta route(long[] hash) {
        int lo = 0;
        int hi = shards.length - 1;
        while (lo < hi) { // the last shard whose start is <= hash
            int mid = (lo + hi + 1) >>> 1;
            if (HashKeys.compare(starts[mid], hash) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return shards[lo];
    }
}
