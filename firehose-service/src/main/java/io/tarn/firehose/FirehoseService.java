package io.tarn.firehose;

import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.spi.ports.CatalogPort;
import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.spi.ports.DeliveryStreamPort;
import io.tarn.core.spi.ports.StreamPort;
import io.tarn.core.store.AccessPattern;
import io.tarn.core.store.Keyspace;
import io.tarn.firehose.api.BuffersRoute;
import io.tarn.firehose.api.DeliveryStreamOperations;
import io.tarn.firehose.api.RecordOperations;
import io.tarn.firehose.api.shapes.DeliveryStreamShapes;
import io.tarn.firehose.api.shapes.RecordShapes;
import io.tarn.firehose.engine.delivery.DeliveryEngine;
import io.tarn.firehose.engine.delivery.DeliverySettings;
import io.tarn.firehose.engine.delivery.SourcedStreams;
import io.tarn.firehose.engine.delivery.StoredNamespaces;
import io.tarn.firehose.engine.partition.RecordPartitioner;
import io.tarn.firehose.engine.prefix.S3Prefixes;
import io.tarn.firehose.engine.processor.LambdaEndpoints;
import io.tarn.firehose.engine.source.KinesisSource;
import io.tarn.firehose.engine.source.SourceStream;
import io.tarn.firehose.engine.streams.DeliveryStreamEngine;
import io.tarn.firehose.engine.streams.FirehoseSettings;
import io.tarn.firehose.engine.streams.StreamFailures;
import io.tarn.firehose.model.DeliveryStreamMeta;
import io.tarn.firehose.FirehoseErrors;
import io.tarn.firehose.engine.delivery.RecordBuffers;
import java.util.List;
import java.util.Map;

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
    private volatile DeliveryEngine delivery;
    private volatile SourcedStreams sourced;
    private volatile Map<String, AdminRoute> adminRoutes = Map.of();

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
        LambdaEndpoints lambdas = LambdaEndpoints.of(ctx.config().initFile());
        DeliveryStreamEngine opened = new DeliveryStreamEngine(firehose, ctx.clock(), ctx.scheduler(), FirehoseSettings.from(ctx.config()),
                () -> ctx.ports().require(KeyServicePort.class));
        opened.useDestinationRules(description -> {
            RecordPartitioner.of(description, lambdas); // prefixes, processors, partitioning: as delivery will read them
            for (String s3 : List.of("S3BackupDescription", "S3DestinationDescription")) { // an S3 backup, an HTTP endpoint's bucket
                if (description.path(s3).isObject()) {
                    S3Prefixes.of(description.get(s3));
                }
            }
        });
        streams = opened;
        StreamFailures failures = new StreamFailures(opened);
        DeliveryEngine delivering = DeliveryEngine.open(firehose, ctx.clock(), ctx.scheduler(), opened.lookup(),
                new DeliveryEngine.Collaborators(() -> ctx.ports().require(ObjectStorePort.class),
                        () -> ctx.ports().require(CatalogPort.class), lambdas, failures),
                DeliverySettings.from(ctx.config()));
        delivery = delivering;
        SourcedStreams reading = new SourcedStreams(new KinesisSource(firehose, ctx.clock(), ctx.scheduler(),
                () -> ctx.ports().require(StreamPort.class)), delivering.buffers(), firehose, ctx.clock(), failures);
        sourced = reading;
        opened.onCreate((ns, meta) -> {
            if (DeliveryStreamMeta.KINESIS_SOURCE.equals(meta.type())) {
                reading.begin(source(ns, meta));
            }
        });
        opened.onStreamGone(meta -> {
            if (DeliveryStreamMeta.KINESIS_SOURCE.equals(meta.type())) {
                String[] arn = meta.arn().split(":", 6);
                reading.forget(source(new Namespace(arn[4], arn[3]), meta));
            }
        });
        for (Namespace ns : StoredNamespaces.of(firehose)) {
            for (DeliveryStreamMeta meta : opened.list(ns, DeliveryStreamMeta.KINESIS_SOURCE, null)) {
                reading.follow(source(ns, meta));
            }
        }
        // what S3 event notifications put their events through
        ctx.ports().register(DeliveryStreamPort.class, (ns, stream, data) -> {
            RecordBuffers.Outcome out = delivering.buffers().put(ns, stream, List.of(data)).get(0);
            if (out.recordId() == null) {
                throw FirehoseErrors.SERVICE_UNAVAILABLE.exception(out.errorMessage());
            }
            return out.recordId();
        });
        adminRoutes = Map.of(AdminRoute.ANY, new BuffersRoute(delivering.buffers(), ctx.clock(),
                new Namespace(ctx.config().defaultAccount(), ctx.config().defaultRegion())));
        return new JsonProtocolHandler(DESCRIPTOR, operations(opened, delivering), MAX_BODY_BYTES);
    }

    private static SourceStream source(Namespace ns, DeliveryStreamMeta meta) {
        return new SourceStream(ns, meta.name(), meta.incarnation(),
                meta.source().get("KinesisStreamSourceDescription").get("KinesisStreamARN").asText());
    }

    static OperationRegistry operations(DeliveryStreamEngine streams, DeliveryEngine delivery) {
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

        // the data plane: records put to a stream, buffered and delivered (engine/delivery)
        RecordOperations records = new RecordOperations(delivery.buffers());
        ops.add("PutRecord", RecordShapes.PutRecordInput.class, records::putRecord);
        ops.add("PutRecordBatch", RecordShapes.PutRecordBatchInput.class, records::putRecordBatch);
        return ops;
    }

    @Override
    public Map<String, AdminRoute> adminRoutes() {
        return adminRoutes;
    }

    @Override
    public void reset() {
        DeliveryStreamEngine s = streams;
        if (s != null) {
            s.reset();
        }
        SourcedStreams r = sourced;
        if (r != null) {
            r.stopAll();
        }
        DeliveryEngine d = delivery;
        if (d != null) {
            d.buffers().reset();
        }
    }

    @Override
    public void close() {
        SourcedStreams r = sourced;
        if (r != null) {
            r.stopAll();
        }
        DeliveryEngine d = delivery;
        if (d != null) {
            d.close();
        }
    }
}
