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

    /** Emulator time = anchorEmulated + (source - anchorSource) * scale; replaced whole, so reads need no lock. */
    private record Anchor(Instant anchorSource, Instant anchorEmulated, double scale) {}

    private final InstantSource source;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Anchor anchor;

    EmulatorClock(InstantSource source, Instant start, double scale) {
        this.source = Objects.requireNonNull(source);
        this.anchor = new Anchor(source.instant(), Objects.requireNonNull(start), checkScale(scale));
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

    public Instant instant() {
        return instant(anchor);
    }

    private Instant instant(Anchor a) {
        if (a.scale() == 0) {
            return a.anchorEmulated();
        }
        Duration real = Duration.between(a.anchorSource(), source.instant());
        if (a.scale() == 1) {
            return a.anchorEmulated().plus(real);
        }
        long nanos = (long) (real.toNanos() * a.scale());
        return a.anchorEmulated().plusNanos(nanos);
    }

    public long millis() {
        return instant().toEpochMilli();
    }

    public double scale() {
        return anchor.scale();
    }

    /** Moves emulator time forward by {@code by}; due timers fire before this returns. */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock cannot go backwards");
        }
        Instant now;
        synchronized (this) {
            Anchor a = anchor;
            now = instant(a).plus(by);
            anchor = new Anchor(source.instant(), now, a.scale());
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
        double checked = checkScale(newScale);
        synchronized (this) {
            now = instant(anchor);
            anchor = new Anchor(source.instant(), now, checked);
        }
        fire(now);
    }

    /** Real time it takes for {@code emulated} to pass at the current scale; null when frozen. */
    public Duration realDurationOf(Duration emulated) {
        double scale = anchor.scale();
        if (scale == 0) {
            return null;
        }
        return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, emulated.toNanos() / scale));
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
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
