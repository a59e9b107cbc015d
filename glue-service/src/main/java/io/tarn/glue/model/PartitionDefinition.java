package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Glue's PartitionInput: what a client defines of a partition; the StorageDescriptor is kept as sent. */
public record PartitionDefinition(
        @JsonProperty("Values") @Nullable List<String> values,
        @JsonProperty("LastAccessTime") @Nullable Instant lastAccessTime,
        @JsonProperty("StorageDescriptor") @Nullable JsonNode storageDescriptor,
        @JsonProperty("Parameters") @Nullable Map<String, String> parameters,
        @JsonProperty("LastAnalyzedTime") @Nullable Instant lastAnalyzedTime) {}
