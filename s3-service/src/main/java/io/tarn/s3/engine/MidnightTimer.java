package io.tarn.s3.engine;

import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A job S3 runs once a day, at each midnight UTC of the emulator clock (lifecycle rules,
 * Intelligent-Tiering moves, storage class analysis exports). The next due instant is stored, so a
 * restart re-arms it where it was and a clock advance runs every midnight it passes, in order,
 * each as of its own midnight.
 */
public final class MidnightTimer {

    private final Keyspace keyspace;
    private final Key nextRun;
    private final Consumer<Instant> job;
    private volatile Scheduler.@Nullable Timer timer;
    private volatile boolean stopped;

    /** @param job runs as of the midnight it is given, which the clock may have passed already */
    public MidnightTimer(Keyspace keyspace, Key nextRun, Consumer<Instant> job) {
        this.keyspace = keyspace;
        this.nextRun = nextRun;
        this.job = job;
    }

    /** Arms the timer: at the stored due instant, or the next midnight UTC on a first start. */
    public void start(Scheduler scheduler) {
        Long stored = keyspace.get(nextRun, Long.class).orElse(null);
        Instant due = stored != null ? Instant.ofEpochMilli(stored) : scheduler.clock().instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        keyspace.put(nextRun, due.toEpochMilli());
        arm(scheduler, due);
    }

    private void arm(Scheduler scheduler, Instant due) {
        if (stopped) {
            return;
        }
        timer = scheduler.at(due, () -> {
            Instant next = due.plus(Duration.ofDays(1));
            try {
                job.accept(due);
            } finally {
                if (!stopped) {
                    keyspace.put(nextRun, next.toEpochMilli());
                    arm(scheduler, next);
                }
            }
        });
    }

    public void stop() {
        stopped = true;
        Scheduler.Timer t = timer;
        if (t != null) {
            t.cancel();
        }
    }
}
