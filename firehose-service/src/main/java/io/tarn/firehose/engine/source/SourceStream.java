package io.tarn.firehose.engine.source;

import io.tarn.core.spi.Namespace;
import java.util.Objects;

/**
 * A delivery stream reading a Kinesis stream ({@code KinesisStreamAsSource}).
 *
 * @param namespace the delivery stream's account and region, where its checkpoints are kept
 * @param deliveryStreamName for logs
 * @param incarnation the delivery stream's {@code DeliveryTarget.incarnation}: a stream created
 *     again under the same name starts afresh
 * @param kinesisStreamArn {@code KinesisStreamSourceConfiguration.KinesisStreamARN},
 *     {@code arn:aws:kinesis:<region>:<account>:stream/<name>}
 */
public record SourceStream(Namespace namespace, String deliveryStreamName, String incarnation, String kinesisStreamArn) {

    public SourceStream {
        Objects.requireNonNull(namespace);
        Objects.requireNonNull(deliveryStreamName);
        Objects.requireNonNull(incarnation);
        if (kinesisStreamArn == null || kinesisStreamArn.split(":", 6).length != 6 || !kinesisStreamArn.split(":", 6)[5].startsWith("stream/")) {
            throw new IllegalArgumentException("not a Kinesis stream ARN: " + kinesisStreamArn);
        }
    }

    /** The source stream's account and region, from its ARN. */
    public Namespace kinesisNamespace() {
        String[] parts = kinesisStreamArn.split(":", 6);
        return new Namespace(parts[4], parts[3]);
    }

    /** The source stream's name, from its ARN. */
    public String kinesisStreamName() {
        return kinesisStreamArn.split(":", 6)[5].substring("stream/".length());
    }
}
