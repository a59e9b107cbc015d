package io.tarn.glue.model.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A schema (Glue's "schema set") as stored: its format and compatibility mode, the checkpoint version
 * compatibility is checked from, the latest version number and the next one to give (numbers are
 * never reused, even after versions are deleted). Its tags are kept by the catalog's Tags.
 */
public record SchemaMeta(
        @JsonProperty("registry") String registry,
        @JsonProperty("name") String name,
        @JsonProperty("description") @Nullable String description,
        @JsonProperty("dataFormat") String dataFormat,
        @JsonProperty("compatibility") String compatibility,
        @JsonProperty("checkpoint") long checkpoint,
        @JsonProperty("latestVersion") long latestVersion,
        @JsonProperty("nextVersion") long nextVersion,
        @JsonProperty("status") String status,
        @JsonProperty("created") Instant created,
        @JsonProperty("updated") Instant updated) {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String DELETING = "DELETING";

    public SchemaMeta withVersions(long latest, long next, Instant now) {
        return new SchemaMeta(registry, name, description, dataFormat, compatibility, checkpoint, latest, next, status,
                created, now);
    }

    public SchemaMeta withSettings(@Nullable String newDescription, String newCompatibility, long newCheckpoint, Instant now) {
        return new SchemaMeta(registry, name, newDescription, dataFormat, newCompatibility, newCheckpoint, latestVersion,
                nextVersion, status, created, now);
    }

    public SchemaMeta withStatus(String newStatus) {
        return new SchemaMeta(registry, name, description, dataFormat, compatibility, checkpoint, latestVersion, nextVersion,
                newStatus, created, updated);
    }
}
