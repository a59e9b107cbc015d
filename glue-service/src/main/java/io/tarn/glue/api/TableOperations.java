package io.tarn.glue.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.TableShapes.BatchDeleteTableInput;
import io.tarn.glue.api.shapes.TableShapes.BatchDeleteTableOutput;
import io.tarn.glue.api.shapes.TableShapes.BatchDeleteTableVersionInput;
import io.tarn.glue.api.shapes.TableShapes.BatchDeleteTableVersionOutput;
import io.tarn.glue.api.shapes.TableShapes.CreateTableInput;
import io.tarn.glue.api.shapes.TableShapes.DeleteTableInput;
import io.tarn.glue.api.shapes.TableShapes.ErrorDetail;
import io.tarn.glue.api.shapes.TableShapes.GetTableInput;
import io.tarn.glue.api.shapes.TableShapes.GetTableOutput;
import io.tarn.glue.api.shapes.TableShapes.GetTableVersionInput;
import io.tarn.glue.api.shapes.TableShapes.GetTableVersionOutput;
import io.tarn.glue.api.shapes.TableShapes.GetTableVersionsInput;
import io.tarn.glue.api.shapes.TableShapes.GetTableVersionsOutput;
import io.tarn.glue.api.shapes.TableShapes.GetTablesInput;
import io.tarn.glue.api.shapes.TableShapes.GetTablesOutput;
import io.tarn.glue.api.shapes.TableShapes.Table;
import io.tarn.glue.api.shapes.TableShapes.TableError;
import io.tarn.glue.api.shapes.TableShapes.TableVersion;
import io.tarn.glue.api.shapes.TableShapes.TableVersionError;
import io.tarn.glue.api.shapes.TableShapes.UpdateTableInput;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.Tables;
import io.tarn.glue.model.TableMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The table operations and the table version operations. */
public final class TableOperations {

    /** The most names BatchDeleteTable and BatchDeleteTableVersion take, as the model says. */
    private static final int MAX_BATCH = 100;

    private final Tables tables;
    private final NextTokens tokens;

    public TableOperations(Tables tables, NextTokens tokens) {
        this.tables = tables;
        this.tokens = tokens;
    }

    public Void createTable(RequestContext ctx, CreateTableInput in) {
        CatalogIds.check(ctx, "CreateTable", in.catalogId());
        Unbuilt.refuse(in.transactionId(), "TransactionId (Lake Formation transactions) on CreateTable");
        Unbuilt.refuse(in.openTableFormatInput(), "OpenTableFormatInput (Glue writing the Iceberg metadata) on CreateTable");
        tables.create(ctx.namespace(), in.databaseName(), Required.member(in.tableInput(), "tableInput"), ctx.caller().arn());
        return null;
    }

    public GetTableOutput getTable(RequestContext ctx, GetTableInput in) {
        String catalog = CatalogIds.check(ctx, "GetTable", in.catalogId());
        Unbuilt.refuse(in.transactionId(), "TransactionId (Lake Formation transactions) on GetTable");
        Unbuilt.refuse(in.queryAsOfTime(), "QueryAsOfTime (reading the catalog as of a past time) on GetTable");
        return new GetTableOutput(Table.of(tables.get(ctx.namespace(), in.databaseName(), in.name()), catalog));
    }

    public GetTablesOutput getTables(RequestContext ctx, GetTablesInput in) {
        String catalog = CatalogIds.check(ctx, "GetTables", in.catalogId());
        Unbuilt.refuse(in.transactionId(), "TransactionId (Lake Formation transactions) on GetTables");
        Unbuilt.refuse(in.queryAsOfTime(), "QueryAsOfTime (reading the catalog as of a past time) on GetTables");
        int limit = NextTokens.pageSize(in.maxResults());
        String database = in.databaseName() == null ? null : in.databaseName().toLowerCase(Locale.ROOT);
        String scope = NextTokens.scope(ctx, "GetTables", database, in.expression());
        Page<TableMeta> page = tables.list(ctx.namespace(), in.databaseName(), in.expression(),
                tokens.open(scope, in.nextToken()), limit);
        return new GetTablesOutput(page.items().stream().map(t -> Table.of(t, catalog)).toList(), tokens.issue(scope, page.next()));
    }

    public Void updateTable(RequestContext ctx, UpdateTableInput in) {
        CatalogIds.check(ctx, "UpdateTable", in.catalogId());
        Unbuilt.refuse(in.transactionId(), "TransactionId (Lake Formation transactions) on UpdateTable");
        Unbuilt.refuse(in.updateOpenTableFormatInput(), "UpdateOpenTableFormatInput (Glue writing the Iceberg metadata) on UpdateTable");
        tables.update(ctx.namespace(), in.databaseName(), Required.member(in.tableInput(), "tableInput"), in.versionId(),
                Boolean.TRUE.equals(in.skipArchive()));
        return null;
    }

    public Void deleteTable(RequestContext ctx, DeleteTableInput in) {
        CatalogIds.check(ctx, "DeleteTable", in.catalogId());
        Unbuilt.refuse(in.transactionId(), "TransactionId (Lake Formation transactions) on DeleteTable");
        tables.delete(ctx.namespace(), in.databaseName(), in.name());
        return null;
    }

    /** Deletes each named table; a table that cannot be deleted is reported in Errors, the others still go. */
    public BatchDeleteTableOutput batchDeleteTable(RequestContext ctx, BatchDeleteTableInput in) {
        CatalogIds.check(ctx, "BatchDeleteTable", in.catalogId());
        Unbuilt.refuse(in.transactionId(), "TransactionId (Lake Formation transactions) on BatchDeleteTable");
        List<String> names = batch(Required.member(in.tablesToDelete(), "tablesToDelete"), "tablesToDelete");
        tables.requireDatabase(ctx.namespace(), in.databaseName());
        List<TableError> errors = new ArrayList<>();
        for (String name : names) {
            try {
                tables.delete(ctx.namespace(), in.databaseName(), name);
            } catch (AwsException e) {
                errors.add(new TableError(name, new ErrorDetail(e.code(), e.getMessage())));
            }
        }
        return new BatchDeleteTableOutput(errors);
    }

    public GetTableVersionOutput getTableVersion(RequestContext ctx, GetTableVersionInput in) {
        String catalog = CatalogIds.check(ctx, "GetTableVersion", in.catalogId());
        TableMeta version = tables.version(ctx.namespace(), in.databaseName(), in.tableName(), in.versionId());
        return new GetTableVersionOutput(versionOf(version, catalog));
    }

    public GetTableVersionsOutput getTableVersions(RequestContext ctx, GetTableVersionsInput in) {
        String catalog = CatalogIds.check(ctx, "GetTableVersions", in.catalogId());
        int limit = NextTokens.pageSize(in.maxResults());
        String scope = NextTokens.scope(ctx, "GetTableVersions", lower(in.databaseName()), lower(in.tableName()));
        Page<TableMeta> page = tables.versions(ctx.namespace(), in.databaseName(), in.tableName(),
                tokens.open(scope, in.nextToken()), limit);
        return new GetTableVersionsOutput(page.items().stream().map(t -> versionOf(t, catalog)).toList(),
                tokens.issue(scope, page.next()));
    }

    public Void deleteTableVersion(RequestContext ctx, GetTableVersionInput in) {
        CatalogIds.check(ctx, "DeleteTableVersion", in.catalogId());
        tables.deleteVersion(ctx.namespace(), in.databaseName(), in.tableName(), Required.member(in.versionId(), "versionId"));
        return null;
    }

    /** Deletes each named version of the table; a version that cannot be deleted is reported in Errors. */
    public BatchDeleteTableVersionOutput batchDeleteTableVersion(RequestContext ctx, BatchDeleteTableVersionInput in) {
        CatalogIds.check(ctx, "BatchDeleteTableVersion", in.catalogId());
        List<String> versions = batch(Required.member(in.versionIds(), "versionIds"), "versionIds");
        TableMeta table = tables.get(ctx.namespace(), in.databaseName(), in.tableName());
        List<TableVersionError> errors = new ArrayList<>();
        for (String version : versions) {
            try {
                tables.deleteVersion(ctx.namespace(), table.database(), table.name(), version);
            } catch (AwsException e) {
                errors.add(new TableVersionError(table.name(), version, new ErrorDetail(e.code(), e.getMessage())));
            }
        }
        return new BatchDeleteTableVersionOutput(errors);
    }

    /**
     * Refused, not dropped: a client that sends these expects Glue to act on them (write Iceberg metadata,
     * join a transaction); an Iceberg catalog such as GlueCatalog writes the metadata itself and needs neither.
     */
    private static TableVersion versionOf(TableMeta t, String catalog) {
        return new TableVersion(Table.of(t, catalog), Long.toString(t.version()));
    }

    private static <T> List<T> batch(List<T> items, String field) {
        if (items.size() > MAX_BATCH) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at '%s' failed to satisfy constraint: "
                    + "Member must have length less than or equal to %d", field, MAX_BATCH);
        }
        return items;
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
