package io.tarn.glue.engine.triggers;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A job run or a crawl that ended, as conditional triggers and workflow runs see it.
 *
 * @param kind {@link #JOB} or {@link #CRAWLER}
 * @param runId the job run's id, or the crawl's id
 * @param state the job run's state (SUCCEEDED, FAILED, TIMEOUT, STOPPED, ERROR) or the crawl's (SUCCEEDED, FAILED, CANCELLED)
 * @param workflowRunId the workflow run that started it, when one did (a job run's {@code --WORKFLOW_RUN_ID})
 */
public record ActionEnd(String kind, String name, String runId, String state, Instant completedOn, @Nullable String errorMessage,
        @Nullable String workflowRunId) {

    public static final String JOB = "JOB";
    public static final String CRAWLER = "CRAWLER";

    public boolean job() {
        return JOB.equals(kind);
    }

    /** The id of the run's first attempt: a retry's is {@code <first id>_attempt_<n>}, as JobRuns names it. */
    public String firstAttemptId() {
        int at = runId.indexOf("_attempt_");
        return at < 0 ? runId : runId.substring(0, at);
    }
}
