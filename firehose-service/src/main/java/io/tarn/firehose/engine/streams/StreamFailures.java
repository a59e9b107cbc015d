package io.tarn.firehose.engine.streams;

import io.tarn.core.spi.Namespace;
import io.tarn.firehose.engine.delivery.DeliveryFailures;
import io.tarn.firehose.model.DeliveryStreamMeta;

/**
 * Delivery's failures shown as the stream's FailureDescription. AWS's failure types name KMS and
 * VPC problems only; a destination failing otherwise (a missing bucket) is {@code UNKNOWN_ERROR}
 * with S3's code and message as the details.
 */
public final class StreamFailures implements DeliveryFailures {

    private final DeliveryStreamEngine streams;

    public StreamFailures(DeliveryStreamEngine streams) {
        this.streams = streams;
    }

    @Override
    public void failed(Namespace ns, String stream, String incarnation, String details) {
        streams.reportFailure(ns, stream, incarnation, new DeliveryStreamMeta.Failure("UNKNOWN_ERROR", details));
    }

    @Override
    public void recovered(Namespace ns, String stream, String incarnation) {
        streams.reportFailure(ns, stream, incarnation, null);
    }
}
