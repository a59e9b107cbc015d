package io.tarn.glue.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.CatalogPort;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.TableMeta;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The catalog as the other services see it ({@link CatalogPort}): a table version's columns and
 * partition keys, read through {@link Tables} with GetTable's and GetTableVersion's checks and errors.
 */
public final class CatalogTableSchemas implements CatalogPort {

    /** Firehose's {@code VersionId} for "the current version" (its default). */
    private static final String LATEST = "LATEST";

    private final Tables tables;

    public CatalogTableSchemas(Tables tables) {
        this.tables = tables;
    }

    @Override
    public TableSchema tableSchema(Namespace ns, @Nullable String catalogId, String database, String table,
            @Nullable String versionId) {
        if (catalogId != null && !catalogId.equals(ns.account())) {
            // as CatalogIds answers a caller naming a catalog no resource policy shares with it
            throw GlueErrors.ACCESS_DENIED.exception("Cross account access to catalog %s is not allowed.", catalogId);
        }
        boolean latest = versionId == null || versionId.isEmpty() || LATEST.equals(versionId);
        TableMeta meta = tables.version(ns, database, table, latest ? null : versionId);
        JsonNode sd = meta.definition().storageDescriptor();
        return new TableSchema(meta.database(), meta.name(), Long.toString(meta.version()),
                columns(sd == null ? null : sd.get("Columns")), columns(meta.definition().partitionKeys()));
    }

    private static List<Column> columns(@Nullable JsonNode list) {
        List<Column> columns = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode c : list) {
                columns.add(new Column(c.path("Name").asText(), c.path("Type").asText("string")));
            }
        }
        return List.copyOf(columns);
    }
}
