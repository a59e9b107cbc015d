package io.tarn.kinesis.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Wire shapes of the stream operations: lifecycle, description, retention, monitoring, modes, encryption, account. */
public final class StreamShapes {

    private StreamShapes() {}

    public record StreamModeDetails(@JsonProperty("StreamMode") @Nullable String streamMode) {}

    public record CreateStreamInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("ShardCount") @Nullable Integer shardCount,
            @JsonProperty("StreamModeDetails") @Nullable StreamModeDetails streamModeDetails,
            @JsonProperty("Tags") @Nullable Map<String, String> tags,
            @JsonProperty("WarmThroughputMiBps") @Nullable Integer warmThroughputMiBps,
            @JsonProperty("MaxRecordSizeInKiB") @Nullable Integer maxRecordSizeInKiB) {}

    /** Every operation that names one stream and nothing else. */
    public record StreamInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn) {}

    public record DeleteStreamInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("EnforceConsumerDeletion") @Nullable Boolean enforceConsumerDeletion) {}

    public record DescribeStreamInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("ExclusiveStartShardId") @Nullable String exclusiveStartShardId) {}

    public record EnhancedMetrics(@JsonProperty("ShardLevelMetrics") List<String> shardLevelMetrics) {}

    public record StreamDescription(
            @JsonProperty("StreamName") String streamName,
            @JsonProperty("StreamARN") String streamArn,
            @JsonProperty("StreamStatus") String streamStatus,
            @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
            @JsonProperty("Shards") List<ShardShapes.Shard> shards,
            @JsonProperty("HasMoreShards") boolean hasMoreShards,
            @JsonProperty("RetentionPeriodHours") int retentionPeriodHours,
            @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp,
            @JsonProperty("EnhancedMonitoring") List<EnhancedMetrics> enhancedMonitoring,
            @JsonProperty("EncryptionType") String encryptionType,
            @JsonProperty("KeyId") @Nullable String keyId) {}

    public record DescribeStreamOutput(@JsonProperty("StreamDescription") StreamDescription streamDescription) {}

    public record WarmThroughput(
            @JsonProperty("TargetMiBps") @Nullable Integer targetMiBps,
            @JsonProperty("CurrentMiBps") @Nullable Integer currentMiBps) {}

    public record StreamDescriptionSummary(
            @JsonProperty("StreamName") String streamName,
            @JsonProperty("StreamARN") String streamArn,
            @JsonProperty("StreamStatus") String streamStatus,
            @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
            @JsonProperty("RetentionPeriodHours") int retentionPeriodHours,
            @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp,
            @JsonProperty("EnhancedMonitoring") List<EnhancedMetrics> enhancedMonitoring,
            @JsonProperty("EncryptionType") String encryptionType,
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("OpenShardCount") int openShardCount,
            @JsonProperty("ConsumerCount") int consumerCount,
            @JsonProperty("WarmThroughput") @Nullable WarmThroughput warmThroughput,
            @JsonProperty("MaxRecordSizeInKiB") int maxRecordSizeInKiB) {}

    public record DescribeStreamSummaryOutput(
            @JsonProperty("StreamDescriptionSummary") StreamDescriptionSummary streamDescriptionSummary) {}

    public record ListStreamsInput(
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("ExclusiveStartStreamName") @Nullable String exclusiveStartStreamName,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record StreamSummary(
            @JsonProperty("StreamName") String streamName,
            @JsonProperty("StreamARN") String streamArn,
            @JsonProperty("StreamStatus") String streamStatus,
            @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
            @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp) {}

    public record ListStreamsOutput(
            @JsonProperty("StreamNames") List<String> streamNames,
            @JsonProperty("HasMoreStreams") boolean hasMoreStreams,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("StreamSummaries") List<StreamSummary> streamSummaries) {}

    public record RetentionInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("RetentionPeriodHours") @Nullable Integer retentionPeriodHours) {}

    public record MonitoringInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("ShardLevelMetrics") @Nullable List<String> shardLevelMetrics) {}

    public record MonitoringOutput(
            @JsonProperty("StreamName") String streamName,
            @JsonProperty("CurrentShardLevelMetrics") List<String> currentShardLevelMetrics,
            @JsonProperty("DesiredShardLevelMetrics") List<String> desiredShardLevelMetrics,
            @JsonProperty("StreamARN") String streamArn) {}

    public record EncryptionInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("EncryptionType") @Nullable String encryptionType,
            @JsonProperty("KeyId") @Nullable String keyId) {}

    public record UpdateStreamModeInput(
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("StreamModeDetails") @Nullable StreamModeDetails streamModeDetails,
            @JsonProperty("WarmThroughputMiBps") @Nullable Integer warmThroughputMiBps) {}

    public record UpdateMaxRecordSizeInput(
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("MaxRecordSizeInKiB") @Nullable Integer maxRecordSizeInKiB) {}

    public record UpdateWarmThroughputInput(
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("WarmThroughputMiBps") @Nullable Integer warmThroughputMiBps) {}

    public record UpdateWarmThroughputOutput(
            @JsonProperty("StreamARN") String streamArn,
            @JsonProperty("StreamName") String streamName,
            @JsonProperty("WarmThroughput") WarmThroughput warmThroughput) {}

    public record DescribeLimitsOutput(
            @JsonProperty("ShardLimit") int shardLimit,
            @JsonProperty("OpenShardCount") int openShardCount,
            @JsonProperty("OnDemandStreamCount") int onDemandStreamCount,
            @JsonProperty("OnDemandStreamCountLimit") int onDemandStreamCountLimit) {}

    public record CommitmentInput(@JsonProperty("Status") @Nullable String status) {}

    public record CommitmentOutput(
            @JsonProperty("Status") String status,
            @JsonProperty("StartedAt") @Nullable Instant startedAt,
            @JsonProperty("EndedAt") @Nullable Instant endedAt,
            @JsonProperty("EarliestAllowedEndAt") @Nullable Instant earliestAllowedEndAt) {}

    public record UpdateAccountSettingsInput(
            @JsonProperty("MinimumThroughputBillingCommitment") @Nullable CommitmentInput minimumThroughputBillingCommitment) {}

    public record AccountSettingsOutput(
            @JsonProperty("MinimumThroughputBillingCommitment") CommitmentOutput minimumThroughputBillingCommitment) {}
}
