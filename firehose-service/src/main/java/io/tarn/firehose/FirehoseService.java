package io.tarn.firehose;

import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.core.store.AccessPattern;
import io.tarn.core.store.Keyspace;
import io.tarn.firehose.api.DeliveryStreamOperations;
import io.tarn.firehose.api.shapes.DeliveryStreamShapes;
import io.tarn.firehose.engine.streams.DeliveryStreamEngine;
import io.tarn.firehose.engine.streams.FirehoseSettings;

/**
 * Amazon Data Firehose (awsJson 1.1, target prefix {@code Firehose_20150804}, signing name
 * {@code firehose}): delivery streams (the control plane) and the records put to them, buffered
 * durably and delivered to S3 (the data plane).
 */
public final class FirehoseService implements AwsService {

    public static final ServiceDescriptor DESCRIPTOR =
            ServiceDescriptor.json("firehose", "firehose", "Firehose_20150804");
    /** PutRecordBatch takes up to 4 MiB of records, which base64 makes 4/3 larger; a little more for JSON. */
    private static final long MAX_BODY_BYTES = 6L << 20;

    private volatile DeliveryStreamEngine streams;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Buffered records are appended and read back in order: a log's access pattern. */
    @Override
    public AccessPattern accessPattern() {
        return AccessPattern.RANGE_SCANS;
    }

    @Override
    public RequestHandler start(ServiceContext ctx) {
        Keyspace firehose = ctx.store().keyspace("firehose");
        DeliveryStreamEngine opened = new DeliveryStreamEngine(firehose, ctx.clock(), ctx.scheduler(), FirehoseSettings.from(ctx.config()),
                () -> ctx.ports().require(KeyServicePort.class));
        streams = opened;
        return new JsonProtocolHandler(DESCRIPTOR, operations(firehose, opened), MAX_BODY_BYTES);
    }

    static OperationRegistry operations(Keyspace firehose, DeliveryStreamEngine streams) {
        OperationRegistry ops = new OperationRegistry();

        // the control plane: delivery streams, their destination, tags, server-side encryption (fhstreams)
        DeliveryStreamOperations control = new DeliveryStreamOperations(streams);
        ops.add("CreateDeliveryStream", DeliveryStreamShapes.CreateDeliveryStreamInput.class, control::createDeliveryStream);
        ops.add("DescribeDeliveryStream", DeliveryStreamShapes.DescribeDeliveryStreamInput.class, control::describeDeliveryStream);
        ops.add("ListDeliveryStreams", DeliveryStreamShapes.ListDeliveryStreamsInput.class, control::listDeliveryStreams);
        ops.add("DeleteDeliveryStream", DeliveryStreamShapes.DeleteDeliveryStreamInput.class, control::deleteDeliveryStream);
        ops.add("UpdateDestination", DeliveryStreamShapes.UpdateDestinationInput.class, control::updateDestination);
        ops.add("TagDeliveryStream", DeliveryStreamShapes.TagDeliveryStreamInput.class, control::tagDeliveryStream);
        ops.add("UntagDeliveryStream", DeliveryStreamShapes.UntagDeliveryStreamInput.class, control::untagDeliveryStream);
        ops.add("ListTagsForDeliveryStream", DeliveryStreamShapes.ListTagsForDeliveryStreamInput.class, control::listTagsForDeliveryStream);
        ops.add("StartDeliveryStreamEncryption", DeliveryStreamShapes.StartDeliveryStreamEncryptionInput.class,
                control::startDeliveryStreamEncryption);
        ops.add("StopDeliveryStreamEncryption", DeliveryStreamShapes.StopDeliveryStreamEncryptionInput.class,
                control::stopDeliveryStreamEncryption);
        return ops;
    }

    @Override
    public void reset() {
        DeliveryStreamEngine s = streams;
        if (s != null) {
            s.reset();
        }
    }
}
