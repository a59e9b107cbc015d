package io.tarn.kinesis.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Wire shapes of the data plane: PutRecord(s), GetShardIterator, GetRecords, SubscribeToShard. */
public final class RecordShapes {

    private RecordShapes() {}

    public record PutRecordInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("Data") byte @Nullable [] data,
            @JsonProperty("PartitionKey") @Nullable String partitionKey,
            @JsonProperty("ExplicitHashKey") @Nullable String explicitHashKey,
            @JsonProperty("SequenceNumberForOrdering") @Nullable String sequenceNumberForOrdering) {}

    public record PutRecordOutput(
            @JsonProperty("ShardId") String shardId,
            @JsonProperty("SequenceNumber") String sequenceNumber,
            @JsonProperty("EncryptionType") String encryptionType) {}

    public record PutRecordsRequestEntry(
            @JsonProperty("Data") byte @Nullable [] data,
            @JsonProperty("ExplicitHashKey") @Nullable String explicitHashKey,
            @JsonProperty("PartitionKey") @Nullable String partitionKey) {}

    public record PutRecordsInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("Records") @Nullable List<PutRecordsRequestEntry> records) {}

    public record PutRecordsResultEntry(
            @JsonProperty("SequenceNumber") @Nullable String sequenceNumber,
            @JsonProperty("ShardId") @Nullable String shardId,
            @JsonProperty("ErrorCode") @Nullable String errorCode,
            @JsonProperty("ErrorMessage") @Nullable String errorMessage) {}

    public record PutRecordsOutput(
            @JsonProperty("FailedRecordCount") int failedRecordCount,
            @JsonProperty("Records") List<PutRecordsResultEntry> records,
            @JsonProperty("EncryptionType") String encryptionType) {}

    public record GetShardIteratorInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("ShardId") @Nullable String shardId,
            @JsonProperty("ShardIteratorType") @Nullable String shardIteratorType,
            @JsonProperty("StartingSequenceNumber") @Nullable String startingSequenceNumber,
            @JsonProperty("Timestamp") @Nullable Instant timestamp) {}

    public record GetShardIteratorOutput(@JsonProperty("ShardIterator") String shardIterator) {}

    public record GetRecordsInput(
            @JsonProperty("ShardIterator") @Nullable String shardIterator,
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("StreamARN") @Nullable String streamArn) {}

    public record Record(
            @JsonProperty("SequenceNumber") String sequenceNumber,
            @JsonProperty("ApproximateArrivalTimestamp") Instant approximateArrivalTimestamp,
            @JsonProperty("Data") java.nio.ByteBuffer data,
            @JsonProperty("PartitionKey") String partitionKey,
            @JsonProperty("EncryptionType") @Nullable String encryptionType) {}

    public record GetRecordsOutput(
            @JsonProperty("Records") List<Record> records,
            @JsonProperty("NextShardIterator") @Nullable String nextShardIterator,
            @JsonProperty("MillisBehindLatest") long millisBehindLatest,
            @JsonProperty("ChildShards") @Nullable List<ShardShapes.ChildShard> childShards) {}

    public record StartingPosition(
            @JsonProperty("Type") @Nullable String type,
            @JsonProperty("SequenceNumber") @Nullable String sequenceNumber,
            @JsonProperty("Timestamp") @Nullable Instant timestamp) {}

    public record SubscribeToShardInput(
            @JsonProperty("ConsumerARN") @Nullable String consumerArn,
            @JsonProperty("ShardId") @Nullable String shardId,
            @JsonProperty("StartingPosition") @Nullable StartingPosition startingPosition) {}

    public record SubscribeToShardEvent(
            @JsonProperty("Records") List<Record> records,
            @JsonProperty("ContinuationSequenceNumber") @Nullable String continuationSequenceNumber,
            @JsonProperty("MillisBehindLatest") long millisBehindLatest,
            @JsonProperty("ChildShards") @Nullable List<ShardShapes.ChildShard> childShards) {}
}
