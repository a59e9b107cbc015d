package io.tarn.kinesis.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Wire shapes of shards: ListShards, SplitShard, MergeShards, UpdateShardCount. */
public final class ShardShapes {

    private ShardShapes() {}

    public record HashKeyRange(
            @JsonProperty("StartingHashKey") String startingHashKey,
            @JsonProperty("EndingHashKey") String endingHashKey) {}

    public record SequenceNumberRange(
            @JsonProperty("StartingSequenceNumber") String startingSequenceNumber,
            @JsonProperty("EndingSequenceNumber") @Nullable String endingSequenceNumber) {}

    public record Shard(
            @JsonProperty("ShardId") String shardId,
            @JsonProperty("ParentShardId") @Nullable String parentShardId,
            @JsonProperty("AdjacentParentShardId") @Nullable String adjacentParentShardId,
            @JsonProperty("HashKeyRange") HashKeyRange hashKeyRange,
            @JsonProperty("SequenceNumberRange") SequenceNumberRange sequenceNumberRange) {}

    public record ChildShard(
            @JsonProperty("ShardId") String shardId,
            @JsonProperty("ParentShards") List<String> parentShards,
            @JsonProperty("HashKeyRange") HashKeyRange hashKeyRange) {}

    public record ShardFilter(
            @JsonProperty("Type") @Nullable String type,
            @JsonProperty("ShardId") @Nullable String shardId,
            @JsonProperty("Timestamp") @Nullable Instant timestamp) {}

    public record ListShardsInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("ExclusiveStartShardId") @Nullable String exclusiveStartShardId,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("StreamCreationTimestamp") @Nullable Instant streamCreationTimestamp,
            @JsonProperty("ShardFilter") @Nullable ShardFilter shardFilter) {}

    public record ListShardsOutput(
            @JsonProperty("Shards") List<Shard> shards,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record SplitShardInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("ShardToSplit") @Nullable String shardToSplit,
            @JsonProperty("NewStartingHashKey") @Nullable String newStartingHashKey) {}

    public record MergeShardsInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("ShardToMerge") @Nullable String shardToMerge,
            @JsonProperty("AdjacentShardToMerge") @Nullable String adjacentShardToMerge) {}

    public record UpdateShardCountInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("TargetShardCount") @Nullable Integer targetShardCount,
            @JsonProperty("ScalingType") @Nullable String scalingType) {}

    public record UpdateShardCountOutput(
            @JsonProperty("StreamName") String streamName,
            @JsonProperty("CurrentShardCount") int currentShardCount,
            @JsonProperty("TargetShardCount") int targetShardCount,
            @JsonProperty("StreamARN") String streamArn) {}
}
