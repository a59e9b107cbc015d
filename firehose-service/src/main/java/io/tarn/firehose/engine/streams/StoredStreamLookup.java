package io.tarn.firehose.engine.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.spi.Namespace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.firehose.engine.delivery.DeliveryStreamLookup;
import io.tarn.firehose.engine.delivery.DeliveryTarget;
import io.tarn.firehose.model.DeliveryStreamMeta;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Delivery's view of a stored stream: its current definition as a {@link DeliveryTarget}, read through the cache.
 * Delivery gets copies of the stream's documents, so nothing it does can change the stored stream; they are
 * made once per version of the stream (a destination changes only with a new VersionId), not at every put.
 */
final class StoredStreamLookup implements DeliveryStreamLookup {

    private record Id(Namespace namespace, String name) {}

    /** One version's documents as delivery sees them. */
    private record Copies(String incarnation, long versionId, DeliveryTarget.@Nullable S3Delivery s3, @Nullable ObjectNode http,
            @Nullable ObjectNode kinesis) {

        static Copies of(DeliveryStreamMeta m) {
            ObjectNode d = m.destination();
            boolean s3 = DeliveryStreamMeta.EXTENDED_S3.equals(m.destinationKind());
            ObjectNode kinesis = m.source() != null && m.source().has("KinesisStreamSourceDescription")
                    ? (ObjectNode) m.source().get("KinesisStreamSourceDescription").deepCopy() : null;
            return new Copies(m.incarnation(), m.versionId(), s3 ? new DeliveryTarget.S3Delivery(d.deepCopy()) : null,
                    s3 ? null : d.deepCopy(), kinesis);
        }

        boolean describe(DeliveryStreamMeta m) {
            return incarnation.equals(m.incarnation()) && versionId == m.versionId();
        }
    }

    private final DeliveryStreams streams;
    private final EmulatorClock clock;
    private final ConcurrentHashMap<Id, Copies> copies = new ConcurrentHashMap<>();

    StoredStreamLookup(DeliveryStreams streams, EmulatorClock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    @Override
    public @Nullable DeliveryTarget find(Namespace ns, String streamName) {
        Id id = new Id(ns, streamName);
        DeliveryStreamMeta m = streams.find(ns, streamName);
        if (m == null) {
            copies.remove(id);
            return null;
        }
        Copies c = copies.get(id);
        if (c == null || !c.describe(m)) {
            c = Copies.of(m);
            copies.put(id, c);
        }
        return new DeliveryTarget(m.name(), m.arn(), m.incarnation(), m.type(), m.statusAt(clock.millis()).name(), m.versionId(),
                DeliveryStreamEngine.DESTINATION_ID, c.s3(), c.http(), c.kinesis());
    }
}
