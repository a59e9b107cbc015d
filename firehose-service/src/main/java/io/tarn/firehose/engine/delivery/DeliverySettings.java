package io.tarn.firehose.engine.delivery;

import io.tarn.core.config.TarnConfig;

/**
 * The data plane's knobs, from the server's settings ({@code --firehose-throttling off}): whether
 * the per-stream quotas apply, and the quotas (AWS's defaults for a direct-put stream in the large
 * regions: 5,000 records, 2,000 calls and 5 MiB per second).
 */
public record DeliverySettings(boolean throttling, double recordsPerSecond, double callsPerSecond, double bytesPerSecond) {

    public static final DeliverySettings DEFAULT = new DeliverySettings(true, 5_000, 2_000, 5 << 20);

    public static DeliverySettings from(TarnConfig config) {
        return new DeliverySettings(!"off".equalsIgnoreCase(config.extra("firehose.throttling", "on")),
                Double.parseDouble(config.extra("firehose.recordsPerSecond", "5000")),
                Double.parseDouble(config.extra("firehose.callsPerSecond", "2000")),
                Double.parseDouble(config.extra("firehose.bytesPerSecond", Long.toString(5L << 20))));
    }

    public DeliverySettings withThrottling(boolean on) {
        return new DeliverySettings(on, recordsPerSecond, callsPerSecond, bytesPerSecond);
    }
}
