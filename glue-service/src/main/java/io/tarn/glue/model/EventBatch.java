package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** The events an EVENT trigger has received since its workflow last started from it, and when the first came (its window's start). */
public record EventBatch(
        @JsonProperty("eventIds") List<String> eventIds,
        @JsonProperty("firstEventAt") Instant firstEventAt) {

    public EventBatch {
        eventIds = List.copyOf(eventIds);
    }
}
