package io.tarn.glue.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.ColumnError;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.ColumnStatisticsError;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.DeleteColumnStatisticsForTableInput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.GetColumnStatisticsForTableInput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.GetColumnStatisticsOutput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.UpdateColumnStatisticsForTableInput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.UpdateColumnStatisticsOutput;
import io.tarn.glue.api.shapes.TableShapes.ErrorDetail;
import io.tarn.glue.engine.ColumnStatisticsStore;
import io.tarn.glue.engine.ColumnStatisticsStore.Found;

/** Update/Get/DeleteColumnStatisticsForTable. */
public final class ColumnStatisticsOperations {

    private final ColumnStatisticsStore statistics;

    public ColumnStatisticsOperations(ColumnStatisticsStore statistics) {
        this.statistics = statistics;
    }

    public UpdateColumnStatisticsOutput updateColumnStatisticsForTable(RequestContext ctx, UpdateColumnStatisticsForTableInput in) {
        CatalogIds.check(ctx, "UpdateColumnStatisticsForTable", in.catalogId());
        return new UpdateColumnStatisticsOutput(statistics.update(ctx.namespace(), in.databaseName(), in.tableName(),
                        Required.member(in.columnStatisticsList(), "columnStatisticsList")).stream()
                .map(r -> new ColumnStatisticsError(r.statistics(), new ErrorDetail(r.error().code(), r.error().getMessage())))
                .toList());
    }

    public GetColumnStatisticsOutput getColumnStatisticsForTable(RequestContext ctx, GetColumnStatisticsForTableInput in) {
        CatalogIds.check(ctx, "GetColumnStatisticsForTable", in.catalogId());
        Found found = statistics.get(ctx.namespace(), in.databaseName(), in.tableName(),
                Required.member(in.columnNames(), "columnNames"));
        return new GetColumnStatisticsOutput(found.statistics(), found.missing().entrySet().stream()
                .map(e -> new ColumnError(e.getKey(), new ErrorDetail(e.getValue().code(), e.getValue().getMessage()))).toList());
    }

    public Void deleteColumnStatisticsForTable(RequestContext ctx, DeleteColumnStatisticsForTableInput in) {
        CatalogIds.check(ctx, "DeleteColumnStatisticsForTable", in.catalogId());
        statistics.delete(ctx.namespace(), in.databaseName(), in.tableName(), in.columnName());
        return null;
    }
}
