package io.tarn.glue.engine.jobs;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Listing;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.Tags;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.JobDefinition;
import io.tarn.glue.model.JobMeta;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Job definitions: CreateJob, GetJob, the listings, UpdateJob (which replaces the definition) and
 * DeleteJob (which takes the job's runs, bookmark and tags with it, in one batch). Runs are {@link JobRuns}'.
 */
public final class Jobs {

    /** AWS's quota of jobs per account and region. */
    static final int MAX_JOBS = 1000;

    /**
     * What else goes when a job is deleted: its runs and bookmark, written in the deletion's batch. The
     * answer is done once that batch is written (files outside the store, such as the runs' logs).
     */
    public interface Dependents {
        Runnable deleteAll(Batch batch, Namespace ns, String job);
    }

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Tags tags;
    private final Object lock = new Object();

    public Jobs(Keyspace keyspace, EmulatorClock clock, Tags tags) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.tags = tags;
        tags.register("job", (ns, name) -> find(ns, name) == null ? notFound(name) : null);
    }

    public JobMeta create(Namespace ns, JobDefinition input) {
        JobDefinition definition = JobRules.checked(input);
        synchronized (lock) {
            if (find(ns, definition.name()) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("%s already exists.", definition.name());
            }
            if (count(ns) >= MAX_JOBS) {
                throw GlueErrors.RESOURCE_NUMBER_LIMIT_EXCEEDED.exception("Account %s has reached the limit of %d jobs",
                        ns.account(), MAX_JOBS);
            }
            Instant now = clock.instant();
            JobMeta job = new JobMeta(definition, now, now);
            keyspace.write(b -> {
                Tags.attach(b, ns, Tags.resource("job", job.name()), input.tags());
                b.put(GlueKeys.job(ns, job.name()), job);
            });
            return job;
        }
    }

    public JobMeta get(Namespace ns, @Nullable String name) {
        JobMeta job = find(ns, JobRules.name(name, "jobName"));
        if (job == null) {
            throw notFound(name);
        }
        return job;
    }

    public @Nullable JobMeta find(Namespace ns, String name) {
        return keyspace.get(GlueKeys.job(ns, name), JobMeta.class).orElse(null);
    }

    public Map<String, String> tags(Namespace ns, String name) {
        return tags.of(ns, Tags.resource("job", name));
    }

    /** Jobs by name from {@code after} (exclusive), those {@code filter} takes. */
    public Page<JobMeta> list(Namespace ns, @Nullable String after, int limit, Predicate<JobMeta> filter) {
        return Listing.page(keyspace, GlueKeys.jobs(ns), after, limit, e -> {
            JobMeta job = e.value(JobMeta.class);
            return filter.test(job) ? job : null;
        });
    }

    /** UpdateJob: the JobUpdate replaces the whole definition (AWS: "completely overwritten"); runs under way keep theirs. */
    public JobMeta update(Namespace ns, @Nullable String name, @Nullable JobDefinition update) {
        if (update == null) {
            throw JobRules.required("jobUpdate");
        }
        synchronized (lock) {
            JobMeta current = get(ns, name);
            JobMeta updated = new JobMeta(JobRules.checked(JobDefinition.named(current.name(), update)), current.createdOn(),
                    clock.instant());
            keyspace.put(GlueKeys.job(ns, updated.name()), updated);
            return updated;
        }
    }

    /** DeleteJob: no error when the job does not exist, as AWS answers. */
    public void delete(Namespace ns, @Nullable String name, Dependents dependents) {
        String jobName = JobRules.name(name, "jobName");
        synchronized (lock) {
            if (find(ns, jobName) == null) {
                return;
            }
            Runnable[] afterwards = {() -> {}};
            keyspace.write(b -> {
                b.delete(GlueKeys.job(ns, jobName));
                Tags.detach(b, ns, Tags.resource("job", jobName));
                afterwards[0] = dependents.deleteAll(b, ns, jobName);
            });
            afterwards[0].run();
        }
    }

    private int count(Namespace ns) {
        int[] n = {0};
        keyspace.scan(GlueKeys.jobs(ns), null, e -> ++n[0] < MAX_JOBS);
        return n[0];
    }

    static AwsException notFound(@Nullable String name) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Job with name: %s not found", name);
    }
}
