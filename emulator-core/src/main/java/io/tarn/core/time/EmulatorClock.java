package io.tarn.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one clock every engine reads. Emulator time runs from an anchor at {@code scale} times the
 * speed of the underlying source (1 = real time, 3600 = an hour a second, 0 = frozen: the manual
 * clock of tests), and can be moved forward on demand. It never goes backwards.
 */
public final class EmulatorClock {

    /** Told when time jumps (advance, scale change) so timers can be re-evaluated at once. */
    public interface Listener {
        void timeChanged(Instant now);
    }

    private final InstantSource source;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    // Emulator time = anchorEmulated + (source - anchorSource) * scale
    private Instant anchorSource;
    private Instant anchorEmulated;
    private double scale;

    EmulatorClock(InstantSource source, Instant start, double scale) {
        this.source = Objects.requireNonNull(source);
        this.anchorSource = source.instant();
        this.anchorEmulated = Objects.requireNonNull(start);
        this.scale = checkScale(scale);
    }

    /** A clock that follows the system clock, scaled. */
    public static EmulatorClock system(double scale) {
        Clock utc = Clock.systemUTC();
        return new EmulatorClock(utc, utc.instant(), scale);
    }

    /** A clock that follows the system clock at {@code scale}, starting from {@code start}. */
    public static EmulatorClock system(double scale, Instant start) {
        return new EmulatorClock(Clock.systemUTC(), start, scale);
    }

    /** A frozen clock that only moves when advanced: for tests. */
    public static EmulatorClock manual(Instant start) {
        return new EmulatorClock(Clock.systemUTC(), start, 0);
    }

    public synchronized Instant instant() {
        if (scale == 0) {
            return anchorEmulated;
        }
        Duration real = Duration.between(anchorSource, source.instant());
        if (scale == 1) {
            return anchorEmulated.plus(real);
        }
        long nanos = (long) (real.toNanos() * scale);
        return anchorEmulated.plusNanos(nanos);
    }

    public long millis() {
        return instant().toEpochMilli();
    }

    public synchronized double scale() {
        return scale;
    }

    /** Moves emulator time forward by {@code by}; due timers fire before this returns. */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock cannot go backwards");
        }
        Instant now;
        synchronized (this) {
            rebase();
            anchorEmulated = anchorEmulated.plus(by);
            now = anchorEmulated;
        }
        fire(now);
        return now;
    }

    /** Moves emulator time forward to {@code to}; an instant in the past is refused. */
    public Instant advanceTo(Instant to) {
        return advance(Duration.between(instant(), to));
    }

    public void setScale(double newScale) {
        Instant now;
        synchronized (this) {
            rebase();
            scale = checkScale(newScale);
            now = anchorEmulated;
        }
        fire(now);
    }

    /** Real time it takes for {@code emulated} to pass at the current scale; null when frozen. */
    public synchronized Duration realDurationOf(Duration emulated) {
        if (scale == 0) {
            return null;
        }
        return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, emulated.toNanos() / scale));
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private void rebase() {
        Instant now = instant();
        anchorSource = source.instant();
        anchorEmulated = now;
    }

    private void fire(Instant now) {
        for (Listener l : listeners) {
            l.timeChanged(now);
        }
    }

    private static double checkScale(double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be a finite number >= 0, got " + scale);
        }
        return scale;
    }
}
