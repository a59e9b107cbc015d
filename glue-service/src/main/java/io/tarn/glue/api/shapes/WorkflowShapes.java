package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The workflow operations' wire shapes. */
public final class WorkflowShapes {

    private WorkflowShapes() {}

    public record CreateWorkflowInput(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("DefaultRunProperties") @Nullable Map<String, String> defaultRunProperties,
            @JsonProperty("Tags") @Nullable Map<String, String> tags,
            @JsonProperty("MaxConcurrentRuns") @Nullable Integer maxConcurrentRuns) {}

    public record UpdateWorkflowInput(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("DefaultRunProperties") @Nullable Map<String, String> defaultRunProperties,
            @JsonProperty("MaxConcurrentRuns") @Nullable Integer maxConcurrentRuns) {}

    public record NameInput(@JsonProperty("Name") @Nullable String name) {}

    public record NameOutput(@JsonProperty("Name") @Nullable String name) {}

    public record GetWorkflowInput(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("IncludeGraph") @Nullable Boolean includeGraph) {}

    public record GetWorkflowOutput(@JsonProperty("Workflow") Workflow workflow) {}

    public record ListWorkflowsInput(
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults) {}

    public record ListWorkflowsOutput(
            @JsonProperty("Workflows") List<String> workflows,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record BatchGetWorkflowsInput(
            @JsonProperty("Names") @Nullable List<String> names,
            @JsonProperty("IncludeGraph") @Nullable Boolean includeGraph) {}

    public record BatchGetWorkflowsOutput(
            @JsonProperty("Workflows") List<Workflow> workflows,
            @JsonProperty("MissingWorkflows") List<String> missingWorkflows) {}

    public record StartWorkflowRunInput(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("RunProperties") @Nullable Map<String, String> runProperties) {}

    public record RunIdOutput(@JsonProperty("RunId") String runId) {}

    public record RunInput(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("RunId") @Nullable String runId) {}

    public record GetWorkflowRunInput(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("RunId") @Nullable String runId,
            @JsonProperty("IncludeGraph") @Nullable Boolean includeGraph) {}

    public record GetWorkflowRunOutput(@JsonProperty("Run") WorkflowRun run) {}

    public record GetWorkflowRunsInput(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("IncludeGraph") @Nullable Boolean includeGraph,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults) {}

    public record GetWorkflowRunsOutput(
            @JsonProperty("Runs") List<WorkflowRun> runs,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record ResumeWorkflowRunInput(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("RunId") @Nullable String runId,
            @JsonProperty("NodeIds") @Nullable List<String> nodeIds) {}

    public record ResumeWorkflowRunOutput(
            @JsonProperty("RunId") String runId,
            @JsonProperty("NodeIds") List<String> nodeIds) {}

    public record PutWorkflowRunPropertiesInput(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("RunId") @Nullable String runId,
            @JsonProperty("RunProperties") @Nullable Map<String, String> runProperties) {}

    public record RunPropertiesOutput(@JsonProperty("RunProperties") Map<String, String> runProperties) {}

    public record Workflow(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("DefaultRunProperties") Map<String, String> defaultRunProperties,
            @JsonProperty("CreatedOn") Instant createdOn,
            @JsonProperty("LastModifiedOn") Instant lastModifiedOn,
            @JsonProperty("LastRun") @Nullable WorkflowRun lastRun,
            @JsonProperty("Graph") @Nullable Graph graph,
            @JsonProperty("MaxConcurrentRuns") @Nullable Integer maxConcurrentRuns) {}

    public record WorkflowRun(
            @JsonProperty("Name") String name,
            @JsonProperty("WorkflowRunId") String workflowRunId,
            @JsonProperty("PreviousRunId") @Nullable String previousRunId,
            @JsonProperty("WorkflowRunProperties") Map<String, String> workflowRunProperties,
            @JsonProperty("StartedOn") Instant startedOn,
            @JsonProperty("CompletedOn") @Nullable Instant completedOn,
            @JsonProperty("Status") String status,
            @JsonProperty("ErrorMessage") @Nullable String errorMessage,
            @JsonProperty("Statistics") Statistics statistics,
            @JsonProperty("Graph") @Nullable Graph graph,
            @JsonProperty("StartingEventBatchCondition") @Nullable StartingEventBatchCondition startingEventBatchCondition) {}

    /** What started a run of an EVENT trigger: the batch size reached, or the window ended (the other member 0). */
    public record StartingEventBatchCondition(
            @JsonProperty("BatchSize") int batchSize,
            @JsonProperty("BatchWindow") int batchWindow) {}

    public record Statistics(
            @JsonProperty("TotalActions") int totalActions,
            @JsonProperty("TimeoutActions") int timeoutActions,
            @JsonProperty("FailedActions") int failedActions,
            @JsonProperty("StoppedActions") int stoppedActions,
            @JsonProperty("SucceededActions") int succeededActions,
            @JsonProperty("RunningActions") int runningActions,
            @JsonProperty("ErroredActions") int erroredActions,
            @JsonProperty("WaitingActions") int waitingActions) {}

    public record Graph(
            @JsonProperty("Nodes") List<Node> nodes,
            @JsonProperty("Edges") List<Edge> edges) {}

    public record Node(
            @JsonProperty("Type") String type,
            @JsonProperty("Name") String name,
            @JsonProperty("UniqueId") String uniqueId,
            @JsonProperty("TriggerDetails") @Nullable TriggerDetails triggerDetails,
            @JsonProperty("JobDetails") @Nullable JobDetails jobDetails,
            @JsonProperty("CrawlerDetails") @Nullable CrawlerDetails crawlerDetails) {}

    public record TriggerDetails(@JsonProperty("Trigger") TriggerShapes.Trigger trigger) {}

    public record JobDetails(@JsonProperty("JobRuns") List<JobShapes.JobRun> jobRuns) {}

    public record CrawlerDetails(@JsonProperty("Crawls") List<Crawl> crawls) {}

    public record Crawl(
            @JsonProperty("State") String state,
            @JsonProperty("StartedOn") Instant startedOn,
            @JsonProperty("CompletedOn") @Nullable Instant completedOn,
            @JsonProperty("ErrorMessage") @Nullable String errorMessage,
            @JsonProperty("LogGroup") String logGroup,
            @JsonProperty("LogStream") String logStream) {}

    public record Edge(
            @JsonProperty("SourceId") String sourceId,
            @JsonProperty("DestinationId") String destinationId) {}
}
