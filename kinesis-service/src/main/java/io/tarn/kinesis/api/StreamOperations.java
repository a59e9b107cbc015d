package io.tarn.kinesis.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kinesis.api.shapes.StreamShapes;
import io.tarn.kinesis.api.shapes.StreamShapes.StreamModeDetails;
import io.tarn.kinesis.engine.ConsumerRegistry;
import io.tarn.kinesis.engine.StreamEngine;
import io.tarn.kinesis.model.AccountSettings;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StreamMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stream lifecycle, description, retention, monitoring, capacity, encryption and account operations. */
public final class StreamOperations {

    private final StreamEngine streams;
    private final ConsumerRegistry consumers;
    private final NextTokens tokens;

    public StreamOperations(StreamEngine streams, ConsumerRegistry consumers, NextTokens tokens) {
        this.tokens = tokens;
        this.streams = streams;
        this.consumers = consumers;
    }

    public Void createStream(RequestContext ctx, StreamShapes.CreateStreamInput in) {
        String name = Wire.required(in.streamName(), "streamName");
        String mode = in.streamModeDetails() == null ? null : Wire.required(in.streamModeDetails().streamMode(), "streamModeDetails.streamMode");
        streams.create(ctx.namespace(), name, in.shardCount(), mode, in.tags() == null ? Map.of() : in.tags(), in.maxRecordSizeInKiB(),
                in.warmThroughputMiBps());
        return null;
    }

    public Void deleteStream(RequestContext ctx, StreamShapes.DeleteStreamInput in) {
        String name = Wire.stream(ctx, in.streamName(), in.streamArn());
        boolean hasConsumers = !consumers.list(ctx.namespace(), name).isEmpty();
        streams.delete(ctx.namespace(), name, Boolean.TRUE.equals(in.enforceConsumerDeletion()), hasConsumers);
        return null;
    }

    public StreamShapes.DescribeStreamOutput describeStream(RequestContext ctx, StreamShapes.DescribeStreamInput in) {
        String name = Wire.stream(ctx, in.streamName(), in.streamArn());
        streams.admit(ctx.namespace(), "DescribeStream", name);
        int limit = Wire.limit(in.limit(), "limit", 10_000, 100);
        Wire.shardIds("exclusiveStartShardId", in.exclusiveStartShardId());
        StreamMeta m = streams.describe(ctx.namespace(), name);
        long after = in.exclusiveStartShardId() == null ? -1 : ShardMeta.parseShardId(in.exclusiveStartShardId());
        List<io.tarn.kinesis.api.shapes.ShardShapes.Shard> shards = new ArrayList<>();
        boolean more = false;
        for (ShardMeta s : m.shards()) {
            if (s.index() <= after) {
                continue;
            }
            if (shards.size() == limit) {
                more = true;
                break;
            }
            shards.add(Wire.shard(s));
        }
        return new StreamShapes.DescribeStreamOutput(new StreamShapes.StreamDescription(m.name(), m.arn(), status(m),
                new StreamModeDetails(m.mode()), shards, more, m.retentionHours(), Instant.ofEpochMilli(m.createdMillis()),
                monitoring(m), m.encryptionType(), m.keyId()));
    }

    public StreamShapes.DescribeStreamSummaryOutput describeStreamSummary(RequestContext ctx, StreamShapes.StreamInput in) {
        String name = Wire.stream(ctx, in.streamName(), in.streamArn());
        streams.admit(ctx.namespace(), "DescribeStreamSummary", name);
        StreamMeta m = streams.describe(ctx.namespace(), name);
        StreamShapes.WarmThroughput warm = m.onDemand() && m.warmThroughputMiBps() != null
                ? new StreamShapes.WarmThroughput(m.warmThroughputMiBps(), m.openShards().size()) : null;
        return new StreamShapes.DescribeStreamSummaryOutput(new StreamShapes.StreamDescriptionSummary(m.name(), m.arn(), status(m),
                new StreamModeDetails(m.mode()), m.retentionHours(), Instant.ofEpochMilli(m.createdMillis()), monitoring(m),
                m.encryptionType(), m.keyId(), m.openShards().size(), consumers.list(ctx.namespace(), name).size(), warm,
                m.maxRecordSizeKiB()));
    }

    public StreamShapes.ListStreamsOutput listStreams(RequestContext ctx, StreamShapes.ListStreamsInput in) {
        streams.admit(ctx.namespace(), "ListStreams");
        int limit = Wire.limit(in.limit(), "limit", 10_000, 100);
        String scope = "streams/" + ctx.account() + "/" + ctx.region();
        String after = in.nextToken() != null ? tokens.open(scope, in.nextToken(), streams.now()) : in.exclusiveStartStreamName();
        List<StreamMeta> all = streams.list(ctx.namespace(), after);
        List<String> names = new ArrayList<>();
        List<StreamShapes.StreamSummary> summaries = new ArrayList<>();
        for (StreamMeta m : all.subList(0, Math.min(limit, all.size()))) {
            names.add(m.name());
            summaries.add(new StreamShapes.StreamSummary(m.name(), m.arn(), status(m), new StreamModeDetails(m.mode()),
                    Instant.ofEpochMilli(m.createdMillis())));
        }
        boolean more = all.size() > limit;
        String next = more ? tokens.issue(scope, names.get(names.size() - 1), streams.now()) : null;
        return new StreamShapes.ListStreamsOutput(names, more, next, summaries);
    }

    public Void increaseRetention(RequestContext ctx, StreamShapes.RetentionInput in) {
        streams.increaseRetention(ctx.namespace(), Wire.stream(ctx, in.streamName(), in.streamArn()),
                Wire.required(in.retentionPeriodHours(), "retentionPeriodHours"));
        return null;
    }

    public Void decreaseRetention(RequestContext ctx, StreamShapes.RetentionInput in) {
        streams.decreaseRetention(ctx.namespace(), Wire.stream(ctx, in.streamName(), in.streamArn()),
                Wire.required(in.retentionPeriodHours(), "retentionPeriodHours"));
        return null;
    }

    public StreamShapes.MonitoringOutput enableMonitoring(RequestContext ctx, StreamShapes.MonitoringInput in) {
        return monitoring(ctx, in, true);
    }

    public StreamShapes.MonitoringOutput disableMonitoring(RequestContext ctx, StreamShapes.MonitoringInput in) {
        return monitoring(ctx, in, false);
    }

    private StreamShapes.MonitoringOutput monitoring(RequestContext ctx, StreamShapes.MonitoringInput in, boolean enable) {
        StreamEngine.Monitoring m = streams.enhancedMonitoring(ctx.namespace(), Wire.stream(ctx, in.streamName(), in.streamArn()),
                Wire.required(in.shardLevelMetrics(), "shardLevelMetrics"), enable);
        return new StreamShapes.MonitoringOutput(m.streamName(), m.current(), m.desired(), m.streamArn());
    }

    public Void startEncryption(RequestContext ctx, StreamShapes.EncryptionInput in) {
        streams.startEncryption(ctx.namespace(), Wire.stream(ctx, in.streamName(), in.streamArn()),
                Wire.required(in.encryptionType(), "encryptionType"), Wire.required(in.keyId(), "keyId"));
        return null;
    }

    public Void stopEncryption(RequestContext ctx, StreamShapes.EncryptionInput in) {
        streams.stopEncryption(ctx.namespace(), Wire.stream(ctx, in.streamName(), in.streamArn()),
                Wire.required(in.encryptionType(), "encryptionType"), Wire.required(in.keyId(), "keyId"));
        return null;
    }

    public Void updateStreamMode(RequestContext ctx, StreamShapes.UpdateStreamModeInput in) {
        String mode = Wire.required(Wire.required(in.streamModeDetails(), "streamModeDetails").streamMode(), "streamModeDetails.streamMode");
        streams.updateMode(ctx.namespace(), Wire.stream(ctx, null, Wire.required(in.streamArn(), "streamARN")), mode,
                in.warmThroughputMiBps());
        return null;
    }

    public Void updateMaxRecordSize(RequestContext ctx, StreamShapes.UpdateMaxRecordSizeInput in) {
        streams.updateMaxRecordSize(ctx.namespace(), Wire.stream(ctx, null, in.streamArn()),
                Wire.required(in.maxRecordSizeInKiB(), "maxRecordSizeInKiB"));
        return null;
    }

    public StreamShapes.DescribeLimitsOutput describeLimits(RequestContext ctx, Void in) {
        streams.admit(ctx.namespace(), "DescribeLimits");
        StreamEngine.Limits l = streams.limits(ctx.namespace());
        return new StreamShapes.DescribeLimitsOutput(l.shardLimit(), l.openShardCount(), l.onDemandStreamCount(), l.onDemandStreamCountLimit());
    }

    public StreamShapes.AccountSettingsOutput describeAccountSettings(RequestContext ctx, Void in) {
        return settings(streams.accountSettings(ctx.namespace()));
    }

    public StreamShapes.AccountSettingsOutput updateAccountSettings(RequestContext ctx, StreamShapes.UpdateAccountSettingsInput in) {
        StreamShapes.CommitmentInput c = Wire.required(in.minimumThroughputBillingCommitment(), "minimumThroughputBillingCommitment");
        return settings(streams.updateAccountSettings(ctx.namespace(), Wire.required(c.status(), "minimumThroughputBillingCommitment.status")));
    }

    private static StreamShapes.AccountSettingsOutput settings(AccountSettings s) {
        Instant started = s.startedMillis() == null ? null : Instant.ofEpochMilli(s.startedMillis());
        Instant earliest = s.startedMillis() == null ? null : Instant.ofEpochMilli(s.startedMillis() + StreamEngine.EARLIEST_END_MILLIS);
        Instant ended = s.endedMillis() == null ? null : Instant.ofEpochMilli(s.endedMillis());
        return new StreamShapes.AccountSettingsOutput(new StreamShapes.CommitmentOutput(s.commitmentStatus(), started, ended, earliest));
    }

    private String status(StreamMeta m) {
        return m.statusAt(streams.now()).name();
    }

    private static List<StreamShapes.EnhancedMetrics> monitoring(StreamMeta m) {
        return List.of(new StreamShapes.EnhancedMetrics(m.enhancedMetrics()));
    }

}
