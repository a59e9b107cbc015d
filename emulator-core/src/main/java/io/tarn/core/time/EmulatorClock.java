package io.tarn.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock every engine reads. Emulator time runs from an anchor at {@code scale} times the
 * speed of the machine's monotonic counter (1 = real time, 3600 = an hour a second, 0 = frozen:
 * the manual clock of tests), and can be moved forward on demand. It never goes backwards: the
 * wall clock is read only to start from, so a step back of the machine's clock does not move it,
 * and no reading is ever earlier than one already returned (a reader that raced a scale change
 * cannot hand out a later instant than the next reader sees).
 */
public final class EmulatorClock {

    /** Told when time jumps (advance, scale change) so timers can be re-evaluated at once. */
    public interface Listener {
        void timeChanged(Instant now);
    }

    /** Emulator time = anchorEmulated + (counter - anchorNanos) * scale; replaced whole, so reads need no lock. */
    private record Anchor(long anchorNanos, Instant anchorEmulated, double scale) {}

    private final SystemTime system;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> latest;
    private volatile Anchor anchor;

    /** A clock on {@code system} at {@code scale}, starting from {@code start}: for tests that step the machine's clock. */
    public EmulatorClock(SystemTime system, Instant start, double scale) {
        this.system = Objects.requireNonNull(system);
        this.anchor = new Anchor(system.monotonicNanos(), Objects.requireNonNull(start), checkScale(scale));
        this.latest = new AtomicReference<>(start);
    }

    /** A clock that starts at the machine's time and runs at {@code scale}. */
    public static EmulatorClock system(double scale) {
        return new EmulatorClock(SystemTime.MACHINE, SystemTime.MACHINE.wallClock(), scale);
    }

    /** A clock that runs at {@code scale} on the machine's counter, starting from {@code start}. */
    public static EmulatorClock system(double scale, Instant start) {
        return new EmulatorClock(SystemTime.MACHINE, start, scale);
    }

    /** A frozen clock that only moves when advanced: for tests. */
    public static EmulatorClock manual(Instant start) {
        return new EmulatorClock(SystemTime.MACHINE, start, 0);
    }

    public Instant instant() {
        Instant computed = instantAt(anchor, system.monotonicNanos());
        Instant before = latest.get();
        if (!computed.isAfter(before)) {
            return before;
        }
        // Publish the newest reading so no later call returns less; a lost race means a newer one is there.
        return latest.accumulateAndGet(computed, EmulatorClock::later);
    }

    private static Instant instantAt(Anchor a, long nanos) {
        if (a.scale() == 0) {
            return a.anchorEmulated();
        }
        long real = nanos - a.anchorNanos();
        if (a.scale() == 1) {
            return a.anchorEmulated().plusNanos(real);
        }
        return a.anchorEmulated().plusNanos((long) (real * a.scale()));
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
            now = reanchor(anchor.scale(), by);
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
            now = reanchor(checked, Duration.ZERO);
        }
        fire(now);
    }

    /** Restarts the anchor at the current reading plus {@code by}; callers hold the lock. */
    private Instant reanchor(double scale, Duration by) {
        long nanos = system.monotonicNanos();
        Instant computed = instantAt(anchor, nanos);
        Instant now = later(computed, latest.get()).plus(by);
        anchor = new Anchor(nanos, now, scale);
        latest.accumulateAndGet(now, EmulatorClock::later);
        return now;
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

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static double checkScale(double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be a finite number >= 0, got " + scale);
        }
        return scale;
    }
}
