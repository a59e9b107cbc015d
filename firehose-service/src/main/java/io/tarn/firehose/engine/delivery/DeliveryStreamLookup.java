package io.tarn.firehose.engine.delivery;

import io.tarn.core.spi.Namespace;
import org.jspecify.annotations.Nullable;

/**
 * How delivery reads the streams the control plane keeps: the stream's current definition, read
 * again at each put and each flush, so an UpdateDestination applies to the next object written.
 */
public interface DeliveryStreamLookup {

    /** The stream as delivery sees it, or null when there is no such stream. */
    @Nullable DeliveryTarget find(Namespace ns, String streamName);
}
