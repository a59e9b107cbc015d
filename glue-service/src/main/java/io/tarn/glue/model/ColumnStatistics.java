package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Glue's ColumnStatistics, stored as sent once checked: the column, its type, when it was analysed and
 * the StatisticsData union (kept as the client's JSON, so a DecimalNumber's bytes round-trip untouched).
 */
public record ColumnStatistics(
        @JsonProperty("ColumnName") @Nullable String columnName,
        @JsonProperty("ColumnType") @Nullable String columnType,
        @JsonProperty("AnalyzedTime") @Nullable Instant analyzedTime,
        @JsonProperty("StatisticsData") @Nullable JsonNode statisticsData) {}
