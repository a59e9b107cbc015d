package io.tarn.glue.engine.triggers;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Listing;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.Tags;
import io.tarn.glue.engine.crawler.CrawlListener;
import io.tarn.glue.engine.crawler.Crawlers;
import io.tarn.glue.engine.crawler.GlueCron;
import io.tarn.glue.engine.crawler.StoredNamespaces;
import io.tarn.glue.engine.jobs.JobRunListener;
import io.tarn.glue.engine.jobs.Jobs;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.JobRunRecord;
import io.tarn.glue.model.LastCrawl;
import io.tarn.glue.model.TriggerDefinition;
import io.tarn.glue.model.TriggerMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers: their definitions and states, and their firing. ON_DEMAND triggers fire on StartTrigger;
 * SCHEDULED ones, once ACTIVATED, on timers of the core {@link Scheduler} at their Glue cron's next time
 * on the emulator clock (stored with the trigger and re-armed at start-up, so a firing that fell due
 * while Tarn was down fires once then, as crawler schedules do); CONDITIONAL ones, once ACTIVATED, when
 * job runs and crawls end ({@link JobRunListener}, {@link CrawlListener}). Outside a workflow an AND
 * predicate fires when every condition was met since the trigger last fired; inside one, only the ends
 * of that workflow run count ({@link WorkflowHook}). State changes are immediate: CREATED, ACTIVATED,
 * DEACTIVATED are reported, never the transitional ACTIVATING or DEACTIVATING.
 */
public final class Triggers implements JobRunListener, CrawlListener {

    private static final Logger log = LoggerFactory.getLogger(Triggers.class);

    /** AWS's quota of triggers per account and region. */
    static final int MAX_TRIGGERS = 1000;
    /** The argument by which a job run tells the workflow run it belongs to (Glue passes it to the script). */
    public static final String WORKFLOW_RUN_ID = "--WORKFLOW_RUN_ID";
    public static final String WORKFLOW_NAME = "--WORKFLOW_NAME";

    private record TriggerId(Namespace ns, String name) {}

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final Jobs jobs;
    private final Crawlers crawlers;
    private final TriggerActions actions;
    private final Tags tags;
    private final Object lock = new Object();
    private final Map<TriggerId, Scheduler.Timer> timers = new ConcurrentHashMap<>();
    private volatile WorkflowHook workflows = WorkflowHook.NONE;

    public Triggers(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, Jobs jobs, Crawlers crawlers, TriggerActions actions,
            Tags tags) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.crawlers = crawlers;
        this.actions = actions;
        this.tags = tags;
        tags.register("trigger", (ns, name) -> find(ns, name) == null ? notFound(name) : null);
    }

    public void setWorkflows(WorkflowHook hook) {
        this.workflows = hook;
    }

    public TriggerActions actions() {
        return actions;
    }

    // ---- definitions

    public TriggerMeta create(Namespace ns, TriggerDefinition input) {
        TriggerDefinition d = TriggerRules.checked(input);
        synchronized (lock) {
            if (find(ns, d.name()) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Trigger with name %s already submitted with different configuration "
                        + "or trigger already exists", d.name());
            }
            requireTargets(ns, d);
            if (d.workflowName() != null) {
                workflows.requireWorkflow(ns, d.workflowName());
            }
            if (count(ns) >= MAX_TRIGGERS) {
                throw GlueErrors.RESOURCE_NUMBER_LIMIT_EXCEEDED.exception("Account %s has reached the limit of %d triggers",
                        ns.account(), MAX_TRIGGERS);
            }
            TriggerMeta created = new TriggerMeta(d.withoutTags(), TriggerMeta.CREATED, null, Set.of());
            if (Boolean.TRUE.equals(d.startOnCreation())) {
                created = activated(created);
            }
            TriggerMeta stored = created;
            keyspace.write(b -> {
                Tags.attach(b, ns, Tags.resource("trigger", stored.name()), input.tags());
                b.put(GlueKeys.trigger(ns, stored.name()), stored);
            });
            arm(ns, stored);
            return stored;
        }
    }

    public TriggerMeta get(Namespace ns, @Nullable String name) {
        TriggerMeta trigger = find(ns, TriggerRules.name(name, "name"));
        if (trigger == null) {
            throw notFound(name);
        }
        return trigger;
    }

    public @Nullable TriggerMeta find(Namespace ns, String name) {
        return keyspace.get(GlueKeys.trigger(ns, name), TriggerMeta.class).orElse(null);
    }

    public Map<String, String> tags(Namespace ns, String name) {
        return tags.of(ns, Tags.resource("trigger", name));
    }

    /** Triggers by name from {@code after} (exclusive), those {@code filter} takes. */
    public Page<TriggerMeta> list(Namespace ns, @Nullable String after, int limit, Predicate<TriggerMeta> filter) {
        return Listing.page(keyspace, GlueKeys.triggers(ns), after, limit, e -> {
            TriggerMeta t = e.value(TriggerMeta.class);
            return filter.test(t) ? t : null;
        });
    }

    /** Every trigger of a workflow, by name. */
    public List<TriggerMeta> ofWorkflow(Namespace ns, String workflow) {
        return list(ns, null, Integer.MAX_VALUE, t -> workflow.equals(t.definition().workflowName())).items();
    }

    /** GetTriggers' DependentJobName: the job must exist. */
    public void requireJob(Namespace ns, String job) {
        jobs.get(ns, job);
    }

    /** UpdateTrigger: the TriggerUpdate's members replace the trigger's; an active schedule is re-armed. */
    public TriggerMeta update(Namespace ns, @Nullable String name, TriggerDefinition.@Nullable Update update) {
        if (update == null) {
            throw TriggerRules.required("triggerUpdate");
        }
        synchronized (lock) {
            TriggerMeta current = get(ns, name);
            TriggerDefinition d = TriggerRules.checked(current.definition().updatedBy(update));
            requireTargets(ns, d);
            TriggerMeta updated = current.with(d);
            if (updated.active() && TriggerDefinition.SCHEDULED.equals(d.type())) {
                updated = Objects.equals(d.schedule(), current.definition().schedule()) ? updated.withNextRun(current.nextRun())
                        : activated(updated);
            }
            keyspace.put(GlueKeys.trigger(ns, updated.name()), updated);
            arm(ns, updated);
            return updated;
        }
    }

    /** DeleteTrigger: no error when the trigger does not exist, as AWS answers. */
    public void delete(Namespace ns, @Nullable String name) {
        String triggerName = TriggerRules.name(name, "name");
        synchronized (lock) {
            if (find(ns, triggerName) == null) {
                return;
            }
            keyspace.write(b -> {
                b.delete(GlueKeys.trigger(ns, triggerName));
                b.delete(GlueKeys.eventBatch(ns, triggerName)); // an EVENT trigger's waiting events go with it
                Tags.detach(b, ns, Tags.resource("trigger", triggerName));
            });
            disarm(ns, triggerName);
        }
    }

    /** DeleteWorkflow takes its triggers with it, in its own batch. */
    public void deleteAll(Batch batch, Namespace ns, String workflow) {
        for (TriggerMeta t : ofWorkflow(ns, workflow)) {
            batch.delete(GlueKeys.trigger(ns, t.name()));
            batch.delete(GlueKeys.eventBatch(ns, t.name()));
            Tags.detach(batch, ns, Tags.resource("trigger", t.name()));
            disarm(ns, t.name());
        }
    }

    // ---- StartTrigger and StopTrigger

    /**
     * StartTrigger: an ON_DEMAND trigger fires at once (in a workflow: a run of the workflow starts from it)
     * and stays CREATED; any other trigger is ACTIVATED (its schedule armed, its conditions watched).
     */
    public void start(Namespace ns, @Nullable String name) {
        TriggerMeta fire = null;
        synchronized (lock) {
            TriggerMeta current = get(ns, name);
            if (TriggerDefinition.ON_DEMAND.equals(current.type())) {
                fire = current;
            } else if (!current.active()) {
                save(ns, activated(current));
            }
        }
        if (fire != null) {
            fire(ns, fire);
        }
    }

    /** StopTrigger: DEACTIVATED, its schedule disarmed; an ON_DEMAND trigger has nothing to stop. */
    public void stop(Namespace ns, @Nullable String name) {
        synchronized (lock) {
            TriggerMeta current = get(ns, name);
            if (TriggerDefinition.ON_DEMAND.equals(current.type())) {
                throw GlueErrors.INVALID_INPUT.exception("Trigger %s of type ON_DEMAND cannot be stopped", current.name());
            }
            save(ns, current.withState(TriggerMeta.DEACTIVATED, null).withMet(Set.of(), Map.of()));
        }
    }

    /** The trigger ACTIVATED, with its next scheduled firing when it has a schedule. */
    private TriggerMeta activated(TriggerMeta trigger) {
        Instant next = null;
        if (TriggerDefinition.SCHEDULED.equals(trigger.type())) {
            next = GlueCron.parse(trigger.definition().schedule()).nextAfter(clock.instant()).orElse(null);
        }
        return trigger.withState(TriggerMeta.ACTIVATED, next);
    }

    // ---- schedules

    private void save(Namespace ns, TriggerMeta trigger) {
        keyspace.put(GlueKeys.trigger(ns, trigger.name()), trigger);
        arm(ns, trigger);
    }

    private void arm(Namespace ns, TriggerMeta trigger) {
        arm(ns, trigger, false);
    }

    /** {@code catchUp}: the firing fell due while Tarn was down; it fires once, and the next comes after now. */
    private void arm(Namespace ns, TriggerMeta trigger, boolean catchUp) {
        disarm(ns, trigger.name());
        Instant due = trigger.nextRun();
        if (trigger.active() && due != null) {
            timers.put(new TriggerId(ns, trigger.name()), scheduler.at(due, () -> scheduled(ns, trigger.name(), due, catchUp)));
        }
    }

    private void disarm(Namespace ns, String name) {
        Scheduler.Timer timer = timers.remove(new TriggerId(ns, name));
        if (timer != null) {
            timer.cancel();
        }
    }

    /**
     * A schedule's firing fell due: the next one (after this one, so that an advance of the clock over
     * several firings runs each in order) is stored and armed, then the trigger fires.
     */
    private void scheduled(Namespace ns, String name, Instant due, boolean catchUp) {
        TriggerMeta fire;
        synchronized (lock) {
            TriggerMeta current = find(ns, name);
            if (current == null || !current.active() || !due.equals(current.nextRun())) {
                return; // changed since this timer was armed
            }
            Instant after = catchUp ? clock.instant() : due;
            fire = current.withNextRun(GlueCron.parse(current.definition().schedule()).nextAfter(after).orElse(null));
            save(ns, fire);
        }
        try {
            fire(ns, fire);
        } catch (AwsException e) { // a workflow at its MaxConcurrentRuns: this firing starts nothing, as on AWS
            log.warn("trigger {}: firing at {} started nothing: {}", name, due, e.getMessage());
        }
    }

    /**
     * Runs the trigger's actions, or, for a start trigger of a workflow, starts a run of the workflow from it
     * (StartTrigger then answers ConcurrentRunsExceededException when the workflow has no room for a run).
     */
    private void fire(Namespace ns, TriggerMeta trigger) {
        fire(ns, trigger, List.of());
    }

    private void fire(Namespace ns, TriggerMeta trigger, List<JobRunRecord.Predecessor> predecessors) {
        if (trigger.definition().workflowName() != null) {
            workflows.fired(ns, trigger);
        } else {
            actions.run(ns, trigger.definition(), Map.of(), predecessors);
        }
    }

    // ---- conditions

    /** A job run ended; a FAILED attempt that JobRuns retries (MaxRetries) is not an end yet: its last attempt's is. */
    @Override
    public void changed(Namespace ns, JobRunRecord run) {
        boolean retried = JobRunRecord.FAILED.equals(run.state()) && run.attempt() < run.settings().maxRetries();
        if (run.ended() && !retried) {
            ended(ns, new ActionEnd(ActionEnd.JOB, run.jobName(), run.id(), run.state(),
                    run.completedOn() != null ? run.completedOn() : clock.instant(), run.errorMessage(),
                    run.arguments().get(WORKFLOW_RUN_ID)));
        }
    }

    @Override
    public void ended(Namespace ns, String crawler, LastCrawl crawl, Instant completedOn) {
        ended(ns, new ActionEnd(ActionEnd.CRAWLER, crawler, crawl.messagePrefix(), crawl.status(), completedOn, crawl.errorMessage(),
                null));
    }

    /** A job run or crawl ended: a workflow run's own triggers see it, else the active conditional triggers outside workflows. */
    void ended(Namespace ns, ActionEnd end) {
        if (workflows.ended(ns, end)) {
            return;
        }
        Map<TriggerMeta, List<JobRunRecord.Predecessor>> firing = new LinkedHashMap<>();
        List<TriggerMeta> changed = new ArrayList<>();
        synchronized (lock) {
            keyspace.scan(GlueKeys.triggers(ns), null, e -> {
                TriggerMeta t = e.value(TriggerMeta.class);
                if (!t.active() || !TriggerDefinition.CONDITIONAL.equals(t.type()) || t.definition().workflowName() != null) {
                    return true;
                }
                List<Integer> met = Conditions.metBy(t.definition(), end);
                if (met.isEmpty()) {
                    return true;
                }
                Set<Integer> now = new TreeSet<>(t.met());
                now.addAll(met);
                Map<Integer, String> runs = new TreeMap<>(t.metRuns());
                if (end.job()) {
                    met.forEach(i -> runs.put(i, end.runId()));
                }
                if (Conditions.satisfied(t.definition(), now)) {
                    firing.put(t, Conditions.predecessors(t.definition(), now, runs));
                    now.clear();
                    runs.clear();
                }
                changed.add(t.withMet(now, runs));
                return true;
            });
            if (!changed.isEmpty()) {
                keyspace.write(b -> changed.forEach(t -> b.put(GlueKeys.trigger(ns, t.name()), t)));
            }
        }
        firing.forEach((t, predecessors) -> fire(ns, t, predecessors));
    }

    // ---- start-up and reset

    /** At start-up: schedules are armed again at their stored next firing (at once when it passed while Tarn was down). */
    public void recover() {
        for (Namespace ns : StoredNamespaces.of(keyspace)) {
            Instant now = clock.instant();
            keyspace.scan(GlueKeys.triggers(ns), null, e -> {
                TriggerMeta t = e.value(TriggerMeta.class);
                arm(ns, t, t.nextRun() != null && t.nextRun().isBefore(now));
                return true;
            });
        }
    }

    /** After the keyspace was cleared, or when the server stops: no timers. */
    public void reset() {
        timers.values().forEach(Scheduler.Timer::cancel);
        timers.clear();
    }

    /** The actions name jobs and crawlers that exist, and so do the conditions (EntityNotFoundException). */
    private void requireTargets(Namespace ns, TriggerDefinition d) {
        for (TriggerDefinition.Action a : d.actionList()) {
            require(ns, a.jobName(), a.crawlerName());
        }
        for (TriggerDefinition.Condition c : d.conditionList()) {
            require(ns, c.jobName(), c.crawlerName());
        }
    }

    private void require(Namespace ns, @Nullable String job, @Nullable String crawler) {
        if (job != null) {
            jobs.get(ns, job);
        } else if (crawler != null) {
            crawlers.get(ns, crawler);
        }
    }

    private int count(Namespace ns) {
        int[] n = {0};
        keyspace.scan(GlueKeys.triggers(ns), null, e -> ++n[0] < MAX_TRIGGERS);
        return n[0];
    }

    static AwsException notFound(@Nullable String name) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Trigger with name %s not found", name);
    }
}
