package io.tarn.firehose.engine.streams;

import io.tarn.core.config.TarnConfig;
import java.time.Duration;

/**
 * The control plane's knobs, from the server's settings ({@code --firehose-delays}): how long
 * status transitions take on the emulator clock, and the quota of streams per account and region.
 * AWS takes tens of seconds to create a stream; Tarn's default of 5 s keeps the transitions
 * visible (a client must wait for ACTIVE, as against AWS) without slowing tests much.
 *
 * @param createDelay CREATING -> ACTIVE
 * @param deleteDelay DELETING -> gone
 * @param encryptionDelay ENABLING -> ENABLED and DISABLING -> DISABLED
 * @param streamLimit delivery streams per account and region (AWS's default quota: 5,000)
 */
public record FirehoseSettings(Duration createDelay, Duration deleteDelay, Duration encryptionDelay, int streamLimit) {

    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(5);
    public static final FirehoseSettings DEFAULT = new FirehoseSettings(DEFAULT_DELAY, DEFAULT_DELAY, DEFAULT_DELAY, 5000);

    public static FirehoseSettings from(TarnConfig config) {
        return new FirehoseSettings(
                duration(config.extra("firehose.createDelay", "5s")),
                duration(config.extra("firehose.deleteDelay", "5s")),
                duration(config.extra("firehose.encryptionDelay", "5s")),
                Integer.parseInt(config.extra("firehose.streamLimit", "5000")));
    }

    public FirehoseSettings withDelays(Duration delay) {
        return new FirehoseSettings(delay, delay, delay, streamLimit);
    }

    public FirehoseSettings withStreamLimit(int limit) {
        return new FirehoseSettings(createDelay, deleteDelay, encryptionDelay, limit);
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
