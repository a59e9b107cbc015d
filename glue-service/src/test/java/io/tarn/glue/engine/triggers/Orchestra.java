package io.tarn.glue.engine.triggers;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.glue.engine.Catalog;
import io.tarn.glue.engine.crawler.ClassifierStore;
import io.tarn.glue.engine.crawler.CrawlEnvironment;
import io.tarn.glue.engine.crawler.Crawlers;
import io.tarn.glue.engine.jobs.JobBookmarks;
import io.tarn.glue.engine.jobs.JobLauncher;
import io.tarn.glue.engine.jobs.JobRuns;
import io.tarn.glue.engine.jobs.Jobs;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerTargets;
import io.tarn.glue.model.DatabaseMeta;
import io.tarn.glue.model.JobDefinition;
import io.tarn.glue.model.JobRunRecord;
import io.tarn.glue.model.TriggerDefinition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The real job, run, crawler and trigger engines over a real store in a temp dir and a manual clock, for
 * trigger and workflow tests. Job runs' work is a stand-in launcher the test ends ({@link #finish}); crawls
 * run on a queue the test drains ({@link #runCrawls}) and, with no S3 in this build, end FAILED.
 */
public final class Orchestra implements AutoCloseable {

    public static final Namespace NS = new Namespace("000000000000", "us-east-1");
    public static final Instant START = Instant.parse("2024-05-15T10:20:00Z");
    static final String ROLE = "arn:aws:iam::000000000000:role/AWSGlueServiceRole-it";

    public final EmulatorClock clock;
    private final Path dir;
    public Scheduler scheduler;
    public StateStore store;
    public Catalog catalog;
    public Jobs jobs;
    public JobRuns runs;
    public Crawlers crawlers;
    public Triggers triggers;
    public io.tarn.glue.engine.workflows.Workflows workflows;
    public io.tarn.glue.engine.workflows.WorkflowRuns workflowRuns;
    public io.tarn.glue.engine.workflows.EventBatches eventBatches;
    /** The exit callback of each job run whose work was launched and has not ended, by run id. */
    public final Map<String, Consumer<JobLauncher.RunExit>> launched = new ConcurrentHashMap<>();
    /** Crawl work waiting to run. */
    private final Deque<Runnable> crawls = new ArrayDeque<>();

    public Orchestra(Path dir) {
        this.dir = dir;
        this.clock = EmulatorClock.manual(START);
        open();
        catalog.databases().create(NS, new DatabaseMeta("lake", null, null, null, null, null, null, null));
    }

    private void open() {
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        catalog = new Catalog(store.keyspace("glue"), clock);
        jobs = new Jobs(store.keyspace("glue"), clock, catalog.tags());
        JobLauncher launcher = (request, onExit) -> {
            launched.put(request.run().id(), onExit);
            return new JobLauncher.Launched() {
                @Override
                public @Nullable Long pid() {
                    return null;
                }

                @Override
                public void kill() {
                    Consumer<JobLauncher.RunExit> exit = launched.remove(request.run().id());
                    if (exit != null) {
                        exit.accept(new JobLauncher.RunExit(false, "killed", null));
                    }
                }
            };
        };
        runs = new JobRuns(store.keyspace("glue"), clock, scheduler, jobs, new JobBookmarks(store.keyspace("glue")), launcher,
                Runnable::run, 8);
        crawlers = new Crawlers(store.keyspace("glue"), clock, scheduler, catalog, new ClassifierStore(store.keyspace("glue"), clock),
                new CrawlEnvironment(crawls::add, Optional::empty, (object, custom) -> Optional.empty(), (targets, options) -> List.of()));
        triggers = new Triggers(store.keyspace("glue"), clock, scheduler, jobs, crawlers, new TriggerActions(runs, crawlers), catalog.tags());
        workflows = new io.tarn.glue.engine.workflows.Workflows(store.keyspace("glue"), clock, catalog.tags(), triggers);
        workflowRuns = new io.tarn.glue.engine.workflows.WorkflowRuns(store.keyspace("glue"), clock, workflows, triggers, runs, crawlers);
        eventBatches = new io.tarn.glue.engine.workflows.EventBatches(store.keyspace("glue"), clock, scheduler, triggers, workflowRuns);
        runs.addListener(triggers);
        crawlers.addListener(triggers);
    }

    /** Closes and reopens everything as a restart of Tarn does, then recovers runs, crawls and triggers in the server's order. */
    public void restart() {
        crawls.clear();
        launched.clear();
        scheduler.close();
        store.close();
        open();
        runs.recover();
        crawlers.recover();
        workflowRuns.recover();
        triggers.recover();
        eventBatches.recover();
    }

    public void job(String name) {
        job(name, 1);
    }

    public void job(String name, int maxConcurrentRuns) {
        job(name, maxConcurrentRuns, null);
    }

    public void job(String name, int maxConcurrentRuns, @Nullable Integer maxRetries) {
        jobs.create(NS, new JobDefinition(name, null, null, null, null, ROLE, new JobDefinition.ExecutionProperty(maxConcurrentRuns),
                new JobDefinition.Command("pythonshell", "s3://scripts/" + name + ".py", "3.9", null), null, null, null, maxRetries, null, null,
                null, null, null, null, null, null, null, null, null, null, null));
    }

    public void crawler(String name) {
        crawlers.create(NS, new CrawlerDefinition(name, ROLE, "lake", null, CrawlerTargets.s3(List.of(CrawlerTargets.S3Target.of("s3://lake/"))),
                null, null, null, null, null, null, null, null, null, null));
    }

    /** Ends the launched work of the job's run under way (the only one), as its process's exit would. */
    public String finish(String job, boolean succeeded) {
        JobRunRecord run = running(job).get(0);
        launched.remove(run.id()).accept(new JobLauncher.RunExit(succeeded, succeeded ? null : "boom", null));
        return run.id();
    }

    /** The job's runs, newest first. */
    public List<JobRunRecord> runsOf(String job) {
        return runs.history().list(NS, job, null, 200).runs();
    }

    public List<JobRunRecord> running(String job) {
        List<JobRunRecord> under = new ArrayList<>();
        for (JobRunRecord r : runsOf(job)) {
            if (!r.ended()) {
                under.add(r);
            }
        }
        return under;
    }

    public void runCrawls() {
        for (int i = 0; i < 100 && !crawls.isEmpty(); i++) {
            crawls.poll().run();
        }
    }

    public static TriggerDefinition trigger(String name, @Nullable String workflow, String type, @Nullable String schedule,
            TriggerDefinition.@Nullable Predicate predicate, List<TriggerDefinition.Action> actions, @Nullable Boolean startOnCreation) {
        return new TriggerDefinition(name, workflow, type, schedule, predicate, actions, null, startOnCreation, null, null);
    }

    public static TriggerDefinition.Action startJob(String job, @Nullable Map<String, String> arguments) {
        return new TriggerDefinition.Action(job, arguments, null, null, null, null);
    }

    public static TriggerDefinition.Action startCrawler(String crawler) {
        return new TriggerDefinition.Action(null, null, null, null, null, crawler);
    }

    public static TriggerDefinition.Predicate when(String logical, TriggerDefinition.Condition... conditions) {
        return new TriggerDefinition.Predicate(logical, List.of(conditions));
    }

    public static TriggerDefinition.Condition jobIs(String job, String state) {
        return new TriggerDefinition.Condition("EQUALS", job, state, null, null);
    }

    public static TriggerDefinition.Condition crawlIs(String crawler, String state) {
        return new TriggerDefinition.Condition("EQUALS", null, null, crawler, state);
    }

    @Override
    public void close() {
        scheduler.close();
        store.close();
    }
}
