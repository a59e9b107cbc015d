package io.tarn.glue.engine.workflows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.crawler.Crawlers;
import io.tarn.glue.engine.crawler.StoredNamespaces;
import io.tarn.glue.engine.jobs.JobRunHistory;
import io.tarn.glue.engine.jobs.JobRuns;
import io.tarn.glue.engine.triggers.ActionEnd;
import io.tarn.glue.engine.triggers.ActionStart;
import io.tarn.glue.engine.triggers.Conditions;
import io.tarn.glue.engine.triggers.Triggers;
import io.tarn.glue.engine.triggers.WorkflowHook;
import io.tarn.glue.model.CrawlerMeta;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.JobRunRecord;
import io.tarn.glue.model.TriggerDefinition;
import io.tarn.glue.model.TriggerMeta;
import io.tarn.glue.model.WorkflowMeta;
import io.tarn.glue.model.WorkflowRunRecord;
import io.tarn.glue.model.WorkflowRunRecord.ActionRun;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workflow runs. A run starts from the workflow's start triggers (ON_DEMAND, SCHEDULED, EVENT: every one on
 * StartWorkflowRun, the one that fired otherwise), whose actions start job runs (with {@code --WORKFLOW_NAME}
 * and {@code --WORKFLOW_RUN_ID} among their arguments) and crawls. Then the workflow's active CONDITIONAL
 * triggers fire on the ends of this run's own actions, each at most once a run (AND: every condition met in
 * this run; ANY: one). The run is COMPLETED when nothing it started is under way and nothing more fires
 * (failed actions included: they count in its Statistics), STOPPED after StopWorkflowRun once its actions
 * ended. Every change is one batch; a run a restart found under way ends ERROR, its actions' states refreshed.
 */
public final class WorkflowRuns implements WorkflowHook {

    private static final Logger log = LoggerFactory.getLogger(WorkflowRuns.class);

    /** The run property that names the events which started a run (Glue's "aws:eventIds"). */
    public static final String EVENT_IDS = "aws:eventIds";
    static final String INTERRUPTED = "Workflow run interrupted: Tarn stopped while it was running";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> START_TYPES = Set.of(TriggerDefinition.ON_DEMAND, TriggerDefinition.SCHEDULED,
            TriggerDefinition.EVENT);

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Workflows workflows;
    private final Triggers triggers;
    private final JobRuns jobRuns;
    private final Crawlers crawlers;
    private final Object lock = new Object();
    /** Ends told while this thread was already handling one (a stop ending a run at once): handled after it, in order. */
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private boolean handling;

    public WorkflowRuns(Keyspace keyspace, EmulatorClock clock, Workflows workflows, Triggers triggers, JobRuns jobRuns, Crawlers crawlers) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.workflows = workflows;
        this.triggers = triggers;
        this.jobRuns = jobRuns;
        this.crawlers = crawlers;
        triggers.setWorkflows(this);
    }

    // ---- starting

    /** StartWorkflowRun: every start trigger of the workflow fires in the new run. */
    public WorkflowRunRecord start(Namespace ns, @Nullable String workflow, @Nullable Map<String, String> runProperties) {
        WorkflowMeta w = workflows.get(ns, workflow);
        List<TriggerMeta> starts = triggers.ofWorkflow(ns, w.name()).stream().filter(t -> START_TYPES.contains(t.type())).toList();
        return start(ns, w, runProperties, starts, null);
    }

    /**
     * An EVENT trigger's batch is complete: a run starts from that trigger, with the batch's event ids
     * in its run property {@code aws:eventIds} (a JSON array) and the condition that was met.
     */
    public WorkflowRunRecord startFromEvents(Namespace ns, TriggerMeta trigger, List<String> eventIds,
            WorkflowRunRecord.StartingEventBatch condition) {
        WorkflowMeta w = workflows.get(ns, trigger.definition().workflowName());
        return start(ns, w, Map.of(EVENT_IDS, jsonArray(eventIds)), List.of(trigger), condition);
    }

    private static String jsonArray(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private WorkflowRunRecord start(Namespace ns, WorkflowMeta w, @Nullable Map<String, String> runProperties, List<TriggerMeta> starts,
            WorkflowRunRecord.@Nullable StartingEventBatch startingEventBatch) {
        Map<String, String> properties = new TreeMap<>(w.defaultRunProperties());
        properties.putAll(Workflows.properties(runProperties));
        return handle(() -> {
            if (w.maxConcurrentRuns() != null && active(ns, w.name()).size() >= w.maxConcurrentRuns()) {
                throw GlueErrors.CONCURRENT_RUNS_EXCEEDED.exception("Concurrent runs exceeded for workflow: %s", w.name());
            }
            Instant now = clock.instant();
            WorkflowRunRecord run = new WorkflowRunRecord(w.name(), newRunId(), null, properties, now, null,
                    WorkflowRunRecord.RUNNING, null, List.of(), Set.of(), Map.of(), startingEventBatch);
            keyspace.write(b -> {
                b.put(GlueKeys.workflowRun(ns, w.name(), run.runId()), run);
                b.put(GlueKeys.workflowRunByStart(ns, w.name(), now.toEpochMilli(), run.runId()), new byte[0]);
                b.put(GlueKeys.activeWorkflowRun(ns, w.name(), run.runId()), new byte[0]);
            });
            List<ActionRun> actions = new ArrayList<>();
            Set<String> fired = new TreeSet<>();
            for (TriggerMeta t : starts) {
                fired.add(t.name());
                actions.addAll(fire(ns, run, t.definition(), List.of()));
            }
            return settle(ns, run.with(actions, fired, Map.of()));
        });
    }

    /** A start trigger of a workflow fired by its schedule, or by StartTrigger: a run starts from that trigger alone (or throws). */
    @Override
    public void fired(Namespace ns, TriggerMeta trigger) {
        WorkflowMeta w = workflows.find(ns, trigger.definition().workflowName());
        if (w == null) {
            return; // the workflow went; its trigger with it
        }
        if (START_TYPES.contains(trigger.type())) {
            start(ns, w, null, List.of(trigger), null); // ConcurrentRunsExceededException past MaxConcurrentRuns
        }
    }

    @Override
    public void requireWorkflow(Namespace ns, String workflow) {
        workflows.get(ns, workflow);
    }

    /** Starts the trigger's actions in this run; answers them as the run records them. */
    private List<ActionRun> fire(Namespace ns, WorkflowRunRecord run, TriggerDefinition trigger, List<JobRunRecord.Predecessor> predecessors) {
        Map<String, String> extra = Map.of(Triggers.WORKFLOW_NAME, run.workflowName(), Triggers.WORKFLOW_RUN_ID, run.runId());
        List<ActionRun> started = new ArrayList<>();
        Instant now = clock.instant();
        for (ActionStart s : triggers.actions().run(ns, trigger, extra, predecessors)) {
            started.add(new ActionRun(s.kind(), s.name(), s.triggerName(), s.runId(), s.started() ? "RUNNING" : JobRunRecord.ERROR, now,
                    s.started() ? null : now, s.error()));
        }
        return started;
    }

    /** The run's job runs that met the trigger's job conditions (the last of each job in that state): its PredecessorRuns. */
    private static List<JobRunRecord.Predecessor> predecessors(TriggerDefinition trigger, Set<Integer> met, List<ActionRun> actions) {
        Map<Integer, String> runs = new TreeMap<>();
        List<TriggerDefinition.Condition> conditions = trigger.conditionList();
        for (int i : met) {
            TriggerDefinition.Condition c = conditions.get(i);
            for (ActionRun a : actions) {
                if (ActionEnd.JOB.equals(a.kind()) && a.name().equals(c.jobName()) && a.state().equals(c.state()) && a.runId() != null) {
                    runs.put(i, a.runId());
                }
            }
        }
        return Conditions.predecessors(trigger, met, runs);
    }

    // ---- ends of the run's actions

    /** A job run or crawl ended: when it belongs to a run of a workflow, that run's conditional triggers see it. */
    @Override
    public boolean ended(Namespace ns, ActionEnd end) {
        if (end.job() && end.workflowRunId() == null) {
            return false;
        }
        boolean[] ours = {end.job()};
        handle(() -> {
            WorkflowRunRecord run = end.job() ? activeRun(ns, end.workflowRunId()) : runOfCrawl(ns, end.runId());
            if (run == null) {
                return null;
            }
            ours[0] = true;
            List<ActionRun> actions = run.mutableActions();
            boolean known = false;
            for (int i = 0; i < actions.size(); i++) {
                ActionRun a = actions.get(i);
                if (a.kind().equals(end.kind()) && a.runId() != null && a.runId().equals(end.job() ? end.firstAttemptId() : end.runId())) {
                    actions.set(i, a.retriedAs(end.runId()).ended(end.state(), end.completedOn(), end.errorMessage()));
                    known = true;
                }
            }
            if (!known) {
                return null;
            }
            Set<String> fired = new TreeSet<>(run.fired());
            Map<String, Set<Integer>> met = new TreeMap<>(run.met());
            if (WorkflowRunRecord.RUNNING.equals(run.status())) {
                for (TriggerMeta t : triggers.ofWorkflow(ns, run.workflowName())) {
                    if (!TriggerDefinition.CONDITIONAL.equals(t.type()) || !t.active() || fired.contains(t.name())) {
                        continue;
                    }
                    Set<Integer> now = new TreeSet<>(met.getOrDefault(t.name(), Set.of()));
                    now.addAll(Conditions.metBy(t.definition(), end));
                    met.put(t.name(), now);
                    if (Conditions.satisfied(t.definition(), now)) {
                        fired.add(t.name());
                        actions.addAll(fire(ns, run, t.definition(), predecessors(t.definition(), now, actions)));
                    }
                }
            }
            settle(ns, run.with(actions, fired, met));
            return null;
        });
        return ours[0];
    }

    /** Stores the run, COMPLETED (or STOPPED after a stop) once nothing it started is under way. */
    private WorkflowRunRecord settle(Namespace ns, WorkflowRunRecord run) {
        WorkflowRunRecord settled = run;
        if (run.underWay() && !run.anyActionUnderWay()) {
            settled = run.withStatus(WorkflowRunRecord.STOPPING.equals(run.status()) ? WorkflowRunRecord.STOPPED
                    : WorkflowRunRecord.COMPLETED, clock.instant(), null);
        }
        WorkflowRunRecord stored = settled;
        keyspace.write(b -> {
            b.put(GlueKeys.workflowRun(ns, stored.workflowName(), stored.runId()), stored);
            if (!stored.underWay()) {
                b.delete(GlueKeys.activeWorkflowRun(ns, stored.workflowName(), stored.runId()));
            }
        });
        return stored;
    }

    // ---- stop, resume, properties

    /** StopWorkflowRun: STOPPING while the run's job runs and crawls are stopped, STOPPED once they ended. */
    public void stop(Namespace ns, @Nullable String workflow, @Nullable String runId) {
        handle(() -> {
            WorkflowRunRecord run = get(ns, workflow, runId);
            if (!WorkflowRunRecord.RUNNING.equals(run.status())) {
                throw GlueErrors.ILLEGAL_WORKFLOW_STATE.exception("Workflow run %s is %s and cannot be stopped", run.runId(), run.status());
            }
            WorkflowRunRecord stopping = settle(ns, run.withStatus(WorkflowRunRecord.STOPPING, null, null));
            for (ActionRun a : stopping.actions()) {
                if (!a.ended() && a.runId() != null) {
                    try {
                        if (ActionEnd.JOB.equals(a.kind())) {
                            jobRuns.stop(ns, a.name(), a.runId());
                        } else {
                            crawlers.stop(ns, a.name());
                        }
                    } catch (AwsException e) {
                        // already ending: its end still reaches the run
                    }
                }
            }
            return null;
        });
    }

    /**
     * ResumeWorkflowRun: a new run (PreviousRunId the old one) that keeps what the old run did and ran, and
     * runs again the JOB and CRAWLER nodes given, which must not have succeeded; conditional triggers that
     * watch them may fire again. The old run must have ended.
     */
    public WorkflowRunRecord resume(Namespace ns, @Nullable String workflow, @Nullable String runId, @Nullable List<String> nodeIds) {
        if (nodeIds == null || nodeIds.isEmpty()) {
            throw GlueErrors.INVALID_INPUT.exception("NodeIds must name at least one node to resume");
        }
        WorkflowMeta w = workflows.get(ns, workflow);
        return handle(() -> {
            WorkflowRunRecord old = get(ns, w.name(), runId);
            if (old.underWay()) {
                throw GlueErrors.ILLEGAL_WORKFLOW_STATE.exception("Workflow run %s is %s: only an ended run can be resumed", old.runId(),
                        old.status());
            }
            if (w.maxConcurrentRuns() != null && active(ns, w.name()).size() >= w.maxConcurrentRuns()) {
                throw GlueErrors.CONCURRENT_RUNS_EXCEEDED.exception("Concurrent runs exceeded for workflow: %s", w.name());
            }
            List<TriggerMeta> all = triggers.ofWorkflow(ns, w.name());
            WorkflowGraph graph = WorkflowGraph.of(all);
            List<ActionRun> kept = new ArrayList<>();
            Set<String> again = new HashSet<>();
            for (String id : nodeIds) {
                WorkflowGraph.Node node = graph.find(id);
                if (node == null || WorkflowGraph.TRIGGER.equals(node.type())) {
                    throw GlueErrors.INVALID_INPUT.exception("Node %s is not a job or crawler node of workflow %s", id, w.name());
                }
                boolean succeeded = old.actions().stream().anyMatch(a -> a.name().equals(node.name())
                        && a.kind().equals(node.type()) && "SUCCEEDED".equals(a.state()));
                if (succeeded) {
                    throw GlueErrors.INVALID_INPUT.exception("Node %s succeeded in run %s: only failed or stopped nodes can be resumed", id,
                            old.runId());
                }
                again.add(node.type() + "/" + node.name());
            }
            for (ActionRun a : old.actions()) {
                if (!again.contains(a.kind() + "/" + a.name())) {
                    kept.add(a);
                }
            }
            Instant now = clock.instant();
            WorkflowRunRecord run = new WorkflowRunRecord(w.name(), newRunId(), old.runId(), old.properties(), now, null,
                    WorkflowRunRecord.RUNNING, null, List.of(), Set.of(), Map.of(), old.startingEventBatch());
            keyspace.write(b -> {
                b.put(GlueKeys.workflowRun(ns, w.name(), run.runId()), run);
                b.put(GlueKeys.workflowRunByStart(ns, w.name(), now.toEpochMilli(), run.runId()), new byte[0]);
                b.put(GlueKeys.activeWorkflowRun(ns, w.name(), run.runId()), new byte[0]);
            });
            // triggers watching a resumed node may fire again: their progress starts over
            Set<String> fired = new TreeSet<>(old.fired());
            Map<String, Set<Integer>> met = new TreeMap<>(old.met());
            for (TriggerMeta t : all) {
                boolean watches = t.definition().conditionList().stream().anyMatch(c -> again.contains(
                        (c.jobName() != null ? ActionEnd.JOB + "/" + c.jobName() : ActionEnd.CRAWLER + "/" + c.crawlerName())));
                if (watches) {
                    fired.remove(t.name());
                    met.remove(t.name());
                }
            }
            List<ActionRun> actions = new ArrayList<>(kept);
            for (ActionRun a : old.actions()) {
                if (again.remove(a.kind() + "/" + a.name())) {
                    TriggerMeta by = all.stream().filter(t -> t.name().equals(a.triggerName())).findFirst().orElse(null);
                    TriggerDefinition.Action action = by == null ? null : by.definition().actionList().stream()
                            .filter(x -> a.name().equals(ActionEnd.JOB.equals(a.kind()) ? x.jobName() : x.crawlerName())).findFirst()
                            .orElse(null);
                    TriggerDefinition one = new TriggerDefinition(a.triggerName(), w.name(), TriggerDefinition.ON_DEMAND, null, null,
                            List.of(action != null ? action : ActionEnd.JOB.equals(a.kind())
                                    ? new TriggerDefinition.Action(a.name(), null, null, null, null, null)
                                    : new TriggerDefinition.Action(null, null, null, null, null, a.name())),
                            null, null, null, null);
                    actions.addAll(fire(ns, run, one, List.of()));
                }
            }
            return settle(ns, run.with(actions, fired, met));
        });
    }

    public Map<String, String> properties(Namespace ns, @Nullable String workflow, @Nullable String runId) {
        return get(ns, workflow, runId).properties();
    }

    /** PutWorkflowRunProperties: each property given is added, or replaces the one of that name. */
    public void putProperties(Namespace ns, @Nullable String workflow, @Nullable String runId, @Nullable Map<String, String> given) {
        if (given == null) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value null at 'runProperties' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        handle(() -> {
            WorkflowRunRecord run = get(ns, workflow, runId);
            Map<String, String> merged = new TreeMap<>(run.properties());
            merged.putAll(Workflows.properties(given));
            keyspace.put(GlueKeys.workflowRun(ns, run.workflowName(), run.runId()), run.withProperties(merged));
            return null;
        });
    }

    // ---- reading

    public WorkflowRunRecord get(Namespace ns, @Nullable String workflow, @Nullable String runId) {
        WorkflowMeta w = workflows.get(ns, workflow);
        if (runId == null) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value null at 'runId' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        return keyspace.get(GlueKeys.workflowRun(ns, w.name(), runId), WorkflowRunRecord.class)
                .orElseThrow(() -> GlueErrors.ENTITY_NOT_FOUND.exception("Workflow run with id %s not found for workflow %s", runId,
                        w.name()));
    }

    /** The workflow's runs newest first, after the run {@code after} (the last of a previous page). */
    public Page<WorkflowRunRecord> list(Namespace ns, String workflow, @Nullable String after, int limit) {
        List<WorkflowRunRecord> found = new ArrayList<>();
        boolean[] past = {after == null};
        boolean[] more = {false};
        keyspace.scan(GlueKeys.workflowRunsByStart(ns, workflow), null, e -> {
            String id = e.key().string(e.key().parts().size() - 1);
            if (!past[0]) {
                past[0] = id.equals(after);
                return true;
            }
            if (found.size() == limit) {
                more[0] = true;
                return false;
            }
            keyspace.get(GlueKeys.workflowRun(ns, workflow, id), WorkflowRunRecord.class).ifPresent(found::add);
            return true;
        });
        return new Page<>(found, more[0] ? found.get(found.size() - 1).runId() : null);
    }

    /** The workflow's latest run (Workflow.LastRun), if any. */
    public @Nullable WorkflowRunRecord last(Namespace ns, String workflow) {
        List<WorkflowRunRecord> runs = list(ns, workflow, null, 1).items();
        return runs.isEmpty() ? null : runs.get(0);
    }

    /** A job run of a workflow run's graph, as GetJobRun would answer it. */
    public @Nullable JobRunRecord jobRun(Namespace ns, String job, String runId) {
        return jobRuns.history().find(ns, job, runId);
    }

    public JobRunHistory jobHistory() {
        return jobRuns.history();
    }

    private List<String> active(Namespace ns, String workflow) {
        List<String> ids = new ArrayList<>();
        keyspace.scan(GlueKeys.activeWorkflowRuns(ns).with(workflow), null, e -> {
            ids.add(e.key().string(e.key().parts().size() - 1));
            return true;
        });
        return ids;
    }

    private @Nullable WorkflowRunRecord activeRun(Namespace ns, String runId) {
        WorkflowRunRecord[] found = {null};
        keyspace.scan(GlueKeys.activeWorkflowRuns(ns), null, e -> {
            int parts = e.key().parts().size();
            if (e.key().string(parts - 1).equals(runId)) {
                found[0] = keyspace.get(GlueKeys.workflowRun(ns, e.key().string(parts - 2), runId), WorkflowRunRecord.class).orElse(null);
                return false;
            }
            return true;
        });
        return found[0];
    }

    private @Nullable WorkflowRunRecord runOfCrawl(Namespace ns, String crawlId) {
        WorkflowRunRecord[] found = {null};
        keyspace.scan(GlueKeys.activeWorkflowRuns(ns), null, e -> {
            int parts = e.key().parts().size();
            WorkflowRunRecord run = keyspace.get(GlueKeys.workflowRun(ns, e.key().string(parts - 2), e.key().string(parts - 1)),
                    WorkflowRunRecord.class).orElse(null);
            if (run != null && run.actions().stream().anyMatch(a -> ActionEnd.CRAWLER.equals(a.kind()) && crawlId.equals(a.runId()))) {
                found[0] = run;
                return false;
            }
            return true;
        });
        return found[0];
    }

    // ---- start-up

    /**
     * At start-up (after job runs and crawls recovered): each run left under way has its actions' states
     * read again from their job runs and crawlers, and ends ERROR: Tarn does not know what fired while it was down.
     */
    public void recover() {
        for (Namespace ns : StoredNamespaces.of(keyspace)) {
            List<WorkflowRunRecord> cut = new ArrayList<>();
            keyspace.scan(GlueKeys.activeWorkflowRuns(ns), null, e -> {
                int parts = e.key().parts().size();
                keyspace.get(GlueKeys.workflowRun(ns, e.key().string(parts - 2), e.key().string(parts - 1)), WorkflowRunRecord.class)
                        .ifPresent(cut::add);
                return true;
            });
            for (WorkflowRunRecord run : cut) {
                List<ActionRun> actions = new ArrayList<>();
                for (ActionRun a : run.actions()) {
                    actions.add(a.ended() || a.runId() == null ? a : refreshed(ns, a));
                }
                WorkflowRunRecord ended = run.with(actions, run.fired(), run.met()).withStatus(WorkflowRunRecord.ERROR, clock.instant(),
                        INTERRUPTED);
                keyspace.write(b -> {
                    b.put(GlueKeys.workflowRun(ns, run.workflowName(), run.runId()), ended);
                    b.delete(GlueKeys.activeWorkflowRun(ns, run.workflowName(), run.runId()));
                });
            }
        }
    }

    private ActionRun refreshed(Namespace ns, ActionRun a) {
        Instant now = clock.instant();
        if (ActionEnd.JOB.equals(a.kind())) {
            JobRunRecord r = jobRuns.history().find(ns, a.name(), a.runId());
            return r == null ? a.ended(JobRunRecord.FAILED, now, INTERRUPTED)
                    : r.ended() ? a.ended(r.state(), r.completedOn() != null ? r.completedOn() : now, r.errorMessage()) : a;
        }
        CrawlerMeta c = crawlers.find(ns, a.name());
        if (c != null && c.lastCrawl() != null && a.runId().equals(c.lastCrawl().messagePrefix())) {
            return a.ended(c.lastCrawl().status(), now, c.lastCrawl().errorMessage());
        }
        return a.ended("FAILED", now, INTERRUPTED);
    }

    // ---- serialising

    /**
     * Runs {@code work} under the lock; an end told while this thread is already inside (a stop whose job
     * run ends at once) waits until the outer work is stored, then runs, so no change is lost.
     */
    private <T> T handle(Supplier<T> work) {
        synchronized (lock) {
            if (handling) {
                pending.add(work::get);
                return null;
            }
            handling = true;
            try {
                T result = work.get();
                while (!pending.isEmpty()) {
                    try {
                        pending.poll().run();
                    } catch (RuntimeException e) {
                        log.warn("workflow run change failed", e);
                    }
                }
                return result;
            } finally {
                handling = false;
                pending.clear();
            }
        }
    }

    /** AWS's workflow run ids: {@code wr_} and 64 hex digits. */
    private static String newRunId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "wr_" + HexFormat.of().formatHex(bytes);
    }
}
