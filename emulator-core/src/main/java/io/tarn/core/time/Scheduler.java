package io.tarn.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers on the emulator clock. A timer fires once emulator time reaches its due instant: by
 * itself as real time passes (scaled), or at once inside {@link EmulatorClock#advance}, so a test
 * that advances the clock sees every due transition done when the call returns.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    /** A scheduled timer; cancel it when the thing it would do no longer applies. */
    public interface Timer {
        void cancel();
    }

    private final EmulatorClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Object running = new Object();
    private final Thread thread;
    private volatile boolean closed;

    public Scheduler(EmulatorClock clock) {
        this.clock = clock;
        this.thread = new Thread(this::loop, "tarn-scheduler");
        this.thread.setDaemon(true);
        clock.addListener(now -> {
            runDue(now);
            wake();
        });
        thread.start();
    }

    public EmulatorClock clock() {
        return clock;
    }

    /** Runs {@code task} once emulator time reaches {@code due} (at once if it already has). */
    public Timer at(Instant due, Runnable task) {
        Entry e = new Entry(due, sequence.incrementAndGet(), task);
        synchronized (queue) {
            queue.add(e);
            queue.notifyAll();
        }
        return e;
    }

    /** Runs {@code task} after {@code delay} of emulator time. */
    public Timer after(Duration delay, Runnable task) {
        return at(clock.instant().plus(delay), task);
    }

    /** Runs {@code task} every {@code period} of emulator time until cancelled. */
    public Timer every(Duration period, Runnable task) {
        Periodic p = new Periodic(period, task);
        p.arm();
        return p;
    }

    /**
     * Runs every timer that is due at {@code now}; each timer runs exactly once. One caller at a
     * time: when an advance of the clock calls this while the scheduler's thread is running a
     * timer that became due with that advance, the advance waits for it, so that it returns with
     * every due transition done.
     */
    void runDue(Instant now) {
        synchronized (running) {
            runDueTimers(now);
        }
    }

    private void runDueTimers(Instant now) {
        while (true) {
            Entry next;
            synchronized (queue) {
                next = queue.peek();
                if (next == null || next.due.isAfter(now)) {
                    return;
                }
                queue.poll();
            }
            if (!next.cancelled) {
                try {
                    next.task.run();
                } catch (RuntimeException ex) {
                    log.error("scheduled task failed", ex);
                }
            }
        }
    }

    private void loop() {
        while (!closed) {
            try {
                runDue(clock.instant());
                synchronized (queue) {
                    Entry next = queue.peek();
                    if (closed) {
                        return;
                    }
                    if (next == null) {
                        queue.wait();
                        continue;
                    }
                    Duration emulated = Duration.between(clock.instant(), next.due);
                    if (emulated.isNegative() || emulated.isZero()) {
                        continue;
                    }
                    Duration real = clock.realDurationOf(emulated);
                    if (real == null) {
                        queue.wait(); // frozen clock: only an advance moves time
                    } else {
                        long millis = Math.max(1, Math.min(real.toMillis(), 60_000));
                        queue.wait(millis);
                    }
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void wake() {
        synchronized (queue) {
            queue.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        thread.interrupt();
    }

    private static final class Entry implements Comparable<Entry>, Timer {
        final Instant due;
        final long seq;
        final Runnable task;
        volatile boolean cancelled;

        Entry(Instant due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final class Periodic implements Timer {
        final Duration period;
        final Runnable task;
        volatile Timer current;
        volatile boolean cancelled;

        Periodic(Duration period, Runnable task) {
            this.period = period;
            this.task = task;
        }

        void arm() {
            current = after(period, () -> {
                if (!cancelled) {
                    try {
                        task.run();
                    } finally {
                        arm();
                    }
                }
            });
        }

        @Override
        public void cancel() {
            cancelled = true;
            Timer t = current;
            if (t != null) {
                t.cancel();
            }
        }
    }
}
