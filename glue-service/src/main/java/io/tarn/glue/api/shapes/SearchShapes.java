package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tarn.glue.api.shapes.TableShapes.Table;
import io.tarn.glue.engine.TableSearch;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The wire shapes of SearchTables and GetCatalogImportStatus. */
public final class SearchShapes {

    private SearchShapes() {}

    public record PropertyPredicate(
            @JsonProperty("Key") @Nullable String key,
            @JsonProperty("Value") @Nullable String value,
            @JsonProperty("Comparator") @Nullable String comparator) {

        public TableSearch.Predicate toPredicate() {
            return new TableSearch.Predicate(key, value, comparator);
        }
    }

    public record SortCriterion(
            @JsonProperty("FieldName") @Nullable String fieldName,
            @JsonProperty("Sort") @Nullable String sort) {}

    public record SearchTablesInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("Filters") @Nullable List<PropertyPredicate> filters,
            @JsonProperty("SearchText") @Nullable String searchText,
            @JsonProperty("SortCriteria") @Nullable List<SortCriterion> sortCriteria,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("ResourceShareType") @Nullable String resourceShareType,
            @JsonProperty("IncludeStatusDetails") @Nullable Boolean includeStatusDetails) {}

    public record SearchTablesOutput(
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("TableList") List<Table> tableList) {}

    public record GetCatalogImportStatusInput(@JsonProperty("CatalogId") @Nullable String catalogId) {}

    public record CatalogImportStatus(
            @JsonProperty("ImportCompleted") boolean importCompleted,
            @JsonProperty("ImportTime") Instant importTime,
            @JsonProperty("ImportedBy") String importedBy) {}

    public record GetCatalogImportStatusOutput(@JsonProperty("ImportStatus") CatalogImportStatus importStatus) {}
}
