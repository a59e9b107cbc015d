package io.tarn.firehose.engine.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.spi.Namespace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.firehose.engine.delivery.DeliveryStreamLookup;
import io.tarn.firehose.engine.delivery.DeliveryTarget;
import io.tarn.firehose.model.DeliveryStreamMeta;
import org.jspecify.annotations.Nullable;

/** Delivery's view of a stored stream: its current definition as a {@link DeliveryTarget}, read through the cache. */
final class StoredStreamLookup implements DeliveryStreamLookup {

    private final DeliveryStreams streams;
    private final EmulatorClock clock;

    StoredStreamLookup(DeliveryStreams streams, EmulatorClock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    @Override
    public @Nullable DeliveryTarget find(Namespace ns, String streamName) {
        DeliveryStreamMeta m = streams.find(ns, streamName);
        return m == null ? null : target(m, clock.millis());
    }

    static DeliveryTarget target(DeliveryStreamMeta m, long now) {
        ObjectNode d = m.destination();
        boolean s3 = DeliveryStreamMeta.EXTENDED_S3.equals(m.destinationKind());
        DeliveryTarget.S3Delivery s3Delivery = s3 ? s3Delivery(d) : null;
        ObjectNode http = s3 ? null : d.deepCopy();
        ObjectNode kinesis = m.source() != null && m.source().has("KinesisStreamSourceDescription")
                ? (ObjectNode) m.source().get("KinesisStreamSourceDescription").deepCopy() : null;
        return new DeliveryTarget(m.name(), m.arn(), m.incarnation(), m.type(), m.statusAt(now).name(), m.versionId(),
                DeliveryStreamEngine.DESTINATION_ID, s3Delivery, http, kinesis);
    }

    private static DeliveryTarget.S3Delivery s3Delivery(ObjectNode d) {
        return new DeliveryTarget.S3Delivery(d.deepCopy());
    }
}
