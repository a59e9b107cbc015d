package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Glue's TableInput, complete: what a client defines of a table. The nested shapes (StorageDescriptor,
 * PartitionKeys, TargetTable, ViewDefinition) are kept exactly as sent, so every field of them, present
 * and future, round-trips without Tarn having to model it.
 */
public record TableDefinition(
        @JsonProperty("Name") @Nullable String name,
        @JsonProperty("Description") @Nullable String description,
        @JsonProperty("Owner") @Nullable String owner,
        @JsonProperty("LastAccessTime") @Nullable Instant lastAccessTime,
        @JsonProperty("LastAnalyzedTime") @Nullable Instant lastAnalyzedTime,
        @JsonProperty("Retention") @Nullable Integer retention,
        @JsonProperty("StorageDescriptor") @Nullable JsonNode storageDescriptor,
        @JsonProperty("PartitionKeys") @Nullable JsonNode partitionKeys,
        @JsonProperty("ViewOriginalText") @Nullable String viewOriginalText,
        @JsonProperty("ViewExpandedText") @Nullable String viewExpandedText,
        @JsonProperty("TableType") @Nullable String tableType,
        @JsonProperty("Parameters") @Nullable Map<String, String> parameters,
        @JsonProperty("TargetTable") @Nullable JsonNode targetTable,
        @JsonProperty("ViewDefinition") @Nullable JsonNode viewDefinition) {}
