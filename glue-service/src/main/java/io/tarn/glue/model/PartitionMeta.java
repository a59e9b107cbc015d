package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A partition as stored: its values (in partition key order), its table's lower-cased database and name,
 * the client's StorageDescriptor kept exactly as sent (as tables keep theirs), parameters and times.
 */
public record PartitionMeta(
        @JsonProperty("values") List<String> values,
        @JsonProperty("database") String database,
        @JsonProperty("table") String table,
        @JsonProperty("creationTime") Instant creationTime,
        @JsonProperty("lastAccessTime") @Nullable Instant lastAccessTime,
        @JsonProperty("storageDescriptor") @Nullable JsonNode storageDescriptor,
        @JsonProperty("parameters") @Nullable Map<String, String> parameters,
        @JsonProperty("lastAnalyzedTime") @Nullable Instant lastAnalyzedTime) {}
