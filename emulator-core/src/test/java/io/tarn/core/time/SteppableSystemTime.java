package io.tarn.core.time;

import java.time.Duration;
import java.time.Instant;

/** A machine whose wall clock a test sets at will (steps back included) and whose counter it moves forward. */
public final class SteppableSystemTime implements SystemTime {

    private Instant wall;
    private long nanos = 1_000_000_000L;

    public SteppableSystemTime(Instant wall) {
        this.wall = wall;
    }

    /** Real time passes: both clocks move forward. */
    public synchronized void pass(Duration d) {
        wall = wall.plus(d);
        nanos += d.toNanos();
    }

    /** The wall clock is set to {@code to} (NTP step, an operator); the counter does not move. */
    public synchronized void setWallClock(Instant to) {
        wall = to;
    }

    @Override
    public synchronized Instant wallClock() {
        return wall;
    }

    @Override
    public synchronized long monotonicNanos() {
        return nanos;
    }
}
