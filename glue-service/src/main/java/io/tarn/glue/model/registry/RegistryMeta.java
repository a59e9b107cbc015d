package io.tarn.glue.model.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A schema registry as stored: its name, description and status (its tags are kept by the catalog's Tags). */
public record RegistryMeta(
        @JsonProperty("name") String name,
        @JsonProperty("description") @Nullable String description,
        @JsonProperty("status") String status,
        @JsonProperty("created") Instant created,
        @JsonProperty("updated") Instant updated) {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String DELETING = "DELETING";

    public RegistryMeta withDescription(@Nullable String newDescription, Instant now) {
        return new RegistryMeta(name, newDescription, status, created, now);
    }

    public RegistryMeta withStatus(String newStatus) {
        return new RegistryMeta(name, description, newStatus, created, updated);
    }
}
