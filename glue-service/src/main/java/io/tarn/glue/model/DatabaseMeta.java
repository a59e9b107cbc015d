package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A database as stored: the client's DatabaseInput (nested shapes kept as the client sent them) and
 * its creation time. Field names are Glue's, so the record is both the stored form and the wire form.
 */
public record DatabaseMeta(
        @JsonProperty("Name") String name,
        @JsonProperty("Description") @Nullable String description,
        @JsonProperty("LocationUri") @Nullable String locationUri,
        @JsonProperty("Parameters") @Nullable Map<String, String> parameters,
        @JsonProperty("CreateTableDefaultPermissions") @Nullable JsonNode createTableDefaultPermissions,
        @JsonProperty("TargetDatabase") @Nullable JsonNode targetDatabase,
        @JsonProperty("FederatedDatabase") @Nullable JsonNode federatedDatabase,
        @JsonProperty("CreateTime") Instant createTime) {}
