package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One run of a job as stored: its state with the instants AWS reports, the arguments it ran with (the
 * job's merged with the run's), the capacity and timeout it had, the attempt and the run it retries.
 *
 * @param callerAccessKey the access key that started the run, whose credentials the run's process gets
 *     (its secret is looked up when the process starts, never stored here)
 * @param processId the child process's pid while one runs, so that a restart can end an orphan
 * @param runningSince when the run's process started (null until RUNNING): ExecutionTime and Timeout count from it
 * @param predecessors the job runs whose ends started this one through a conditional trigger
 */
public record JobRunRecord(
        @JsonProperty("id") String id,
        @JsonProperty("jobName") String jobName,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("previousRunId") @Nullable String previousRunId,
        @JsonProperty("triggerName") @Nullable String triggerName,
        @JsonProperty("state") String state,
        @JsonProperty("startedOn") Instant startedOn,
        @JsonProperty("lastModifiedOn") Instant lastModifiedOn,
        @JsonProperty("completedOn") @Nullable Instant completedOn,
        @JsonProperty("runningSince") @Nullable Instant runningSince,
        @JsonProperty("arguments") Map<String, String> arguments,
        @JsonProperty("errorMessage") @Nullable String errorMessage,
        @JsonProperty("settings") RunSettings settings,
        @JsonProperty("callerAccessKey") @Nullable String callerAccessKey,
        @JsonProperty("processId") @Nullable Long processId,
        @JsonProperty("predecessors") List<Predecessor> predecessors) {

    /** A job run whose end fired the conditional trigger that started this one (PredecessorRuns). */
    public record Predecessor(@JsonProperty("jobName") String jobName, @JsonProperty("runId") String runId) {}

    public JobRunRecord {
        predecessors = predecessors == null ? List.of() : List.copyOf(predecessors); // runs stored before predecessors were kept
    }

    public static final String STARTING = "STARTING";
    public static final String RUNNING = "RUNNING";
    public static final String STOPPING = "STOPPING";
    public static final String STOPPED = "STOPPED";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String ERROR = "ERROR";
    public static final String WAITING = "WAITING";
    private static final Set<String> ENDED = Set.of(STOPPED, SUCCEEDED, FAILED, TIMEOUT, ERROR);

    /** What a run was given of the job's (or the run's own) capacity and limits. */
    public record RunSettings(
            @JsonProperty("command") JobDefinition.Command command,
            @JsonProperty("timeout") int timeout,
            @JsonProperty("maxCapacity") @Nullable Double maxCapacity,
            @JsonProperty("allocatedCapacity") @Nullable Integer allocatedCapacity,
            @JsonProperty("workerType") @Nullable String workerType,
            @JsonProperty("numberOfWorkers") @Nullable Integer numberOfWorkers,
            @JsonProperty("glueVersion") @Nullable String glueVersion,
            @JsonProperty("executionClass") @Nullable String executionClass,
            @JsonProperty("jobMode") @Nullable String jobMode,
            @JsonProperty("securityConfiguration") @Nullable String securityConfiguration,
            @JsonProperty("maxRetries") int maxRetries,
            @JsonProperty("jobRunQueuingEnabled") @Nullable Boolean jobRunQueuingEnabled) {}

    public boolean ended() {
        return ENDED.contains(state);
    }

    /** Seconds the run's process ran (to {@code now} while it runs). */
    public long executionSeconds(Instant now) {
        if (runningSince == null) {
            return 0;
        }
        return Duration.between(runningSince, completedOn != null ? completedOn : now).toSeconds();
    }

    /** A WAITING run (job run queuing) that got its turn. */
    public JobRunRecord starting(Instant now) {
        return new JobRunRecord(id, jobName, attempt, previousRunId, triggerName, STARTING, startedOn, now, null, null, arguments,
                null, settings, callerAccessKey, null, predecessors);
    }

    public JobRunRecord running(Instant now, @Nullable Long pid) {
        return new JobRunRecord(id, jobName, attempt, previousRunId, triggerName, RUNNING, startedOn, now, null, now, arguments,
                null, settings, callerAccessKey, pid, predecessors);
    }

    public JobRunRecord stopping(Instant now) {
        return new JobRunRecord(id, jobName, attempt, previousRunId, triggerName, STOPPING, startedOn, now, null, runningSince,
                arguments, null, settings, callerAccessKey, processId, predecessors);
    }

    public JobRunRecord ended(String endState, @Nullable String message, Instant now) {
        return new JobRunRecord(id, jobName, attempt, previousRunId, triggerName, endState, startedOn, now, now, runningSince,
                arguments, message, settings, callerAccessKey, null, predecessors);
    }
}
