package io.tarn.firehose;

import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.store.AccessPattern;
import io.tarn.core.store.Keyspace;

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
        return new JsonProtocolHandler(DESCRIPTOR, operations(firehose), MAX_BODY_BYTES);
    }

    static OperationRegistry operations(Keyspace firehose) {
        OperationRegistry ops = new OperationRegistry();
        return ops;
    }
}
