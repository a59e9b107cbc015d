package io.tarn.kinesis;

import io.tarn.core.paging.PageTokens;
import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.core.spi.ports.StreamPort;
import io.tarn.core.store.AccessPattern;
import io.tarn.kinesis.api.ConsumerOperations;
import io.tarn.kinesis.api.KinesisRequestHandler;
import io.tarn.kinesis.api.NextTokens;
import io.tarn.kinesis.api.RecordOperations;
import io.tarn.kinesis.api.ShardOperations;
import io.tarn.kinesis.api.StreamOperations;
import io.tarn.kinesis.api.SubscribeToShardStream;
import io.tarn.kinesis.api.TagOperations;
import io.tarn.kinesis.api.shapes.ConsumerShapes;
import io.tarn.kinesis.api.shapes.RecordShapes;
import io.tarn.kinesis.api.shapes.ShardShapes;
import io.tarn.kinesis.api.shapes.StreamShapes;
import io.tarn.kinesis.api.shapes.TagShapes;
import io.tarn.kinesis.engine.KinesisEngine;
import io.tarn.kinesis.engine.KinesisSettings;

/**
 * Amazon Kinesis Data Streams (awsJson 1.1 and CBOR 1.1, target prefix {@code Kinesis_20131202},
 * signing name {@code kinesis}); SubscribeToShard answers an event stream. Stream encryption uses
 * the {@link KeyServicePort} of KMS.
 */
public final class KinesisService implements AwsService {

    public static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.json("kinesis", "kinesis", "Kinesis_20131202");
    /** PutRecords: 5 MiB of data, base64 in JSON (4/3), plus keys and framing. */
    private static final long MAX_BODY_BYTES = 8L << 20;

    private volatile KinesisEngine engine;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Records are read back by range scans from a position (GetRecords, SubscribeToShard). */
    @Override
    public AccessPattern accessPattern() {
        return AccessPattern.RANGE_SCANS;
    }

    @Override
    public RequestHandler start(ServiceContext ctx) {
        KinesisSettings settings = KinesisSettings.from(ctx.config());
        KinesisEngine opened = KinesisEngine.open(ctx.store().keyspace("kinesis"), ctx.clock(), ctx.scheduler(), settings,
                () -> ctx.ports().require(KeyServicePort.class));
        engine = opened;
        ctx.ports().register(StreamPort.class, opened.streamPort()); // what Firehose's Kinesis source reads through
        return new KinesisRequestHandler(new JsonProtocolHandler(DESCRIPTOR, operations(opened, new NextTokens(PageTokens.load(ctx.dataDir(), "kinesis"))), MAX_BODY_BYTES),
                new SubscribeToShardStream(opened.subscriptions()));
    }

    /** Every operation of the Kinesis model. SubscribeToShard is served by the event-stream path. */
    public static OperationRegistry operations(KinesisEngine engine, NextTokens tokens) {
        StreamOperations streams = new StreamOperations(engine.streams(), engine.consumers(), tokens);
        ShardOperations shards = new ShardOperations(engine.reshard(), engine.streams(), tokens);
        RecordOperations records = new RecordOperations(engine.records(), engine.reader());
        ConsumerOperations consumers = new ConsumerOperations(engine.consumers(), engine.streams(), tokens);
        TagOperations tags = new TagOperations(engine.tags(), engine.streams());
        OperationRegistry ops = new OperationRegistry();

        ops.add("CreateStream", StreamShapes.CreateStreamInput.class, streams::createStream);
        ops.add("DeleteStream", StreamShapes.DeleteStreamInput.class, streams::deleteStream);
        ops.add("DescribeStream", StreamShapes.DescribeStreamInput.class, streams::describeStream);
        ops.add("DescribeStreamSummary", StreamShapes.StreamInput.class, streams::describeStreamSummary);
        ops.add("ListStreams", StreamShapes.ListStreamsInput.class, streams::listStreams);
        ops.add("IncreaseStreamRetentionPeriod", StreamShapes.RetentionInput.class, streams::increaseRetention);
        ops.add("DecreaseStreamRetentionPeriod", StreamShapes.RetentionInput.class, streams::decreaseRetention);
        ops.add("EnableEnhancedMonitoring", StreamShapes.MonitoringInput.class, streams::enableMonitoring);
        ops.add("DisableEnhancedMonitoring", StreamShapes.MonitoringInput.class, streams::disableMonitoring);
        ops.add("StartStreamEncryption", StreamShapes.EncryptionInput.class, streams::startEncryption);
        ops.add("StopStreamEncryption", StreamShapes.EncryptionInput.class, streams::stopEncryption);
        ops.add("UpdateStreamMode", StreamShapes.UpdateStreamModeInput.class, streams::updateStreamMode);
        ops.add("UpdateMaxRecordSize", StreamShapes.UpdateMaxRecordSizeInput.class, streams::updateMaxRecordSize);
        ops.add("DescribeLimits", Void.class, streams::describeLimits);
        ops.add("DescribeAccountSettings", Void.class, streams::describeAccountSettings);
        ops.add("UpdateAccountSettings", StreamShapes.UpdateAccountSettingsInput.class, streams::updateAccountSettings);

        ops.add("ListShards", ShardShapes.ListShardsInput.class, shards::listShards);
        ops.add("SplitShard", ShardShapes.SplitShardInput.class, shards::splitShard);
        ops.add("MergeShards", ShardShapes.MergeShardsInput.class, shards::mergeShards);
        ops.add("UpdateShardCount", ShardShapes.UpdateShardCountInput.class, shards::updateShardCount);
        ops.add("UpdateStreamWarmThroughput", StreamShapes.UpdateWarmThroughputInput.class, shards::updateWarmThroughput);

        ops.add("PutRecord", RecordShapes.PutRecordInput.class, records::putRecord);
        ops.add("PutRecords", RecordShapes.PutRecordsInput.class, records::putRecords);
        ops.add("GetShardIterator", RecordShapes.GetShardIteratorInput.class, records::getShardIterator);
        ops.add("GetRecords", RecordShapes.GetRecordsInput.class, records::getRecords);

        ops.add("RegisterStreamConsumer", ConsumerShapes.RegisterStreamConsumerInput.class, consumers::register);
        ops.add("DeregisterStreamConsumer", ConsumerShapes.ConsumerInput.class, consumers::deregister);
        ops.add("DescribeStreamConsumer", ConsumerShapes.ConsumerInput.class, consumers::describe);
        ops.add("ListStreamConsumers", ConsumerShapes.ListStreamConsumersInput.class, consumers::list);

        ops.add("AddTagsToStream", TagShapes.AddTagsToStreamInput.class, tags::addTagsToStream);
        ops.add("RemoveTagsFromStream", TagShapes.RemoveTagsFromStreamInput.class, tags::removeTagsFromStream);
        ops.add("ListTagsForStream", TagShapes.ListTagsForStreamInput.class, tags::listTagsForStream);
        ops.add("TagResource", TagShapes.TagResourceInput.class, tags::tagResource);
        ops.add("UntagResource", TagShapes.UntagResourceInput.class, tags::untagResource);
        ops.add("ListTagsForResource", TagShapes.ResourceInput.class, tags::listTagsForResource);
        ops.add("PutResourcePolicy", TagShapes.PutResourcePolicyInput.class, tags::putResourcePolicy);
        ops.add("GetResourcePolicy", TagShapes.ResourceInput.class, tags::getResourcePolicy);
        ops.add("DeleteResourcePolicy", TagShapes.ResourceInput.class, tags::deleteResourcePolicy);
        return ops;
    }

    @Override
    public void reset() {
        KinesisEngine e = engine;
        if (e != null) {
            e.reset();
        }
    }

    @Override
    public void close() {
        KinesisEngine e = engine;
        if (e != null) {
            e.close();
        }
    }
}
