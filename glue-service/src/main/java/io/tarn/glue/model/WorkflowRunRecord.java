package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One run of a workflow as stored: its status and properties, every action it started (job runs and
 * crawls, with their last known state), and its triggers' progress: which fired in this run (each fires
 * at most once a run) and which conditions of the others this run's ends have met.
 */
public record WorkflowRunRecord(
        @JsonProperty("workflowName") String workflowName,
        @JsonProperty("runId") String runId,
        @JsonProperty("previousRunId") @Nullable String previousRunId,
        @JsonProperty("properties") Map<String, String> properties,
        @JsonProperty("startedOn") Instant startedOn,
        @JsonProperty("completedOn") @Nullable Instant completedOn,
        @JsonProperty("status") String status,
        @JsonProperty("errorMessage") @Nullable String errorMessage,
        @JsonProperty("actions") List<ActionRun> actions,
        @JsonProperty("fired") Set<String> fired,
        @JsonProperty("met") Map<String, Set<Integer>> met,
        @JsonProperty("startingEventBatch") @Nullable StartingEventBatch startingEventBatch) {

    /**
     * What started a run of an EVENT trigger: its batch size reached ({@code batchSize} the number of
     * events, {@code batchWindow} 0) or its window ended ({@code batchWindow} its seconds, {@code batchSize} 0).
     */
    public record StartingEventBatch(@JsonProperty("batchSize") int batchSize, @JsonProperty("batchWindow") int batchWindow) {}

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String STOPPING = "STOPPING";
    public static final String STOPPED = "STOPPED";
    public static final String ERROR = "ERROR";

    /**
     * A job run or crawl started by the run. {@code runId} is the job run's id (its latest attempt's) or the
     * crawl's id, null when the start failed ({@code state} ERROR, the reason in {@code errorMessage}).
     */
    public record ActionRun(
            @JsonProperty("kind") String kind,
            @JsonProperty("name") String name,
            @JsonProperty("triggerName") String triggerName,
            @JsonProperty("runId") @Nullable String runId,
            @JsonProperty("state") String state,
            @JsonProperty("startedOn") Instant startedOn,
            @JsonProperty("completedOn") @Nullable Instant completedOn,
            @JsonProperty("errorMessage") @Nullable String errorMessage) {

        private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED", "ERROR", "CANCELLED");

        public boolean ended() {
            return ENDED.contains(state);
        }

        public ActionRun ended(String endState, Instant on, @Nullable String message) {
            return new ActionRun(kind, name, triggerName, runId, endState, startedOn, on, message);
        }

        public ActionRun retriedAs(String newRunId) {
            return new ActionRun(kind, name, triggerName, newRunId, state, startedOn, completedOn, errorMessage);
        }
    }

    public boolean underWay() {
        return RUNNING.equals(status) || STOPPING.equals(status);
    }

    public boolean anyActionUnderWay() {
        return actions.stream().anyMatch(a -> !a.ended());
    }

    public WorkflowRunRecord with(List<ActionRun> newActions, Set<String> newFired, Map<String, Set<Integer>> newMet) {
        return new WorkflowRunRecord(workflowName, runId, previousRunId, properties, startedOn, completedOn, status, errorMessage,
                List.copyOf(newActions), new TreeSet<>(newFired), new TreeMap<>(newMet), startingEventBatch);
    }

    public WorkflowRunRecord withStatus(String newStatus, @Nullable Instant completed, @Nullable String message) {
        return new WorkflowRunRecord(workflowName, runId, previousRunId, properties, startedOn, completed, newStatus, message, actions,
                fired, met, startingEventBatch);
    }

    public WorkflowRunRecord withProperties(Map<String, String> newProperties) {
        return new WorkflowRunRecord(workflowName, runId, previousRunId, new TreeMap<>(newProperties), startedOn, completedOn, status,
                errorMessage, actions, fired, met, startingEventBatch);
    }

    public List<ActionRun> mutableActions() {
        return new ArrayList<>(actions);
    }
}
