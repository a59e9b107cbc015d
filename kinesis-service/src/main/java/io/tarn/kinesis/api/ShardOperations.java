package io.tarn.kinesis.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.api.shapes.ShardShapes;
import io.tarn.kinesis.api.shapes.StreamShapes;
import io.tarn.kinesis.engine.ReshardEngine;
import io.tarn.kinesis.engine.StreamEngine;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StreamMeta;
import java.util.ArrayList;
import java.util.List;

/** ListShards and resharding: SplitShard, MergeShards, UpdateShardCount, UpdateStreamWarmThroughput. */
public final class ShardOperations {

    private final ReshardEngine reshard;
    private final StreamEngine streams;
    private final NextTokens tokens;

    public ShardOperations(ReshardEngine reshard, StreamEngine streams, NextTokens tokens) {
        this.tokens = tokens;
        this.reshard = reshard;
        this.streams = streams;
    }

    public ShardShapes.ListShardsOutput listShards(RequestContext ctx, ShardShapes.ListShardsInput in) {
        int max = Wire.limit(in.maxResults(), "maxResults", 10_000, 1000);
        Wire.shardIds("exclusiveStartShardId", in.exclusiveStartShardId(), "shardFilter.shardId",
                in.shardFilter() == null ? null : in.shardFilter().shardId());
        String stream;
        String after;
        ShardShapes.ShardFilter filter = in.shardFilter();
        if (in.nextToken() != null) {
            String conflicting = in.streamName() != null ? "StreamName" : in.streamArn() != null ? "StreamARN"
                    : in.exclusiveStartShardId() != null ? "ExclusiveStartShardId" : filter != null ? "ShardFilter"
                    : in.streamCreationTimestamp() != null ? "StreamCreationTimestamp" : null;
            if (conflicting != null) { // AWS names the one parameter: "NextToken and StreamName cannot be provided together."
                throw KinesisErrors.INVALID_ARGUMENT.exception("NextToken and %s cannot be provided together.", conflicting);
            }
            String[] pos = tokens.open("shards/" + ctx.account() + "/" + ctx.region(), in.nextToken(), streams.now()).split("/", 2);
            after = pos[0];
            stream = pos[1];
        } else {
            stream = Wire.stream(ctx, in.streamName(), in.streamArn());
            after = in.exclusiveStartShardId();
        }
        List<ShardMeta> shards = reshard.list(ctx.namespace(), stream, after, filter == null ? null : Wire.required(filter.type(), "shardFilter.type"),
                filter == null ? null : filter.shardId(), filter == null ? null : filter.timestamp());
        List<ShardShapes.Shard> out = new ArrayList<>();
        for (ShardMeta s : shards.subList(0, Math.min(max, shards.size()))) {
            out.add(Wire.shard(s));
        }
        String next = shards.size() > max
                ? tokens.issue("shards/" + ctx.account() + "/" + ctx.region(), out.get(out.size() - 1).shardId() + "/" + stream, streams.now())
                : null;
        return new ShardShapes.ListShardsOutput(out, next);
    }

    public Void splitShard(RequestContext ctx, ShardShapes.SplitShardInput in) {
        Wire.shardIds("shardToSplit", in.shardToSplit());
        reshard.split(ctx.namespace(), Wire.stream(ctx, in.streamName(), in.streamArn()), Wire.required(in.shardToSplit(), "shardToSplit"),
                Wire.required(in.newStartingHashKey(), "newStartingHashKey"));
        return null;
    }

    public Void mergeShards(RequestContext ctx, ShardShapes.MergeShardsInput in) {
        Wire.shardIds("shardToMerge", in.shardToMerge(), "adjacentShardToMerge", in.adjacentShardToMerge());
        reshard.merge(ctx.namespace(), Wire.stream(ctx, in.streamName(), in.streamArn()), Wire.required(in.shardToMerge(), "shardToMerge"),
                Wire.required(in.adjacentShardToMerge(), "adjacentShardToMerge"));
        return null;
    }

    public ShardShapes.UpdateShardCountOutput updateShardCount(RequestContext ctx, ShardShapes.UpdateShardCountInput in) {
        ReshardEngine.UpdatedCount u = reshard.updateShardCount(ctx.namespace(), Wire.stream(ctx, in.streamName(), in.streamArn()),
                Wire.required(in.targetShardCount(), "targetShardCount"), Wire.required(in.scalingType(), "scalingType"));
        return new ShardShapes.UpdateShardCountOutput(u.streamName(), u.current(), u.target(), u.streamArn());
    }

    public StreamShapes.UpdateWarmThroughputOutput updateWarmThroughput(RequestContext ctx, StreamShapes.UpdateWarmThroughputInput in) {
        String name = Wire.stream(ctx, in.streamName(), in.streamArn());
        StreamMeta m = streams.updateWarmThroughput(ctx.namespace(), name, Wire.required(in.warmThroughputMiBps(), "warmThroughputMiBps"));
        return new StreamShapes.UpdateWarmThroughputOutput(m.arn(), m.name(),
                new StreamShapes.WarmThroughput(m.warmThroughputMiBps(), m.openShards().size()));
    }
}
