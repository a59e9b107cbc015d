package io.tarn.glue.model.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One version of a schema as stored: its id (a UUID), number, definition and the outcome of its
 * compatibility check (AVAILABLE, or FAILURE with the reason).
 */
public record SchemaVersionMeta(
        @JsonProperty("id") String id,
        @JsonProperty("registry") String registry,
        @JsonProperty("schema") String schema,
        @JsonProperty("number") long number,
        @JsonProperty("definition") String definition,
        @JsonProperty("status") String status,
        @JsonProperty("failure") @Nullable String failure,
        @JsonProperty("created") Instant created) {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String PENDING = "PENDING";
    public static final String FAILURE = "FAILURE";

    public boolean available() {
        return AVAILABLE.equals(status);
    }
}
