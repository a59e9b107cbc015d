package io.tarn.firehose;

import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.store.AccessPattern;
import io.tarn.core.store.Keyspace;
import io.tarn.firehose.api.BuffersRoute;
import io.tarn.firehose.api.RecordOperations;
import io.tarn.firehose.api.shapes.RecordShapes;
import io.tarn.firehose.engine.delivery.DeliveryEngine;
import io.tarn.firehose.engine.delivery.DeliveryFailures;
import io.tarn.firehose.engine.delivery.DeliverySettings;
import io.tarn.firehose.engine.delivery.DeliveryStreamLookup;
import io.tarn.firehose.engine.delivery.SimplePrefixes;
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

    private volatile DeliveryEngine delivery;
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
        // the control plane's stream store and failure reporting replace these when it is wired
        DeliveryStreamLookup streams = (ns, name) -> null;
        DeliveryFailures failures = DeliveryFailures.NONE;
        DeliveryEngine opened = DeliveryEngine.open(firehose, ctx.clock(), ctx.scheduler(), streams,
                () -> ctx.ports().require(ObjectStorePort.class), failures, new SimplePrefixes(), DeliverySettings.from(ctx.config()));
        delivery = opened;
        adminRoutes = Map.of(AdminRoute.ANY, new BuffersRoute(opened.buffers(), ctx.clock(),
                new Namespace(ctx.config().defaultAccount(), ctx.config().defaultRegion())));
        return new JsonProtocolHandler(DESCRIPTOR, operations(firehose, opened), MAX_BODY_BYTES);
    }

    static OperationRegistry operations(Keyspace firehose, DeliveryEngine delivery) {
        OperationRegistry ops = new OperationRegistry();

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
        DeliveryEngine d = delivery;
        if (d != null) {
            d.buffers().reset();
        }
    }

    @Override
    public void close() {
        DeliveryEngine d = delivery;
        if (d != null) {
            d.close();
        }
    }
}
