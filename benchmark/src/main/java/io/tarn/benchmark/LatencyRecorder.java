package io.tarn.benchmark;

import java.util.Arrays;

/** Latencies of one run, kept whole (runs are short), for exact percentiles. */
final class LatencyRecorder {

    private long[] nanos = new long[1 << 16];
    private int size;

    synchronized void record(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
