package io.tarn.glue.engine.jobs;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.JobMeta;
import io.tarn.glue.model.JobRunRecord;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Job runs as stored: one by its id (GetJobRun), a job's runs newest first page by page (GetJobRuns). */
public final class JobRunHistory {

    private final Keyspace keyspace;
    private final Jobs jobs;

    JobRunHistory(Keyspace keyspace, Jobs jobs) {
        this.keyspace = keyspace;
        this.jobs = jobs;
    }

    public JobRunRecord get(Namespace ns, @Nullable String jobName, @Nullable String runId) {
        String job = JobRules.name(jobName, "jobName");
        if (runId == null) {
            throw JobRules.required("runId");
        }
        JobRunRecord run = find(ns, job, runId);
        if (run == null) {
            jobs.get(ns, job); // a missing job is the error to report first
            throw notFound(runId);
        }
        return run;
    }

    public @Nullable JobRunRecord find(Namespace ns, String job, String runId) {
        return keyspace.get(GlueKeys.jobRun(ns, job, runId), JobRunRecord.class).orElse(null);
    }

    /** A page of a job's runs, newest first; a position is the index key's (inverted start millis, id) as text. */
    public RunPage list(Namespace ns, @Nullable String jobName, @Nullable String after, int limit) {
        JobMeta job = jobs.get(ns, jobName);
        List<JobRunRecord> runs = new ArrayList<>();
        String[] next = {null};
        Key prefix = GlueKeys.jobRunsByStart(ns, job.name());
        keyspace.scan(prefix, after == null ? null : position(prefix, after), e -> {
            List<Object> parts = e.key().parts();
            String id = e.key().string(parts.size() - 1);
            if ((parts.get(parts.size() - 2) + "/" + id).equals(after)) {
                return true;
            }
            if (runs.size() == limit) {
                next[0] = positionOf(runs.get(runs.size() - 1));
                return false;
            }
            JobRunRecord run = find(ns, job.name(), id);
            if (run != null) {
                runs.add(run);
            }
            return true;
        });
        return new RunPage(runs, next[0]);
    }

    /** One page of runs and where the next begins (null on the last). */
    public record RunPage(List<JobRunRecord> runs, @Nullable String next) {}

    private static String positionOf(JobRunRecord run) {
        return (Long.MAX_VALUE - run.startedOn().toEpochMilli()) + "/" + run.id();
    }

    private static Key position(Key prefix, String position) {
        int slash = position.indexOf('/');
        try {
            return prefix.with(Long.parseLong(position.substring(0, slash)), position.substring(slash + 1));
        } catch (RuntimeException e) {
            throw GlueErrors.INVALID_INPUT.exception("Invalid NextToken");
        }
    }

    static AwsException notFound(String runId) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Job Run with id: %s not found", runId);
    }
}
