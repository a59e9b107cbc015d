package io.tarn.glue.engine.jobs;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.JobBookmarkMeta;
import io.tarn.glue.model.JobRunRecord;
import org.jspecify.annotations.Nullable;

/**
 * Job bookmarks, one per job: a run with {@code --job-bookmark-option job-bookmark-enable} reads the state,
 * and when it succeeds the bookmark advances (Version, Run, the run's ids) with the state its script left;
 * {@code job-bookmark-pause} reads it without advancing it; ResetJobBookmark clears the state.
 */
public final class JobBookmarks {

    private final Keyspace keyspace;

    public JobBookmarks(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    public JobBookmarkMeta get(Namespace ns, @Nullable String job) {
        String name = JobRules.name(job, "jobName");
        return keyspace.get(GlueKeys.jobBookmark(ns, name), JobBookmarkMeta.class)
                .orElseThrow(() -> GlueErrors.ENTITY_NOT_FOUND.exception("Continuation for job %s not found", name));
    }

    /** The state a run of the job starts from, when its bookmark option reads one. */
    @Nullable String stateFor(Namespace ns, JobRunRecord run) {
        if (JobArguments.DISABLE.equals(JobArguments.bookmarkOption(run.arguments()))) {
            return null;
        }
        return keyspace.get(GlueKeys.jobBookmark(ns, run.jobName()), JobBookmarkMeta.class).map(JobBookmarkMeta::jobBookmark)
                .orElse(null);
    }

    /** In the batch that records a successful run: the bookmark advanced past it when the run enabled bookmarks. */
    void advance(Batch batch, Namespace ns, JobRunRecord run, @Nullable String state) {
        if (!JobArguments.ENABLE.equals(JobArguments.bookmarkOption(run.arguments()))) {
            return;
        }
        JobBookmarkMeta current = keyspace.get(GlueKeys.jobBookmark(ns, run.jobName()), JobBookmarkMeta.class).orElse(null);
        int version = current == null ? 0 : current.version();
        int runs = current == null ? 0 : current.run();
        String previous = current == null ? null : current.runId();
        String kept = state != null ? state : current == null ? null : current.jobBookmark();
        batch.put(GlueKeys.jobBookmark(ns, run.jobName()),
                new JobBookmarkMeta(run.jobName(), version + 1, runs + 1, run.attempt(), previous, run.id(), kept));
    }

    /** ResetJobBookmark: the state cleared, the bookmark's version advanced. */
    public JobBookmarkMeta reset(Namespace ns, @Nullable String job) {
        JobBookmarkMeta current = get(ns, job);
        JobBookmarkMeta reset = new JobBookmarkMeta(current.jobName(), current.version() + 1, current.run(), current.attempt(),
                current.previousRunId(), current.runId(), null);
        keyspace.put(GlueKeys.jobBookmark(ns, current.jobName()), reset);
        return reset;
    }

    void delete(Batch batch, Namespace ns, String job) {
        batch.delete(GlueKeys.jobBookmark(ns, job));
    }
}
