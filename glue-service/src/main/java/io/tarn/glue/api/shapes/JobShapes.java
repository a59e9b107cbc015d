package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.glue.model.JobBookmarkMeta;
import io.tarn.glue.model.JobDefinition;
import io.tarn.glue.model.JobMeta;
import io.tarn.glue.model.JobRunRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The wire shapes of the job, job run and job bookmark operations. CreateJob takes the model's
 * {@link JobDefinition} as it is, UpdateJob's JobUpdate too (its members are the definition's, but Name and Tags).
 */
public final class JobShapes {

    private JobShapes() {}

    public record JobNameInput(@JsonProperty("JobName") @Nullable String jobName) {}

    public record CreateJobOutput(@JsonProperty("Name") String name) {}

    public record UpdateJobInput(
            @JsonProperty("JobName") @Nullable String jobName,
            @JsonProperty("JobUpdate") @Nullable JobDefinition jobUpdate) {}

    public record JobNameOutput(@JsonProperty("JobName") String jobName) {}

    public record GetJobsInput(
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults) {}

    public record ListJobsInput(
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("Tags") @Nullable Map<String, String> tags) {}

    public record BatchGetJobsInput(@JsonProperty("JobNames") @Nullable List<String> jobNames) {}

    /** Glue's Job: the definition as stored (Tags are not part of it) with its times. */
    public record Job(
            @JsonUnwrapped @JsonIgnoreProperties("Tags") JobDefinition definition,
            @JsonProperty("CreatedOn") Instant createdOn,
            @JsonProperty("LastModifiedOn") Instant lastModifiedOn) {

        public static Job of(JobMeta job) {
            return new Job(job.definition(), job.createdOn(), job.lastModifiedOn());
        }
    }

    public record GetJobOutput(@JsonProperty("Job") Job job) {}

    public record GetJobsOutput(
            @JsonProperty("Jobs") List<Job> jobs,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record ListJobsOutput(
            @JsonProperty("JobNames") List<String> jobNames,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record BatchGetJobsOutput(
            @JsonProperty("Jobs") List<Job> jobs,
            @JsonProperty("JobsNotFound") List<String> jobsNotFound) {}

    // ---- runs

    public record StartJobRunInput(
            @JsonProperty("JobName") @Nullable String jobName,
            @JsonProperty("JobRunQueuingEnabled") @Nullable Boolean jobRunQueuingEnabled,
            @JsonProperty("JobRunId") @Nullable String jobRunId,
            @JsonProperty("Arguments") @Nullable Map<String, String> arguments,
            @JsonProperty("AllocatedCapacity") @Nullable Integer allocatedCapacity,
            @JsonProperty("Timeout") @Nullable Integer timeout,
            @JsonProperty("MaxCapacity") @Nullable Double maxCapacity,
            @JsonProperty("SecurityConfiguration") @Nullable String securityConfiguration,
            @JsonProperty("NotificationProperty") @Nullable JsonNode notificationProperty,
            @JsonProperty("WorkerType") @Nullable String workerType,
            @JsonProperty("NumberOfWorkers") @Nullable Integer numberOfWorkers,
            @JsonProperty("ExecutionClass") @Nullable String executionClass,
            @JsonProperty("ExecutionRoleSessionPolicy") @Nullable String executionRoleSessionPolicy) {}

    public record StartJobRunOutput(@JsonProperty("JobRunId") String jobRunId) {}

    public record GetJobRunInput(
            @JsonProperty("JobName") @Nullable String jobName,
            @JsonProperty("RunId") @Nullable String runId,
            @JsonProperty("PredecessorsIncluded") @Nullable Boolean predecessorsIncluded) {}

    public record GetJobRunsInput(
            @JsonProperty("JobName") @Nullable String jobName,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults) {}

    public record BatchStopJobRunInput(
            @JsonProperty("JobName") @Nullable String jobName,
            @JsonProperty("JobRunIds") @Nullable List<String> jobRunIds) {}

    /** A job run whose end started this one through a conditional trigger. */
    public record Predecessor(@JsonProperty("JobName") String jobName, @JsonProperty("RunId") String runId) {}

    /** Glue's JobRun. */
    public record JobRun(
            @JsonProperty("Id") String id,
            @JsonProperty("Attempt") int attempt,
            @JsonProperty("PreviousRunId") @Nullable String previousRunId,
            @JsonProperty("TriggerName") @Nullable String triggerName,
            @JsonProperty("JobName") String jobName,
            @JsonProperty("JobMode") @Nullable String jobMode,
            @JsonProperty("JobRunQueuingEnabled") @Nullable Boolean jobRunQueuingEnabled,
            @JsonProperty("StartedOn") Instant startedOn,
            @JsonProperty("LastModifiedOn") Instant lastModifiedOn,
            @JsonProperty("CompletedOn") @Nullable Instant completedOn,
            @JsonProperty("JobRunState") String jobRunState,
            @JsonProperty("Arguments") Map<String, String> arguments,
            @JsonProperty("ErrorMessage") @Nullable String errorMessage,
            @JsonProperty("PredecessorRuns") List<Predecessor> predecessorRuns,
            @JsonProperty("AllocatedCapacity") @Nullable Integer allocatedCapacity,
            @JsonProperty("ExecutionTime") long executionTime,
            @JsonProperty("Timeout") int timeout,
            @JsonProperty("MaxCapacity") @Nullable Double maxCapacity,
            @JsonProperty("WorkerType") @Nullable String workerType,
            @JsonProperty("NumberOfWorkers") @Nullable Integer numberOfWorkers,
            @JsonProperty("SecurityConfiguration") @Nullable String securityConfiguration,
            @JsonProperty("LogGroupName") String logGroupName,
            @JsonProperty("GlueVersion") @Nullable String glueVersion,
            @JsonProperty("ExecutionClass") @Nullable String executionClass) {

        /** Where AWS would log the run (Tarn keeps its output at /_tarn/glue/job-runs/<id>/logs). */
        static final String LOG_GROUP = "/aws-glue/jobs";

        public static JobRun of(JobRunRecord r, Instant now) {
            return of(r, now, true);
        }

        /** {@code withPredecessors}: GetJobRun lists PredecessorRuns only when asked (PredecessorsIncluded). */
        public static JobRun of(JobRunRecord r, Instant now, boolean withPredecessors) {
            JobRunRecord.RunSettings s = r.settings();
            List<Predecessor> predecessors = withPredecessors
                    ? r.predecessors().stream().map(p -> new Predecessor(p.jobName(), p.runId())).toList() : List.of();
            return new JobRun(r.id(), r.attempt(), r.previousRunId(), r.triggerName(), r.jobName(), s.jobMode(),
                    s.jobRunQueuingEnabled(), r.startedOn(), r.lastModifiedOn(), r.completedOn(), r.state(), r.arguments(),
                    r.errorMessage(), predecessors, s.allocatedCapacity(), r.executionSeconds(now), s.timeout(), s.maxCapacity(),
                    s.workerType(), s.numberOfWorkers(), s.securityConfiguration(), LOG_GROUP, s.glueVersion(), s.executionClass());
        }
    }

    public record GetJobRunOutput(@JsonProperty("JobRun") JobRun jobRun) {}

    public record GetJobRunsOutput(
            @JsonProperty("JobRuns") List<JobRun> jobRuns,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record StopSubmission(
            @JsonProperty("JobName") String jobName,
            @JsonProperty("JobRunId") String jobRunId) {}

    public record ErrorDetail(
            @JsonProperty("ErrorCode") String errorCode,
            @JsonProperty("ErrorMessage") String errorMessage) {}

    public record StopError(
            @JsonProperty("JobName") String jobName,
            @JsonProperty("JobRunId") String jobRunId,
            @JsonProperty("ErrorDetail") ErrorDetail errorDetail) {}

    public record BatchStopJobRunOutput(
            @JsonProperty("SuccessfulSubmissions") List<StopSubmission> successfulSubmissions,
            @JsonProperty("Errors") List<StopError> errors) {}

    // ---- bookmarks

    public record JobBookmarkInput(
            @JsonProperty("JobName") @Nullable String jobName,
            @JsonProperty("RunId") @Nullable String runId) {}

    public record JobBookmarkOutput(@JsonProperty("JobBookmarkEntry") JobBookmarkMeta jobBookmarkEntry) {}
}
