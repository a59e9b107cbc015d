package io.tarn.glue.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.JobShapes.BatchStopJobRunInput;
import io.tarn.glue.api.shapes.JobShapes.BatchStopJobRunOutput;
import io.tarn.glue.api.shapes.JobShapes.ErrorDetail;
import io.tarn.glue.api.shapes.JobShapes.GetJobRunInput;
import io.tarn.glue.api.shapes.JobShapes.GetJobRunOutput;
import io.tarn.glue.api.shapes.JobShapes.GetJobRunsInput;
import io.tarn.glue.api.shapes.JobShapes.GetJobRunsOutput;
import io.tarn.glue.api.shapes.JobShapes.JobBookmarkInput;
import io.tarn.glue.api.shapes.JobShapes.JobBookmarkOutput;
import io.tarn.glue.api.shapes.JobShapes.JobRun;
import io.tarn.glue.api.shapes.JobShapes.StartJobRunInput;
import io.tarn.glue.api.shapes.JobShapes.StartJobRunOutput;
import io.tarn.glue.api.shapes.JobShapes.StopError;
import io.tarn.glue.api.shapes.JobShapes.StopSubmission;
import io.tarn.glue.engine.jobs.JobBookmarks;
import io.tarn.glue.engine.jobs.JobRunHistory;
import io.tarn.glue.engine.jobs.JobRuns;
import io.tarn.glue.engine.jobs.RunOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** StartJobRun, GetJobRun, GetJobRuns, BatchStopJobRun, and the job bookmark operations. */
public final class JobRunOperations {

    /** JobRunIds of BatchStopJobRun: 1 to 25, as the model says. */
    private static final int MAX_STOPS = 25;

    private final JobRuns runs;
    private final JobBookmarks bookmarks;
    private final NextTokens tokens;

    public JobRunOperations(JobRuns runs, JobBookmarks bookmarks, NextTokens tokens) {
        this.runs = runs;
        this.bookmarks = bookmarks;
        this.tokens = tokens;
    }

    public StartJobRunOutput startJobRun(RequestContext ctx, StartJobRunInput in) {
        // run notifications go to EventBridge, which Tarn does not have
        Unbuilt.refuse(in.notificationProperty(), "NotificationProperty (job run delay notifications)");
        String caller = ctx.caller().accessKeyId().isEmpty() ? null : ctx.caller().accessKeyId();
        RunOptions options = new RunOptions(in.arguments(), in.jobRunId(), in.timeout(), in.maxCapacity(), in.allocatedCapacity(),
                in.workerType(), in.numberOfWorkers(), in.executionClass(), in.securityConfiguration(), in.jobRunQueuingEnabled(), null,
                caller, null);
        return new StartJobRunOutput(runs.start(ctx.namespace(), in.jobName(), options).id());
    }

    public GetJobRunOutput getJobRun(RequestContext ctx, GetJobRunInput in) {
        return new GetJobRunOutput(JobRun.of(runs.history().get(ctx.namespace(), in.jobName(), in.runId()), ctx.now(),
                Boolean.TRUE.equals(in.predecessorsIncluded())));
    }

    /** GetJobRuns: newest first, MaxResults 1 to 200 (100 when not given). */
    public GetJobRunsOutput getJobRuns(RequestContext ctx, GetJobRunsInput in) {
        String scope = NextTokens.scope(ctx, "GetJobRuns", in.jobName());
        JobRunHistory.RunPage page = runs.history().list(ctx.namespace(), in.jobName(), tokens.open(scope, in.nextToken()),
                NextTokens.pageSize(in.maxResults(), 200));
        Instant now = ctx.now();
        return new GetJobRunsOutput(page.runs().stream().map(r -> JobRun.of(r, now)).toList(), tokens.issue(scope, page.next()));
    }

    /** BatchStopJobRun: each run that cannot be stopped (missing, already ended) comes back in Errors. */
    public BatchStopJobRunOutput batchStopJobRun(RequestContext ctx, BatchStopJobRunInput in) {
        String job = Required.member(in.jobName(), "jobName");
        List<String> ids = Required.member(in.jobRunIds(), "jobRunIds");
        if (ids.isEmpty() || ids.size() > MAX_STOPS) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'jobRunIds' failed to satisfy constraint: "
                    + "Member must have length between 1 and %d", MAX_STOPS);
        }
        List<StopSubmission> submitted = new ArrayList<>();
        List<StopError> errors = new ArrayList<>();
        for (String id : ids) {
            AwsException error = runs.stop(ctx.namespace(), job, id);
            if (error == null) {
                submitted.add(new StopSubmission(job, id));
            } else {
                errors.add(new StopError(job, id, new ErrorDetail(error.code(), error.getMessage())));
            }
        }
        return new BatchStopJobRunOutput(submitted, errors);
    }

    public JobBookmarkOutput getJobBookmark(RequestContext ctx, JobBookmarkInput in) {
        Unbuilt.refuse(in.runId(), "RunId (the bookmark of one run)");
        return new JobBookmarkOutput(bookmarks.get(ctx.namespace(), in.jobName()));
    }

    public JobBookmarkOutput resetJobBookmark(RequestContext ctx, JobBookmarkInput in) {
        Unbuilt.refuse(in.runId(), "RunId (resetting a bookmark to one run)");
        return new JobBookmarkOutput(bookmarks.reset(ctx.namespace(), in.jobName()));
    }
}
