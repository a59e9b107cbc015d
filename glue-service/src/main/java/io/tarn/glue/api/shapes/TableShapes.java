package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.glue.model.TableDefinition;
import io.tarn.glue.model.TableMeta;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The wire shapes of the table and table version operations, with Glue's member names. */
public final class TableShapes {

    private TableShapes() {}

    public record CreateTableInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableInput") @Nullable TableDefinition tableInput,
            @JsonProperty("TransactionId") @Nullable String transactionId,
            @JsonProperty("OpenTableFormatInput") @Nullable JsonNode openTableFormatInput) {}

    public record GetTableInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("TransactionId") @Nullable String transactionId,
            @JsonProperty("QueryAsOfTime") @Nullable JsonNode queryAsOfTime) {}

    public record GetTablesInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("Expression") @Nullable String expression,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("TransactionId") @Nullable String transactionId,
            @JsonProperty("QueryAsOfTime") @Nullable JsonNode queryAsOfTime) {}

    public record UpdateTableInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("TableInput") @Nullable TableDefinition tableInput,
            @JsonProperty("SkipArchive") @Nullable Boolean skipArchive,
            @JsonProperty("VersionId") @Nullable String versionId,
            @JsonProperty("TransactionId") @Nullable String transactionId,
            @JsonProperty("UpdateOpenTableFormatInput") @Nullable JsonNode updateOpenTableFormatInput) {}

    public record DeleteTableInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("TransactionId") @Nullable String transactionId) {}

    public record BatchDeleteTableInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TablesToDelete") @Nullable List<String> tablesToDelete,
            @JsonProperty("TransactionId") @Nullable String transactionId) {}

    public record GetTableVersionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("VersionId") @Nullable String versionId) {}

    public record GetTableVersionsInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults) {}

    public record BatchDeleteTableVersionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("VersionIds") @Nullable List<String> versionIds) {}

    /** Glue's Table: one stored version with its database, catalog and times. */
    public record Table(
            @JsonProperty("Name") String name,
            @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("Owner") @Nullable String owner,
            @JsonProperty("CreateTime") Instant createTime,
            @JsonProperty("UpdateTime") Instant updateTime,
            @JsonProperty("LastAccessTime") @Nullable Instant lastAccessTime,
            @JsonProperty("LastAnalyzedTime") @Nullable Instant lastAnalyzedTime,
            @JsonProperty("Retention") int retention,
            @JsonProperty("StorageDescriptor") @Nullable JsonNode storageDescriptor,
            @JsonProperty("PartitionKeys") JsonNode partitionKeys,
            @JsonProperty("ViewOriginalText") @Nullable String viewOriginalText,
            @JsonProperty("ViewExpandedText") @Nullable String viewExpandedText,
            @JsonProperty("TableType") @Nullable String tableType,
            @JsonProperty("Parameters") @Nullable Map<String, String> parameters,
            @JsonProperty("CreatedBy") String createdBy,
            @JsonProperty("IsRegisteredWithLakeFormation") boolean isRegisteredWithLakeFormation,
            @JsonProperty("TargetTable") @Nullable JsonNode targetTable,
            @JsonProperty("CatalogId") String catalogId,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("ViewDefinition") @Nullable JsonNode viewDefinition) {

        public static Table of(TableMeta t, String catalogId) {
            TableDefinition d = t.definition();
            // AWS answers an empty PartitionKeys list and Retention 0 for a table created without them
            JsonNode partitionKeys = d.partitionKeys() != null ? d.partitionKeys()
                    : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            return new Table(t.name(), t.database(), d.description(), d.owner(), t.createTime(), t.updateTime(),
                    d.lastAccessTime(), d.lastAnalyzedTime(), d.retention() == null ? 0 : d.retention(),
                    d.storageDescriptor(), partitionKeys, d.viewOriginalText(), d.viewExpandedText(), d.tableType(),
                    d.parameters(), t.createdBy(), false, d.targetTable(), catalogId, Long.toString(t.version()),
                    d.viewDefinition());
        }
    }

    public record GetTableOutput(@JsonProperty("Table") Table table) {}

    public record GetTablesOutput(
            @JsonProperty("TableList") List<Table> tableList,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record ErrorDetail(
            @JsonProperty("ErrorCode") String errorCode,
            @JsonProperty("ErrorMessage") @Nullable String errorMessage) {}

    public record TableError(
            @JsonProperty("TableName") String tableName,
            @JsonProperty("ErrorDetail") ErrorDetail errorDetail) {}

    public record BatchDeleteTableOutput(@JsonProperty("Errors") List<TableError> errors) {}

    public record TableVersion(
            @JsonProperty("Table") Table table,
            @JsonProperty("VersionId") String versionId) {}

    public record GetTableVersionOutput(@JsonProperty("TableVersion") TableVersion tableVersion) {}

    public record GetTableVersionsOutput(
            @JsonProperty("TableVersions") List<TableVersion> tableVersions,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record TableVersionError(
            @JsonProperty("TableName") String tableName,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("ErrorDetail") ErrorDetail errorDetail) {}

    public record BatchDeleteTableVersionOutput(@JsonProperty("Errors") List<TableVersionError> errors) {}
}
