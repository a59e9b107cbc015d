package io.tarn.glue.engine.jobs;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.glue.engine.crawler.StoredNamespaces;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.JobRunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Job run history is kept as long as AWS keeps it visible to GetJobRun and GetJobRuns, one year
 * (https://docs.aws.amazon.com/glue/latest/webapi/API_GetJobRun.html: "Job run history is accessible for
 * 365 days"), counted on the emulator clock from the run's start. One timer is armed at the oldest run's
 * expiry; its sweep deletes each job's expired ended runs from the oldest end of the job's start index
 * (one batch per job) and then their folders (logs), and arms the next expiry. Nothing of this is stored:
 * a restart sweeps once and arms the timer again from what the store holds.
 */
final class JobRunRetention {

    static final Duration RETENTION = Duration.ofDays(365);
    /** When the oldest run has not ended yet (a long Timeout), look again a day later. */
    private static final Duration RECHECK = Duration.ofDays(1);

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final Consumer<String> folderRemover;
    private final Object lock = new Object();
    private Scheduler.@Nullable Timer timer;
    private @Nullable Instant armedAt;

    /** @param folderRemover removes a run's folder (its logs) once the run is deleted */
    JobRunRetention(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, Consumer<String> folderRemover) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.folderRemover = folderRemover;
    }

    /** A run was stored: its expiry is armed unless an earlier one already is (runs only get newer). */
    void stored(JobRunRecord run) {
        arm(run.startedOn().plus(RETENTION));
    }

    private void arm(Instant due) {
        synchronized (lock) {
            if (armedAt != null && !due.isBefore(armedAt)) {
                return;
            }
            if (timer != null) {
                timer.cancel();
            }
            armedAt = due;
            timer = scheduler.at(due, this::sweep);
        }
    }

    /** Deletes every expired ended run, then arms the timer at the next expiry (none: no runs). */
    void sweep() {
        synchronized (lock) {
            timer = null;
            armedAt = null;
        }
        Instant cutoff = clock.instant().minus(RETENTION);
        Instant next = null;
        for (Namespace ns : StoredNamespaces.of(keyspace)) {
            List<String> jobs = new ArrayList<>(); // names from the keys: no definition is decoded
            keyspace.scan(GlueKeys.jobs(ns), null, e -> jobs.add(e.key().string(e.key().parts().size() - 1)));
            for (String job : jobs) {
                Instant due = sweep(ns, job, cutoff);
                if (due != null && (next == null || due.isBefore(next))) {
                    next = due;
                }
            }
        }
        if (next != null) {
            arm(next);
        }
    }

    /**
     * One job's expired runs deleted: its start index is newest first, so the runs started at or before
     * the cutoff are the index's tail, from (inverted cutoff millis) on. Answers when the job's oldest
     * remaining run expires (a day from now when an expired run has not ended yet).
     */
    private @Nullable Instant sweep(Namespace ns, String job, Instant cutoff) {
        Key index = GlueKeys.jobRunsByStart(ns, job);
        List<JobRunRecord> expired = new ArrayList<>();
        boolean[] unended = {false};
        keyspace.scan(index, index.with(Long.MAX_VALUE - cutoff.toEpochMilli()), e -> {
            String id = e.key().string(e.key().parts().size() - 1);
            keyspace.get(GlueKeys.jobRun(ns, job, id), JobRunRecord.class).ifPresent(run -> {
                if (run.ended()) {
                    expired.add(run);
                } else {
                    unended[0] = true;
                }
            });
            return true;
        });
        if (!expired.isEmpty()) {
            keyspace.write(b -> expired.forEach(run -> {
                b.delete(GlueKeys.jobRun(ns, job, run.id()));
                b.delete(GlueKeys.jobRunByStart(ns, job, run.startedOn().toEpochMilli(), run.id()));
            }));
            expired.forEach(run -> folderRemover.accept(run.id()));
        }
        if (unended[0]) {
            return clock.instant().plus(RECHECK);
        }
        Entry oldest = keyspace.last(index);
        return oldest == null ? null : Instant.ofEpochMilli(Long.MAX_VALUE - (Long) oldest.key().parts().get(oldest.key().parts().size() - 2))
                .plus(RETENTION);
    }
}
