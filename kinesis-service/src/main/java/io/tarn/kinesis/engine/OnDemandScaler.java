package io.tarn.kinesis.engine;

import io.tarn.kinesis.KinesisLimits;
import io.tarn.kinesis.model.StreamMeta;
import java.util.HashMap;
import java.util.Map;

/**
 * On-demand capacity: over each minute of emulator time, a stream whose writes used more than
 * half of its shards' capacity (or were throttled) doubles its open shards, as AWS's on-demand
 * mode grows to accommodate sustained traffic.
 */
final class OnDemandScaler {

    static final long WINDOW_MILLIS = 60_000;

    /** Reshapes a stream to {@code target} open shards; called while synchronised on the stream. */
    interface Scaling {
        void scale(StreamState state, int target, long now);
    }

    private static final class Window {
        long startMillis;
        long bytes;
        long records;
        long throttled;
    }

    private final Map<Long, Window> windows = new HashMap<>(); // guarded by this
    private volatile Scaling scaling;
    private final int maxShards;

    OnDemandScaler(int maxShards) {
        this.maxShards = maxShards;
    }

    void scaling(Scaling s) {
        scaling = s;
    }

    /** Counts a write; called while synchronised on the stream. */
    void recordWrite(StreamState state, long bytes, int records, int throttled, long now) {
        StreamMeta meta = state.meta();
        if (!meta.onDemand()) {
            return;
        }
        int target = 0;
        synchronized (this) {
            Window w = windows.computeIfAbsent(meta.incarnation(), k -> {
                Window n = new Window();
                n.startMillis = now;
                return n;
            });
            if (now - w.startMillis >= WINDOW_MILLIS) {
                int shards = meta.openShards().size();
                double seconds = (now - w.startMillis) / 1000.0;
                boolean busy = w.throttled > 0
                        || w.bytes > 0.5 * shards * KinesisLimits.SHARD_WRITE_BYTES * seconds
                        || w.records > 0.5 * shards * KinesisLimits.SHARD_WRITE_RECORDS * seconds;
                if (busy && shards < maxShards) {
                    target = Math.min(shards * 2, maxShards);
                }
                w.startMillis = now;
                w.bytes = 0;
                w.records = 0;
                w.throttled = 0;
            }
            w.bytes += bytes;
            w.records += records;
            w.throttled += throttled;
        }
        if (target > 0 && scaling != null) {
            scaling.scale(state, target, now);
        }
    }

    synchronized void forget(long incarnation) {
        windows.remove(incarnation);
    }
}
