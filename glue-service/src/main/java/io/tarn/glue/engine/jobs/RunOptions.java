package io.tarn.glue.engine.jobs;

import io.tarn.glue.model.JobRunRecord;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a start of a job run may give besides the job's name (StartJobRun's members; a trigger's action
 * gives its arguments and its name): each replaces the job's own setting for this run.
 *
 * @param previousRunId StartJobRun's JobRunId: the earlier run this one retries
 * @param callerAccessKey the access key that asked, whose credentials the run's process is given
 * @param predecessors the job runs whose ends fired the conditional trigger that starts this run
 */
public record RunOptions(
        @Nullable Map<String, String> arguments,
        @Nullable String previousRunId,
        @Nullable Integer timeout,
        @Nullable Double maxCapacity,
        @Nullable Integer allocatedCapacity,
        @Nullable String workerType,
        @Nullable Integer numberOfWorkers,
        @Nullable String executionClass,
        @Nullable String securityConfiguration,
        @Nullable Boolean jobRunQueuingEnabled,
        @Nullable String triggerName,
        @Nullable String callerAccessKey,
        @Nullable List<JobRunRecord.Predecessor> predecessors) {

    /** A start with the job's settings and these arguments (a trigger's action). */
    public static RunOptions of(@Nullable Map<String, String> arguments, @Nullable String triggerName) {
        return new RunOptions(arguments, null, null, null, null, null, null, null, null, null, triggerName, null, null);
    }
}
