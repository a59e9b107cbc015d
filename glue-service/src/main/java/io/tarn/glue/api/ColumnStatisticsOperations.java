package io.tarn.glue.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.ColumnError;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.ColumnStatisticsError;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.DeleteColumnStatisticsForPartitionInput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.DeleteColumnStatisticsForTableInput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.GetColumnStatisticsForPartitionInput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.GetColumnStatisticsForTableInput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.GetColumnStatisticsOutput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.UpdateColumnStatisticsForPartitionInput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.UpdateColumnStatisticsForTableInput;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes.UpdateColumnStatisticsOutput;
import io.tarn.glue.api.shapes.TableShapes.ErrorDetail;
import io.tarn.glue.engine.ColumnStatisticsStore;
import io.tarn.glue.engine.ColumnStatisticsStore.Found;
import io.tarn.glue.engine.ColumnStatisticsStore.Rejected;
import java.util.List;

/** Update/Get/DeleteColumnStatisticsForTable and Update/Get/DeleteColumnStatisticsForPartition. */
public final class ColumnStatisticsOperations {

    private final ColumnStatisticsStore statistics;

    public ColumnStatisticsOperations(ColumnStatisticsStore statistics) {
        this.statistics = statistics;
    }

    public UpdateColumnStatisticsOutput updateColumnStatisticsForTable(RequestContext ctx, UpdateColumnStatisticsForTableInput in) {
        CatalogIds.check(ctx, "UpdateColumnStatisticsForTable", in.catalogId());
        return updated(statistics.update(ctx.namespace(), in.databaseName(), in.tableName(),
                Required.member(in.columnStatisticsList(), "columnStatisticsList")));
    }

    public GetColumnStatisticsOutput getColumnStatisticsForTable(RequestContext ctx, GetColumnStatisticsForTableInput in) {
        CatalogIds.check(ctx, "GetColumnStatisticsForTable", in.catalogId());
        return found(statistics.get(ctx.namespace(), in.databaseName(), in.tableName(),
                Required.member(in.columnNames(), "columnNames")));
    }

    public Void deleteColumnStatisticsForTable(RequestContext ctx, DeleteColumnStatisticsForTableInput in) {
        CatalogIds.check(ctx, "DeleteColumnStatisticsForTable", in.catalogId());
        statistics.delete(ctx.namespace(), in.databaseName(), in.tableName(), in.columnName());
        return null;
    }

    public UpdateColumnStatisticsOutput updateColumnStatisticsForPartition(RequestContext ctx,
            UpdateColumnStatisticsForPartitionInput in) {
        CatalogIds.check(ctx, "UpdateColumnStatisticsForPartition", in.catalogId());
        return updated(statistics.updateForPartition(ctx.namespace(), in.databaseName(), in.tableName(),
                Required.member(in.partitionValues(), "partitionValues"),
                Required.member(in.columnStatisticsList(), "columnStatisticsList")));
    }

    public GetColumnStatisticsOutput getColumnStatisticsForPartition(RequestContext ctx, GetColumnStatisticsForPartitionInput in) {
        CatalogIds.check(ctx, "GetColumnStatisticsForPartition", in.catalogId());
        return found(statistics.getForPartition(ctx.namespace(), in.databaseName(), in.tableName(),
                Required.member(in.partitionValues(), "partitionValues"), Required.member(in.columnNames(), "columnNames")));
    }

    public Void deleteColumnStatisticsForPartition(RequestContext ctx, DeleteColumnStatisticsForPartitionInput in) {
        CatalogIds.check(ctx, "DeleteColumnStatisticsForPartition", in.catalogId());
        statistics.deleteForPartition(ctx.namespace(), in.databaseName(), in.tableName(),
                Required.member(in.partitionValues(), "partitionValues"), in.columnName());
        return null;
    }

    private static UpdateColumnStatisticsOutput updated(List<Rejected> rejected) {
        return new UpdateColumnStatisticsOutput(rejected.stream()
                .map(r -> new ColumnStatisticsError(r.statistics(), new ErrorDetail(r.error().code(), r.error().getMessage())))
                .toList());
    }

    private static GetColumnStatisticsOutput found(Found found) {
        return new GetColumnStatisticsOutput(found.statistics(), found.missing().entrySet().stream()
                .map(e -> new ColumnError(e.getKey(), new ErrorDetail(e.getValue().code(), e.getValue().getMessage()))).toList());
    }
}
