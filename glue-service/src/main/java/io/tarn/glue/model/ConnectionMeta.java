package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A connection as stored: its definition, when it was created and last updated, and by whom. */
public record ConnectionMeta(
        @JsonProperty("definition") ConnectionDefinition definition,
        @JsonProperty("creationTime") Instant creationTime,
        @JsonProperty("lastUpdatedTime") Instant lastUpdatedTime,
        @JsonProperty("lastUpdatedBy") String lastUpdatedBy) {

    public String name() {
        return definition.name();
    }
}
