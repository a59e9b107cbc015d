package io.tarn.glue.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.SearchShapes.CatalogImportStatus;
import io.tarn.glue.api.shapes.SearchShapes.GetCatalogImportStatusInput;
import io.tarn.glue.api.shapes.SearchShapes.GetCatalogImportStatusOutput;
import io.tarn.glue.api.shapes.SearchShapes.PropertyPredicate;
import io.tarn.glue.api.shapes.SearchShapes.SearchTablesInput;
import io.tarn.glue.api.shapes.SearchShapes.SearchTablesOutput;
import io.tarn.glue.api.shapes.SearchShapes.SortCriterion;
import io.tarn.glue.api.shapes.TableShapes.Table;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.TableSearch;
import io.tarn.glue.model.TableMeta;
import java.util.List;

/** SearchTables and GetCatalogImportStatus: the catalog-wide reads. */
public final class SearchOperations {

    private static final int MAX_PAGE = 1000;
    /** Who AWS names as the importer of a catalog that was never migrated from Athena: nobody, by default. */
    private static final String IMPORTED_BY_DEFAULT = "StatusSetByDefault";

    private final TableSearch search;
    private final NextTokens tokens;

    public SearchOperations(TableSearch search, NextTokens tokens) {
        this.search = search;
        this.tokens = tokens;
    }

    public SearchTablesOutput searchTables(RequestContext ctx, SearchTablesInput in) {
        String catalog = CatalogIds.check(ctx, "SearchTables", in.catalogId());
        int limit = NextTokens.pageSize(in.maxResults(), MAX_PAGE);
        List<SortCriterion> sort = in.sortCriteria() == null ? List.of() : in.sortCriteria();
        if (sort.size() > 1) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'sortCriteria' failed to satisfy "
                    + "constraint: Member must have length less than or equal to 1");
        }
        SortCriterion criterion = sort.isEmpty() ? new SortCriterion(null, null) : sort.get(0);
        List<PropertyPredicate> filters = in.filters() == null ? List.of() : in.filters();
        if (ResourceShareTypes.findsNothing(in.resourceShareType())) {
            return new SearchTablesOutput(null, List.of());
        }
        String scope = NextTokens.scope(ctx, "SearchTables", in.searchText(), filters, criterion, in.resourceShareType());
        String position = tokens.open(scope, in.nextToken());
        Page<TableMeta> page = search.search(ctx.namespace(), in.searchText(),
                filters.stream().map(PropertyPredicate::toPredicate).toList(), criterion.fieldName(),
                "DESC".equals(criterion.sort()), position == null ? 0 : Integer.parseInt(position), limit);
        return new SearchTablesOutput(tokens.issue(scope, page.next()), page.items().stream().map(t -> Table.of(t, catalog)).toList());
    }

    /**
     * Tarn's catalogs were never Athena catalogs, so there is nothing to import: AWS answers such a catalog
     * as imported, by default, and Tarn dates that to the moment of the call.
     */
    public GetCatalogImportStatusOutput getCatalogImportStatus(RequestContext ctx, GetCatalogImportStatusInput in) {
        CatalogIds.check(ctx, "GetCatalogImportStatus", in.catalogId());
        return new GetCatalogImportStatusOutput(new CatalogImportStatus(true, ctx.now(), IMPORTED_BY_DEFAULT));
    }
}
