package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tarn.glue.api.shapes.TableShapes.ErrorDetail;
import io.tarn.glue.model.ColumnStatistics;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The wire shapes of the column statistics operations, of tables and of partitions. */
public final class ColumnStatisticsShapes {

    private ColumnStatisticsShapes() {}

    public record UpdateColumnStatisticsForTableInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("ColumnStatisticsList") @Nullable List<ColumnStatistics> columnStatisticsList) {}

    public record ColumnStatisticsError(
            @JsonProperty("ColumnStatistics") ColumnStatistics columnStatistics,
            @JsonProperty("Error") ErrorDetail error) {}

    public record UpdateColumnStatisticsOutput(@JsonProperty("Errors") List<ColumnStatisticsError> errors) {}

    public record GetColumnStatisticsForTableInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("ColumnNames") @Nullable List<String> columnNames) {}

    public record ColumnError(
            @JsonProperty("ColumnName") @Nullable String columnName,
            @JsonProperty("Error") ErrorDetail error) {}

    public record GetColumnStatisticsOutput(
            @JsonProperty("ColumnStatisticsList") List<ColumnStatistics> columnStatisticsList,
            @JsonProperty("Errors") List<ColumnError> errors) {}

    public record DeleteColumnStatisticsForTableInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("ColumnName") @Nullable String columnName) {}

    public record UpdateColumnStatisticsForPartitionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("PartitionValues") @Nullable List<String> partitionValues,
            @JsonProperty("ColumnStatisticsList") @Nullable List<ColumnStatistics> columnStatisticsList) {}

    public record GetColumnStatisticsForPartitionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("PartitionValues") @Nullable List<String> partitionValues,
            @JsonProperty("ColumnNames") @Nullable List<String> columnNames) {}

    public record DeleteColumnStatisticsForPartitionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("TableName") @Nullable String tableName,
            @JsonProperty("PartitionValues") @Nullable List<String> partitionValues,
            @JsonProperty("ColumnName") @Nullable String columnName) {}
}
