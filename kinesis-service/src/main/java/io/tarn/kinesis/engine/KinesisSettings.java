package io.tarn.kinesis.engine;

import io.tarn.core.config.TarnConfig;
import java.time.Duration;

/**
 * Kinesis's knobs, from the server's settings ({@code --kinesis-throttling off} and friends):
 * whether AWS's throughput and control-plane rate limits apply, how long status transitions take
 * on the emulator clock, and the account's shard limits.
 *
 * @param throttling per-shard and control-plane limits on (AWS's behaviour) or off
 * @param createDelay CREATING -> ACTIVE
 * @param updateDelay UPDATING -> ACTIVE (resharding, encryption, mode changes)
 * @param deleteDelay DELETING -> gone
 * @param shardLimit open shards per account and region
 * @param onDemandStreamLimit on-demand streams per account and region
 */
public record KinesisSettings(boolean throttling, Duration createDelay, Duration updateDelay, Duration deleteDelay,
        int shardLimit, int onDemandStreamLimit) {

    public static final KinesisSettings DEFAULT = new KinesisSettings(true, Duration.ZERO, Duration.ZERO, Duration.ZERO, 500, 50);

    public static KinesisSettings from(TarnConfig config) {
        return new KinesisSettings(
                !"off".equalsIgnoreCase(config.extra("kinesis.throttling", "on")),
                duration(config.extra("kinesis.createDelay", "0ms")),
                duration(config.extra("kinesis.updateDelay", "0ms")),
                duration(config.extra("kinesis.deleteDelay", "0ms")),
                Integer.parseInt(config.extra("kinesis.shardLimit", "500")),
                Integer.parseInt(config.extra("kinesis.onDemandStreamLimit", "50")));
    }

    public KinesisSettings withThrottling(boolean on) {
        return new KinesisSettings(on, createDelay, updateDelay, deleteDelay, shardLimit, onDemandStreamLimit);
    }

    public KinesisSettings withDelays(Duration create, Duration update, Duration delete) {
        return new KinesisSettings(throttling, create, update, delete, shardLimit, onDemandStreamLimit);
    }

    /** "500ms", "2s", or an ISO-8601 duration ("PT1S"). */
    static Duration duration(String text) {
        String t = text.trim();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s") && !t.startsWith("P")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        return Duration.parse(t);
    }
}
