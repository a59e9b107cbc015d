package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A workflow as stored; its triggers (and through them its graph) are the triggers naming it in WorkflowName. */
public record WorkflowMeta(
        @JsonProperty("name") String name,
        @JsonProperty("description") @Nullable String description,
        @JsonProperty("defaultRunProperties") Map<String, String> defaultRunProperties,
        @JsonProperty("maxConcurrentRuns") @Nullable Integer maxConcurrentRuns,
        @JsonProperty("createdOn") Instant createdOn,
        @JsonProperty("lastModifiedOn") Instant lastModifiedOn) {}
