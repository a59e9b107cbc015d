package io.tarn.glue.api;

import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.JobShapes;
import io.tarn.glue.api.shapes.TriggerShapes;
import io.tarn.glue.api.shapes.WorkflowShapes.BatchGetWorkflowsInput;
import io.tarn.glue.api.shapes.WorkflowShapes.StartingEventBatchCondition;
import io.tarn.glue.api.shapes.WorkflowShapes.BatchGetWorkflowsOutput;
import io.tarn.glue.api.shapes.WorkflowShapes.CrawlerDetails;
import io.tarn.glue.api.shapes.WorkflowShapes.CreateWorkflowInput;
import io.tarn.glue.api.shapes.WorkflowShapes.Crawl;
import io.tarn.glue.api.shapes.WorkflowShapes.Edge;
import io.tarn.glue.api.shapes.WorkflowShapes.GetWorkflowInput;
import io.tarn.glue.api.shapes.WorkflowShapes.GetWorkflowOutput;
import io.tarn.glue.api.shapes.WorkflowShapes.GetWorkflowRunInput;
import io.tarn.glue.api.shapes.WorkflowShapes.GetWorkflowRunOutput;
import io.tarn.glue.api.shapes.WorkflowShapes.GetWorkflowRunsInput;
import io.tarn.glue.api.shapes.WorkflowShapes.GetWorkflowRunsOutput;
import io.tarn.glue.api.shapes.WorkflowShapes.Graph;
import io.tarn.glue.api.shapes.WorkflowShapes.JobDetails;
import io.tarn.glue.api.shapes.WorkflowShapes.ListWorkflowsInput;
import io.tarn.glue.api.shapes.WorkflowShapes.ListWorkflowsOutput;
import io.tarn.glue.api.shapes.WorkflowShapes.NameInput;
import io.tarn.glue.api.shapes.WorkflowShapes.NameOutput;
import io.tarn.glue.api.shapes.WorkflowShapes.Node;
import io.tarn.glue.api.shapes.WorkflowShapes.PutWorkflowRunPropertiesInput;
import io.tarn.glue.api.shapes.WorkflowShapes.ResumeWorkflowRunInput;
import io.tarn.glue.api.shapes.WorkflowShapes.ResumeWorkflowRunOutput;
import io.tarn.glue.api.shapes.WorkflowShapes.RunIdOutput;
import io.tarn.glue.api.shapes.WorkflowShapes.RunInput;
import io.tarn.glue.api.shapes.WorkflowShapes.RunPropertiesOutput;
import io.tarn.glue.api.shapes.WorkflowShapes.StartWorkflowRunInput;
import io.tarn.glue.api.shapes.WorkflowShapes.Statistics;
import io.tarn.glue.api.shapes.WorkflowShapes.TriggerDetails;
import io.tarn.glue.api.shapes.WorkflowShapes.UpdateWorkflowInput;
import io.tarn.glue.api.shapes.WorkflowShapes.Workflow;
import io.tarn.glue.api.shapes.WorkflowShapes.WorkflowRun;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.triggers.ActionEnd;
import io.tarn.glue.engine.triggers.Triggers;
import io.tarn.glue.engine.workflows.WorkflowGraph;
import io.tarn.glue.engine.workflows.WorkflowRuns;
import io.tarn.glue.engine.workflows.Workflows;
import io.tarn.glue.model.JobRunRecord;
import io.tarn.glue.model.LastCrawl;
import io.tarn.glue.model.WorkflowMeta;
import io.tarn.glue.model.WorkflowRunRecord;
import io.tarn.glue.model.WorkflowRunRecord.ActionRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The workflow operations: definitions (Create/Get/List/BatchGet/Update/DeleteWorkflow) and runs
 * (Start/Stop/Resume/GetWorkflowRun(s), Get/PutWorkflowRunProperties), with graphs built from the triggers.
 */
public final class WorkflowOperations {

    /** Names of BatchGetWorkflows: 1 to 25, as the model says. */
    private static final int MAX_BATCH = 25;

    private final Workflows workflows;
    private final WorkflowRuns runs;
    private final Triggers triggers;
    private final NextTokens tokens;

    public WorkflowOperations(Workflows workflows, WorkflowRuns runs, Triggers triggers, NextTokens tokens) {
        this.workflows = workflows;
        this.runs = runs;
        this.triggers = triggers;
        this.tokens = tokens;
    }

    public NameOutput createWorkflow(RequestContext ctx, CreateWorkflowInput in) {
        return new NameOutput(workflows.create(ctx.namespace(), in.name(), in.description(), in.defaultRunProperties(),
                in.maxConcurrentRuns(), in.tags()).name());
    }

    public GetWorkflowOutput getWorkflow(RequestContext ctx, GetWorkflowInput in) {
        return new GetWorkflowOutput(workflow(ctx, workflows.get(ctx.namespace(), in.name()), Boolean.TRUE.equals(in.includeGraph())));
    }

    /** ListWorkflows: names, MaxResults 1 to 25. */
    public ListWorkflowsOutput listWorkflows(RequestContext ctx, ListWorkflowsInput in) {
        String scope = NextTokens.scope(ctx, "ListWorkflows");
        Page<WorkflowMeta> page = workflows.list(ctx.namespace(), tokens.open(scope, in.nextToken()), NextTokens.pageSize(in.maxResults(), 25));
        return new ListWorkflowsOutput(page.items().stream().map(WorkflowMeta::name).toList(), tokens.issue(scope, page.next()));
    }

    public BatchGetWorkflowsOutput batchGetWorkflows(RequestContext ctx, BatchGetWorkflowsInput in) {
        List<String> names = Required.member(in.names(), "names");
        if (names.isEmpty() || names.size() > MAX_BATCH) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'names' failed to satisfy constraint: "
                    + "Member must have length between 1 and %d", MAX_BATCH);
        }
        List<Workflow> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            WorkflowMeta w = workflows.find(ctx.namespace(), name);
            if (w == null) {
                missing.add(name);
            } else {
                found.add(workflow(ctx, w, Boolean.TRUE.equals(in.includeGraph())));
            }
        }
        return new BatchGetWorkflowsOutput(found, missing);
    }

    public NameOutput updateWorkflow(RequestContext ctx, UpdateWorkflowInput in) {
        return new NameOutput(workflows.update(ctx.namespace(), in.name(), in.description(), in.defaultRunProperties(),
                in.maxConcurrentRuns()).name());
    }

    public NameOutput deleteWorkflow(RequestContext ctx, NameInput in) {
        workflows.delete(ctx.namespace(), in.name());
        return new NameOutput(in.name());
    }

    public RunIdOutput startWorkflowRun(RequestContext ctx, StartWorkflowRunInput in) {
        return new RunIdOutput(runs.start(ctx.namespace(), in.name(), in.runProperties()).runId());
    }

    public Void stopWorkflowRun(RequestContext ctx, RunInput in) {
        runs.stop(ctx.namespace(), in.name(), in.runId());
        return null;
    }

    public ResumeWorkflowRunOutput resumeWorkflowRun(RequestContext ctx, ResumeWorkflowRunInput in) {
        WorkflowRunRecord resumed = runs.resume(ctx.namespace(), in.name(), in.runId(), in.nodeIds());
        return new ResumeWorkflowRunOutput(resumed.runId(), in.nodeIds());
    }

    public GetWorkflowRunOutput getWorkflowRun(RequestContext ctx, GetWorkflowRunInput in) {
        WorkflowRunRecord run = runs.get(ctx.namespace(), in.name(), in.runId());
        return new GetWorkflowRunOutput(run(ctx, run, graph(ctx.namespace(), run.workflowName()), Boolean.TRUE.equals(in.includeGraph())));
    }

    /** GetWorkflowRuns: newest first, MaxResults 1 to 1000 (100 when not given). */
    public GetWorkflowRunsOutput getWorkflowRuns(RequestContext ctx, GetWorkflowRunsInput in) {
        WorkflowMeta w = workflows.get(ctx.namespace(), in.name());
        String scope = NextTokens.scope(ctx, "GetWorkflowRuns", w.name());
        Page<WorkflowRunRecord> page = runs.list(ctx.namespace(), w.name(), tokens.open(scope, in.nextToken()),
                NextTokens.pageSize(in.maxResults(), 1000));
        WorkflowGraph graph = graph(ctx.namespace(), w.name());
        boolean withGraph = Boolean.TRUE.equals(in.includeGraph());
        return new GetWorkflowRunsOutput(page.items().stream().map(r -> run(ctx, r, graph, withGraph)).toList(),
                tokens.issue(scope, page.next()));
    }

    public RunPropertiesOutput getWorkflowRunProperties(RequestContext ctx, RunInput in) {
        return new RunPropertiesOutput(runs.properties(ctx.namespace(), in.name(), in.runId()));
    }

    public Void putWorkflowRunProperties(RequestContext ctx, PutWorkflowRunPropertiesInput in) {
        runs.putProperties(ctx.namespace(), in.name(), in.runId(), in.runProperties());
        return null;
    }

    // ---- wire forms

    private WorkflowGraph graph(Namespace ns, String workflow) {
        return WorkflowGraph.of(triggers.ofWorkflow(ns, workflow));
    }

    private Workflow workflow(RequestContext ctx, WorkflowMeta w, boolean includeGraph) {
        WorkflowGraph graph = graph(ctx.namespace(), w.name());
        WorkflowRunRecord last = runs.last(ctx.namespace(), w.name());
        return new Workflow(w.name(), w.description(), w.defaultRunProperties(), w.createdOn(), w.lastModifiedOn(),
                last == null ? null : run(ctx, last, graph, false), includeGraph ? wire(ctx, graph, null) : null, w.maxConcurrentRuns());
    }

    private WorkflowRun run(RequestContext ctx, WorkflowRunRecord r, WorkflowGraph graph, boolean includeGraph) {
        return new WorkflowRun(r.workflowName(), r.runId(), r.previousRunId(), r.properties(), r.startedOn(), r.completedOn(), r.status(),
                r.errorMessage(), statistics(r, graph), includeGraph ? wire(ctx, graph, r) : null,
                r.startingEventBatch() == null ? null
                        : new StartingEventBatchCondition(r.startingEventBatch().batchSize(), r.startingEventBatch().batchWindow()));
    }

    /**
     * A run's counts: TotalActions is every job and crawler node of the graph (or every action the run
     * started, when more); each started action counts once by its state; nothing is ever waiting
     * (Tarn has no job run queuing).
     */
    static Statistics statistics(WorkflowRunRecord r, WorkflowGraph graph) {
        int timeout = 0;
        int failed = 0;
        int stopped = 0;
        int succeeded = 0;
        int running = 0;
        int errored = 0;
        for (ActionRun a : r.actions()) {
            switch (a.state()) {
                case "SUCCEEDED" -> succeeded++;
                case "FAILED" -> failed++;
                case "TIMEOUT" -> timeout++;
                case "STOPPED", "CANCELLED" -> stopped++;
                case "ERROR" -> errored++;
                default -> running++;
            }
        }
        int total = (int) Math.max(graph.actionNodes(), r.actions().size());
        return new Statistics(total, timeout, failed, stopped, succeeded, running, errored, 0);
    }

    /** The graph in wire form; with a run, each job node lists its job runs in that run and each crawler node its crawls. */
    private Graph wire(RequestContext ctx, WorkflowGraph graph, @Nullable WorkflowRunRecord run) {
        Instant now = ctx.now();
        List<Node> nodes = new ArrayList<>();
        for (WorkflowGraph.Node n : graph.nodes()) {
            switch (n.type()) {
                case WorkflowGraph.TRIGGER -> nodes.add(new Node(n.type(), n.name(), n.uniqueId(),
                        new TriggerDetails(TriggerShapes.Trigger.of(n.trigger())), null, null));
                case WorkflowGraph.JOB -> {
                    List<JobShapes.JobRun> jobRuns = new ArrayList<>();
                    for (ActionRun a : actionsOf(run, ActionEnd.JOB, n.name())) {
                        JobRunRecord record = a.runId() == null ? null : runs.jobRun(ctx.namespace(), a.name(), a.runId());
                        if (record != null) {
                            jobRuns.add(JobShapes.JobRun.of(record, now));
                        }
                    }
                    nodes.add(new Node(n.type(), n.name(), n.uniqueId(), null, run == null ? null : new JobDetails(jobRuns), null));
                }
                default -> nodes.add(new Node(n.type(), n.name(), n.uniqueId(), null, null, run == null ? null
                        : new CrawlerDetails(actionsOf(run, ActionEnd.CRAWLER, n.name()).stream().map(a -> new Crawl(a.state(),
                                a.startedOn(), a.completedOn(), a.errorMessage(), LastCrawl.LOG_GROUP, n.name())).toList())));
            }
        }
        return new Graph(nodes, graph.edges().stream().map(e -> new Edge(e.sourceId(), e.destinationId())).toList());
    }

    private static List<ActionRun> actionsOf(@Nullable WorkflowRunRecord run, String kind, String name) {
        if (run == null) {
            return List.of();
        }
        return run.actions().stream().filter(a -> a.kind().equals(kind) && a.name().equals(name)).toList();
    }
}
