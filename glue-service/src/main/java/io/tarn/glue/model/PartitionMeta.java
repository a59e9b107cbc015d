package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A partition as stored: its values (in partition key order), its table's lower-cased database and name,
 * the client's StorageDescriptor kept exactly as sent, parameters and times. The StorageDescriptor is kept
 * as its JSON text, not a tree: GetPartitions answers a thousand partitions a page, and copying the text
 * into the answer measured several times faster than decoding and re-encoding a tree per partition.
 */
public record PartitionMeta(
        @JsonProperty("values") List<String> values,
        @JsonProperty("database") String database,
        @JsonProperty("table") String table,
        @JsonProperty("creationTime") Instant creationTime,
        @JsonProperty("lastAccessTime") @Nullable Instant lastAccessTime,
        @JsonProperty("storageDescriptorJson") @Nullable String storageDescriptorJson,
        @JsonProperty("parameters") @Nullable Map<String, String> parameters,
        @JsonProperty("lastAnalyzedTime") @Nullable Instant lastAnalyzedTime) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A partition defined by {@code input}, created at {@code creationTime}. */
    public static PartitionMeta of(List<String> values, String database, String table, Instant creationTime,
            PartitionDefinition input) {
        JsonNode sd = input.storageDescriptor();
        return new PartitionMeta(List.copyOf(values), database, table, creationTime, input.lastAccessTime(),
                sd == null || sd.isNull() ? null : sd.toString(), input.parameters(), input.lastAnalyzedTime());
    }

    /** The StorageDescriptor as a tree, or null. */
    @JsonIgnore
    public @Nullable JsonNode storageDescriptor() {
        try {
            return storageDescriptorJson == null ? null : JSON.readTree(storageDescriptorJson);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
