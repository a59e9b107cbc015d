package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.glue.api.shapes.TableShapes.ErrorDetail;
import io.tarn.glue.model.PartitionDefinition;
import io.tarn.glue.model.PartitionIndexMeta;
import io.tarn.glue.model.PartitionMeta;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The wire shapes of the partition and partition index operations, with Glue's member names. */
public final class PartitionShapes {

    private PartitionShapes() {}

    public record CreatePartitionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("PartitionInput") @Nullable PartitionDefinition partitionInput) {}

    public record BatchCreatePartitionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("PartitionInputList") @Nullable List<PartitionDefinition> partitionInputList) {}

    /** GetPartition and DeletePartition. */
    public record PartitionRef(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("PartitionValues") @Nullable List<String> partitionValues) {}

    public record SegmentShape(
            @JsonProperty("SegmentNumber") @Nullable Integer segmentNumber,
            @JsonProperty("TotalSegments") @Nullable Integer totalSegments) {}

    public record GetPartitionsInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("Expression") @Nullable String expression,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("Segment") @Nullable SegmentShape segment,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("ExcludeColumnSchema") @Nullable Boolean excludeColumnSchema,
            @JsonProperty("TransactionId") @Nullable String transactionId,
            @JsonProperty("QueryAsOfTime") @Nullable JsonNode queryAsOfTime) {}

    public record PartitionValueList(@JsonProperty("Values") @Nullable List<String> values) {}

    public record BatchGetPartitionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("PartitionsToGet") @Nullable List<PartitionValueList> partitionsToGet) {}

    public record UpdatePartitionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("PartitionValueList") @Nullable List<String> partitionValueList,
            @JsonProperty("PartitionInput") @Nullable PartitionDefinition partitionInput) {}

    public record BatchUpdatePartitionEntry(
            @JsonProperty("PartitionValueList") @Nullable List<String> partitionValueList,
            @JsonProperty("PartitionInput") @Nullable PartitionDefinition partitionInput) {}

    public record BatchUpdatePartitionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("Entries") @Nullable List<BatchUpdatePartitionEntry> entries) {}

    public record BatchDeletePartitionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("PartitionsToDelete") @Nullable List<PartitionValueList> partitionsToDelete) {}

    public record IndexShape(
            @JsonProperty("Keys") @Nullable List<String> keys,
            @JsonProperty("IndexName") @Nullable String indexName) {}

    public record CreatePartitionIndexInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("PartitionIndex") @Nullable IndexShape partitionIndex) {}

    public record GetPartitionIndexesInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record DeletePartitionIndexInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("IndexName") @Nullable String indexName) {}

    /** Glue's Partition. */
    public record Partition(
            @JsonProperty("Values") List<String> values,
            @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("TableName") String tableName,
            @JsonProperty("CreationTime") Instant creationTime,
            @JsonProperty("LastAccessTime") @Nullable Instant lastAccessTime,
            @JsonProperty("StorageDescriptor") @JsonRawValue @Nullable String storageDescriptor,
            @JsonProperty("Parameters") @Nullable Map<String, String> parameters,
            @JsonProperty("LastAnalyzedTime") @Nullable Instant lastAnalyzedTime,
            @JsonProperty("CatalogId") String catalogId) {

        /**
         * The wire form, the StorageDescriptor copied as stored (JSON text); without its Columns when
         * {@code excludeColumns} (ExcludeColumnSchema).
         */
        public static Partition of(PartitionMeta p, String catalogId, boolean excludeColumns) {
            String sd = p.storageDescriptorJson();
            if (excludeColumns && sd != null && sd.contains("\"Columns\"")) {
                JsonNode tree = p.storageDescriptor();
                if (tree instanceof ObjectNode o) {
                    o.remove("Columns");
                    sd = o.toString();
                }
            }
            return new Partition(p.values(), p.database(), p.table(), p.creationTime(), p.lastAccessTime(), sd,
                    p.parameters(), p.lastAnalyzedTime(), catalogId);
        }
    }

    public record GetPartitionOutput(@JsonProperty("Partition") Partition partition) {}

    public record GetPartitionsOutput(
            @JsonProperty("Partitions") List<Partition> partitions,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record BatchGetPartitionOutput(
            @JsonProperty("Partitions") List<Partition> partitions,
            @JsonProperty("UnprocessedKeys") List<PartitionValueList> unprocessedKeys) {}

    public record PartitionError(
            @JsonProperty("PartitionValues") List<String> partitionValues,
            @JsonProperty("ErrorDetail") ErrorDetail errorDetail) {}

    /** BatchCreatePartition and BatchDeletePartition. */
    public record PartitionErrorsOutput(@JsonProperty("Errors") List<PartitionError> errors) {}

    public record BatchUpdatePartitionFailure(
            @JsonProperty("PartitionValueList") List<String> partitionValueList,
            @JsonProperty("ErrorDetail") ErrorDetail errorDetail) {}

    public record BatchUpdatePartitionOutput(@JsonProperty("Errors") List<BatchUpdatePartitionFailure> errors) {}

    public record KeySchemaElement(@JsonProperty("Name") String name, @JsonProperty("Type") String type) {}

    public record BackfillError(
            @JsonProperty("Code") String code,
            @JsonProperty("Partitions") List<PartitionValueList> partitions) {}

    public record PartitionIndexDescriptor(
            @JsonProperty("IndexName") String indexName,
            @JsonProperty("Keys") List<KeySchemaElement> keys,
            @JsonProperty("IndexStatus") String indexStatus,
            @JsonProperty("BackfillErrors") @Nullable List<BackfillError> backfillErrors) {

        public static PartitionIndexDescriptor of(PartitionIndexMeta index) {
            List<KeySchemaElement> keys = index.keys().stream().map(k -> new KeySchemaElement(k.name(), k.type())).toList();
            if (index.active()) {
                return new PartitionIndexDescriptor(index.name(), keys, "ACTIVE", null);
            }
            // AWS's backfill error code for values that do not fit the key's type
            List<PartitionValueList> failed = index.invalidPartitions().stream().map(PartitionValueList::new).toList();
            return new PartitionIndexDescriptor(index.name(), keys, "FAILED",
                    List.of(new BackfillError("INVALID_PARTITION_TYPE_DATA_ERROR", failed)));
        }
    }

    public record GetPartitionIndexesOutput(
            @JsonProperty("PartitionIndexDescriptorList") List<PartitionIndexDescriptor> partitionIndexDescriptorList,
            @JsonProperty("NextToken") @Nullable String nextToken) {}
}
