package io.tarn.firehose.engine.delivery;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A stream's put quotas as token buckets on the emulator clock, each holding one second's worth:
 * calls, records and bytes. A call over the call rate is refused whole; records over the record or
 * byte rate fail one by one (PutRecordBatch's per-record errors). In memory: a restart refills them.
 */
final class PutQuotas {

    private final DeliverySettings settings;
    private final ConcurrentHashMap<String, Buckets> streams = new ConcurrentHashMap<>();

    PutQuotas(DeliverySettings settings) {
        this.settings = settings;
    }

    private final class Buckets {
        double calls = settings.callsPerSecond();
        double records = settings.recordsPerSecond();
        double bytes = settings.bytesPerSecond();
        long lastMillis;

        Buckets(long now) {
            lastMillis = now;
        }

        void refill(long now) {
            if (now > lastMillis) {
                double seconds = (now - lastMillis) / 1000.0;
                calls = Math.min(settings.callsPerSecond(), calls + settings.callsPerSecond() * seconds);
                records = Math.min(settings.recordsPerSecond(), records + settings.recordsPerSecond() * seconds);
                bytes = Math.min(settings.bytesPerSecond(), bytes + settings.bytesPerSecond() * seconds);
                lastMillis = now;
            }
        }
    }

    /**
     * Admits a call of records of {@code sizes} bytes: null when the call itself is over the call
     * rate, else which records fit the record and byte rates (the others are not charged).
     */
    boolean[] admit(String streamKey, int[] sizes, long now) {
        boolean[] admitted = new boolean[sizes.length];
        if (!settings.throttling()) {
            java.util.Arrays.fill(admitted, true);
            return admitted;
        }
        Buckets b = streams.computeIfAbsent(streamKey, k -> new Buckets(now));
        synchronized (b) {
            b.refill(now);
            if (b.calls < 1) {
                return null;
            }
            b.calls -= 1;
            for (int i = 0; i < sizes.length; i++) {
                if (b.records >= 1 && b.bytes >= sizes[i]) {
                    b.records -= 1;
                    b.bytes -= sizes[i];
                    admitted[i] = true;
                }
            }
        }
        return admitted;
    }
}
