package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A job as stored: its checked definition (without tags) and when it was created and last changed. */
public record JobMeta(
        @JsonProperty("definition") JobDefinition definition,
        @JsonProperty("createdOn") Instant createdOn,
        @JsonProperty("lastModifiedOn") Instant lastModifiedOn) {

    public String name() {
        return definition.name();
    }
}
