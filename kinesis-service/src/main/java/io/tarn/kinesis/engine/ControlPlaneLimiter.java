package io.tarn.kinesis.engine;

import io.tarn.core.error.ErrorCode;
import io.tarn.kinesis.KinesisErrors;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * AWS's control-plane rate limits (transactions per second per account, or per the resource in
 * the key), answered with {@code LimitExceededException} as AWS does. Off with throttling.
 */
public final class ControlPlaneLimiter {

    /** Calls per second, from the API reference of each operation. */
    private static final Map<String, Integer> RATES = Map.ofEntries(
            Map.entry("CreateStream", 5), Map.entry("DeleteStream", 5), Map.entry("DescribeStream", 10),
            Map.entry("DescribeStreamSummary", 20), Map.entry("ListStreams", 5), Map.entry("ListShards", 1000),
            Map.entry("SplitShard", 5), Map.entry("MergeShards", 5), Map.entry("AddTagsToStream", 5),
            Map.entry("RemoveTagsFromStream", 5), Map.entry("ListTagsForStream", 5),
            Map.entry("IncreaseStreamRetentionPeriod", 5), Map.entry("DecreaseStreamRetentionPeriod", 5),
            Map.entry("RegisterStreamConsumer", 5), Map.entry("DeregisterStreamConsumer", 5),
            Map.entry("DescribeStreamConsumer", 20), Map.entry("ListStreamConsumers", 5), Map.entry("DescribeLimits", 1),
            Map.entry("SubscribeToShard", 1), Map.entry("GetShardIterator", 5));

    private final boolean enabled;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    ControlPlaneLimiter(boolean enabled) {
        this.enabled = enabled;
    }

    /** Admits one call of {@code operation} on {@code scope} (account, stream, shard...). */
    public void admit(String operation, String scope, long now) {
        admit(operation, scope, now, KinesisErrors.LIMIT_EXCEEDED, null);
    }

    /**
     * As {@link #admit(String, String, long)}, refusing with {@code error} (GetShardIterator's is
     * ProvisionedThroughputExceeded). {@code subject} is what AWS names in its refusal ("stream s under
     * account a"); without one the message names the operation and its rate.
     */
    void admit(String operation, String scope, long now, ErrorCode error, @Nullable String subject) {
        Integer rate = RATES.get(operation);
        if (!enabled || rate == null) {
            return;
        }
        TokenBucket bucket = buckets.computeIfAbsent(operation + "\u0000" + scope, k -> new TokenBucket(rate, now));
        boolean ok;
        synchronized (bucket) {
            ok = bucket.tryTake(1, now);
        }
        if (!ok) {
            throw subject != null ? error.exception("Rate exceeded for %s.", subject)
                    : error.exception("Rate exceeded for %s (%d calls per second).", operation, rate);
        }
    }
}
