package io.tarn.glue.engine.triggers;

import org.jspecify.annotations.Nullable;

/**
 * What starting one action of a trigger gave: the job run or crawl started, or why it could not start
 * (ConcurrentRunsExceededException, a job deleted since...): the trigger goes on, the start is logged,
 * and a workflow run counts it an errored action.
 *
 * @param runId the job run's or the crawl's id; null when it did not start
 */
public record ActionStart(String kind, String name, String triggerName, @Nullable String runId, @Nullable String error) {

    public boolean started() {
        return runId != null;
    }
}
