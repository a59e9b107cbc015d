package io.tarn.firehose.engine.delivery;

import io.tarn.core.spi.Namespace;

/**
 * How delivery tells the control plane that a destination fails (a missing bucket, a KMS key S3
 * cannot use) and that it works again, so DescribeDeliveryStream can show it. Implemented by the
 * control plane; {@link #NONE} until it is wired.
 */
public interface DeliveryFailures {

    DeliveryFailures NONE = new DeliveryFailures() {
        @Override
        public void failed(Namespace ns, String stream, String incarnation, String details) {}

        @Override
        public void recovered(Namespace ns, String stream, String incarnation) {}
    };

    /** The last delivery of the stream failed; {@code details} says why (S3's code and message). */
    void failed(Namespace ns, String stream, String incarnation, String details);

    /** A delivery of the stream succeeded after a failure. */
    void recovered(Namespace ns, String stream, String incarnation);
}
