package io.tarn.kinesis.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StreamMeta;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Shards: listing with AWS's filters, and SplitShard, MergeShards and UpdateShardCount with their limits. */
public final class ReshardEngine {

    public record UpdatedCount(String streamName, String streamArn, int current, int target) {}

    private final StreamEngine streams;
    private final EmulatorClock clock;
    private final KinesisSettings settings;

    ReshardEngine(StreamEngine streams, EmulatorClock clock, KinesisSettings settings) {
        this.streams = streams;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * The shards a ListShards filter selects, in shard id order: AFTER_SHARD_ID, AT_TRIM_HORIZON,
     * FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP, as the API reference defines them.
     */
    public List<ShardMeta> list(Namespace ns, String name, @Nullable String exclusiveStartShardId, @Nullable String filterType,
            @Nullable String filterShardId, @Nullable Instant filterTime) {
        streams.admit(ns, "ListShards", name);
        StreamMeta meta = streams.describe(ns, name);
        long now = clock.millis();
        long trim = meta.trimMillis(now);
        long after = exclusiveStartShardId == null ? -1 : ShardMeta.parseShardId(exclusiveStartShardId);
        List<ShardMeta> out = new ArrayList<>();
        for (ShardMeta s : meta.shards()) {
            if (s.index() <= after || !selected(s, meta, filterType, filterShardId, filterTime, trim)) {
                continue;
            }
            out.add(s);
        }
        out.sort((a, b) -> Long.compare(a.index(), b.index()));
        return out;
    }

    private static boolean selected(ShardMeta s, StreamMeta meta, @Nullable String type, @Nullable String shardId,
            @Nullable Instant time, long trim) {
        if (type == null) {
            return true;
        }
        switch (type) {
            case "AFTER_SHARD_ID":
                if (shardId == null) {
                    throw KinesisErrors.INVALID_ARGUMENT.exception("ShardFilter of type AFTER_SHARD_ID requires a ShardId.");
                }
                return s.index() > ShardMeta.parseShardId(shardId);
            case "AT_TRIM_HORIZON":
                // the shards open at the trim horizon: not closed before it, and with no parent still within it
                return (s.isOpen() || s.closedMillis() > trim) && !parentLive(s, meta, trim);
            case "FROM_TRIM_HORIZON":
                return s.isOpen() || s.closedMillis() > trim;
            case "AT_LATEST":
                return s.isOpen();
            case "AT_TIMESTAMP":
            case "FROM_TIMESTAMP": {
                if (time == null) {
                    throw KinesisErrors.INVALID_ARGUMENT.exception("ShardFilter of type %s requires a Timestamp.", type);
                }
                long t = time.toEpochMilli();
                boolean openAfter = s.isOpen() || s.closedMillis() > t;
                if ("FROM_TIMESTAMP".equals(type)) {
                    return openAfter;
                }
                return openAfter && s.createdMillis() <= Math.max(t, meta.createdMillis());
            }
            default:
                throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'shardFilter.type' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, "
                        + "AT_TIMESTAMP, FROM_TIMESTAMP]", type);
        }
    }

    private static boolean parentLive(ShardMeta s, StreamMeta meta, long trim) {
        for (long p : new long[] {s.parentIndex(), s.adjacentParentIndex()}) {
            ShardMeta parent = p == ShardMeta.NONE ? null : meta.shard(p);
            if (parent != null && !parent.isOpen() && parent.closedMillis() > trim) {
                return true;
            }
        }
        return false;
    }

    public void split(Namespace ns, String name, String shardId, String newStartingHashKey) {
        streams.admit(ns, "SplitShard", name);
        BigInteger start = hashKey(newStartingHashKey, "newStartingHashKey");
        checkShardLimit(ns, 1);
        streams.update(ns, name, true, e -> Resharder.split(e, openShard(ns, e, shardId), start, clock.millis()));
    }

    public void merge(Namespace ns, String name, String shardId, String adjacentShardId) {
        streams.admit(ns, "MergeShards", name);
        streams.update(ns, name, true, e -> Resharder.merge(e, openShard(ns, e, shardId), openShard(ns, e, adjacentShardId), clock.millis()));
    }

    /** Uniform scaling within AWS's limits: half to double the open shards, ten scalings a day. */
    public UpdatedCount updateShardCount(Namespace ns, String name, int target, String scalingType) {
        if (!"UNIFORM_SCALING".equals(scalingType)) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'scalingType' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [UNIFORM_SCALING]", scalingType);
        }
        if (target < 1 || target > KinesisLimits.MAX_SHARDS_PER_STREAM) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'targetShardCount' failed to satisfy "
                    + "constraint: Member must have value between 1 and %d", target, KinesisLimits.MAX_SHARDS_PER_STREAM);
        }
        int[] current = {0};
        StreamMeta after = streams.update(ns, name, true, e -> {
            if (StreamMeta.ON_DEMAND.equals(e.mode)) {
                throw KinesisErrors.VALIDATION.exception("UpdateShardCount is not supported for streams in ON_DEMAND mode.");
            }
            long now = clock.millis();
            int open = (int) e.shards.stream().filter(ShardMeta::isOpen).count();
            current[0] = open;
            if (target > open * 2) {
                throw KinesisErrors.LIMIT_EXCEEDED.exception("UpdateShardCount cannot scale up over double your current open shard count. "
                        + "Current open shard count: %d Target shard count: %d", open, target);
            }
            if (target * 2 < open) {
                throw KinesisErrors.LIMIT_EXCEEDED.exception("UpdateShardCount cannot scale down below half your current open shard count. "
                        + "Current open shard count: %d Target shard count: %d", open, target);
            }
            e.scalingMillis.removeIf(t -> t <= now - 24 * 3_600_000L);
            if (e.scalingMillis.size() >= KinesisLimits.SCALINGS_PER_DAY) {
                throw KinesisErrors.LIMIT_EXCEEDED.exception("Exceeded the limit of %d UpdateShardCount calls per rolling 24 hours "
                        + "for stream %s.", KinesisLimits.SCALINGS_PER_DAY, name);
            }
            if (target > open) {
                checkShardLimit(ns, target - open);
            }
            if (target != open) {
                Resharder.uniform(e, target, now);
            }
            e.scalingMillis.add(now);
        });
        return new UpdatedCount(name, after.arn(), current[0], target);
    }

    private void checkShardLimit(Namespace ns, int added) {
        StreamEngine.Limits limits = streams.limits(ns);
        if (limits.openShardCount() + added > limits.shardLimit()) {
            throw KinesisErrors.LIMIT_EXCEEDED.exception("This request would exceed the shard limit for the account %s in %s. Current "
                    + "shard count for the account: %d. Limit: %d. Number of additional shards that would have resulted from this "
                    + "request: %d.", ns.account(), ns.region(), limits.openShardCount(), limits.shardLimit(), added);
        }
    }

    private static ShardMeta openShard(Namespace ns, StreamMeta.Editor e, String shardId) {
        long index = ShardMeta.parseShardId(shardId);
        for (ShardMeta s : e.shards) {
            if (s.index() == index) {
                return s;
            }
        }
        throw KinesisErrors.RESOURCE_NOT_FOUND.exception("Could not find shard %s in stream %s under account %s.", shardId, e.name,
                ns.account());
    }

    private static BigInteger hashKey(String text, String field) {
        try {
            BigInteger k = new BigInteger(text);
            if (k.signum() >= 0 && k.compareTo(HashKeys.MAX) <= 0) {
                return k;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // answered below
        }
        throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})", text, field);
    }

    KinesisSettings settings() {
        return settings;
    }
}
