package io.tarn.core.time;

import java.time.Instant;

/**
 * What the emulator clock reads from the machine: the wall clock, read once when a clock starts,
 * and a monotonic counter for the time that passes after. The wall clock can step back (NTP, a
 * suspended VM, an operator); the counter cannot, so emulator time follows the counter.
 * Injectable so tests can step the machine's clock.
 */
public interface SystemTime {

    /** The machine's wall clock, which may jump either way. */
    Instant wallClock();

    /** Nanoseconds from an arbitrary origin, never decreasing ({@link System#nanoTime()}). */
    long monotonicNanos();

    /** The machine's own clocks. */
    SystemTime MACHINE = new SystemTime() {
        @Override
        public Instant wallClock() {
            return Instant.now();
        }

        @Override
        public long monotonicNanos() {
            return System.nanoTime();
        }
    };
}
