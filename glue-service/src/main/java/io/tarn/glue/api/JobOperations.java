package io.tarn.glue.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.JobShapes.BatchGetJobsInput;
import io.tarn.glue.api.shapes.JobShapes.BatchGetJobsOutput;
import io.tarn.glue.api.shapes.JobShapes.CreateJobOutput;
import io.tarn.glue.api.shapes.JobShapes.GetJobOutput;
import io.tarn.glue.api.shapes.JobShapes.GetJobsInput;
import io.tarn.glue.api.shapes.JobShapes.GetJobsOutput;
import io.tarn.glue.api.shapes.JobShapes.Job;
import io.tarn.glue.api.shapes.JobShapes.JobNameInput;
import io.tarn.glue.api.shapes.JobShapes.JobNameOutput;
import io.tarn.glue.api.shapes.JobShapes.ListJobsInput;
import io.tarn.glue.api.shapes.JobShapes.ListJobsOutput;
import io.tarn.glue.api.shapes.JobShapes.UpdateJobInput;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.jobs.JobRuns;
import io.tarn.glue.engine.jobs.Jobs;
import io.tarn.glue.model.JobDefinition;
import io.tarn.glue.model.JobMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The job definition operations: CreateJob, GetJob, GetJobs, ListJobs, BatchGetJobs, UpdateJob, DeleteJob. */
public final class JobOperations {

    /** JobNames of BatchGetJobs: the service takes at most 25 names. */
    private static final int MAX_BATCH = 25;

    private final Jobs jobs;
    private final JobRuns runs;
    private final NextTokens tokens;

    public JobOperations(Jobs jobs, JobRuns runs, NextTokens tokens) {
        this.jobs = jobs;
        this.runs = runs;
        this.tokens = tokens;
    }

    public CreateJobOutput createJob(RequestContext ctx, JobDefinition in) {
        return new CreateJobOutput(jobs.create(ctx.namespace(), in).name());
    }

    public GetJobOutput getJob(RequestContext ctx, JobNameInput in) {
        return new GetJobOutput(Job.of(jobs.get(ctx.namespace(), in.jobName())));
    }

    public GetJobsOutput getJobs(RequestContext ctx, GetJobsInput in) {
        String scope = NextTokens.scope(ctx, "GetJobs");
        Page<JobMeta> page = jobs.list(ctx.namespace(), tokens.open(scope, in.nextToken()), NextTokens.pageSize(in.maxResults(), 1000),
                j -> true);
        return new GetJobsOutput(page.items().stream().map(Job::of).toList(), tokens.issue(scope, page.next()));
    }

    /** ListJobs: names, those carrying every tag of the Tags filter when given. */
    public ListJobsOutput listJobs(RequestContext ctx, ListJobsInput in) {
        Map<String, String> wanted = in.tags() == null ? Map.of() : in.tags();
        String scope = NextTokens.scope(ctx, "ListJobs", wanted.isEmpty() ? null : new TreeMap<>(wanted).toString());
        Page<JobMeta> page = jobs.list(ctx.namespace(), tokens.open(scope, in.nextToken()), NextTokens.pageSize(in.maxResults(), 1000),
                // without a Tags filter no job's tags are read (a scan each)
                wanted.isEmpty() ? j -> true : j -> hasTags(jobs.tags(ctx.namespace(), j.name()), wanted));
        return new ListJobsOutput(page.items().stream().map(JobMeta::name).toList(), tokens.issue(scope, page.next()));
    }

    public BatchGetJobsOutput batchGetJobs(RequestContext ctx, BatchGetJobsInput in) {
        List<String> names = Required.member(in.jobNames(), "jobNames");
        if (names.size() > MAX_BATCH) {
            throw GlueErrors.INVALID_INPUT.exception("Cannot get more than %d jobs at once", MAX_BATCH);
        }
        List<Job> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            JobMeta job = jobs.find(ctx.namespace(), name);
            if (job == null) {
                missing.add(name);
            } else {
                found.add(Job.of(job));
            }
        }
        return new BatchGetJobsOutput(found, missing);
    }

    public JobNameOutput updateJob(RequestContext ctx, UpdateJobInput in) {
        return new JobNameOutput(jobs.update(ctx.namespace(), in.jobName(), in.jobUpdate()).name());
    }

    public JobNameOutput deleteJob(RequestContext ctx, JobNameInput in) {
        jobs.delete(ctx.namespace(), in.jobName(), runs::deleteAll);
        return new JobNameOutput(in.jobName());
    }

    private static boolean hasTags(Map<String, String> tags, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(t -> tags.containsKey(t.getKey()) && Objects.equals(tags.get(t.getKey()), t.getValue()));
    }
}
