package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A job's bookmark, as GetJobBookmark answers it: advanced by each run that succeeds with
 * {@code --job-bookmark-option job-bookmark-enable}, with the state the run's script left (a JSON text).
 */
public record JobBookmarkMeta(
        @JsonProperty("JobName") String jobName,
        @JsonProperty("Version") int version,
        @JsonProperty("Run") int run,
        @JsonProperty("Attempt") int attempt,
        @JsonProperty("PreviousRunId") @Nullable String previousRunId,
        @JsonProperty("RunId") @Nullable String runId,
        @JsonProperty("JobBookmark") @Nullable String jobBookmark) {}
