package io.tarn.core.spi.ports;

import io.tarn.core.spi.Namespace;

/**
 * The default event bus of each account and region, as EventBridge's: a service puts its events on
 * it (S3 with {@code EventBridgeConfiguration}), and the rules of Tarn's init file
 * ({@code eventRules}) whose patterns match send them to their targets: Glue workflows (through
 * {@link WorkflowEventPort}), Kinesis streams and Firehose delivery streams. Tarn has no EventBridge
 * API; the bus is what the services reach it through, in process.
 */
public interface EventBusPort {

    /**
     * Sends one event, in EventBridge's envelope ({@code version}, {@code id}, {@code detail-type},
     * {@code source}, {@code account}, {@code time}, {@code region}, {@code resources},
     * {@code detail}), to the targets of the rules of {@code ns}'s default bus that match it, before
     * returning. A target that no longer exists is skipped (logged); any other failure of a target
     * is thrown, for the caller to send the event again later: delivery is at least once, and the
     * event's {@code id} stays the same, as EventBridge's retries keep it.
     *
     * @return the names of the rules that matched
     */
    java.util.List<String> put(Namespace ns, String eventJson);
}
