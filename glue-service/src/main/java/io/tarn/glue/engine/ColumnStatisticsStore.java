package io.tarn.glue.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.ColumnStatistics;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.TableMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Column statistics of tables, one record per column. An update checks each entry against the table's
 * schema (the column exists; its type is the one given and one the statistics' kind fits) and stores
 * those that pass in one batch; the others come back with their error, as AWS reports them per entry.
 */
public final class ColumnStatisticsStore {

    /** The most entries an UpdateColumnStatisticsForTable takes, and the most columns a Get names. */
    public static final int MAX_UPDATE = 25;
    public static final int MAX_GET = 100;

    /** An entry not stored, and why. */
    public record Rejected(ColumnStatistics statistics, AwsException error) {}

    /** What a Get found, and the columns it did not. */
    public record Found(List<ColumnStatistics> statistics, Map<String, AwsException> missing) {}

    private final Keyspace keyspace;
    private final Object lock;
    private final Tables tables;

    ColumnStatisticsStore(Keyspace keyspace, Object lock, Tables tables) {
        this.keyspace = keyspace;
        this.lock = lock;
        this.tables = tables;
    }

    public List<Rejected> update(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            List<ColumnStatistics> entries) {
        if (entries.size() > MAX_UPDATE) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'columnStatisticsList' failed to satisfy "
                    + "constraint: Member must have length less than or equal to %d", MAX_UPDATE);
        }
        for (int i = 0; i < entries.size(); i++) {
            checkShape(entries.get(i), "columnStatisticsList." + (i + 1) + ".member");
        }
        synchronized (lock) {
            TableMeta table = tables.get(ns, databaseName, tableName);
            Map<String, String> columns = columnTypes(table);
            List<Rejected> rejected = new ArrayList<>();
            List<ColumnStatistics> accepted = new ArrayList<>();
            for (ColumnStatistics s : entries) {
                AwsException error = mismatch(s, columns);
                if (error == null) {
                    accepted.add(s);
                } else {
                    rejected.add(new Rejected(s, error));
                }
            }
            keyspace.write(b -> accepted.forEach(s -> b.put(
                    GlueKeys.columnStatistics(ns, table.database(), table.name(), lower(s.columnName())), s)));
            return rejected;
        }
    }

    public Found get(Namespace ns, @Nullable String databaseName, @Nullable String tableName, List<String> columnNames) {
        if (columnNames.size() > MAX_GET) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'columnNames' failed to satisfy "
                    + "constraint: Member must have length less than or equal to %d", MAX_GET);
        }
        TableMeta table = tables.get(ns, databaseName, tableName);
        List<ColumnStatistics> found = new ArrayList<>();
        Map<String, AwsException> missing = new HashMap<>();
        for (String column : columnNames) {
            ColumnStatistics s = column == null ? null : find(ns, table, column);
            if (s == null) {
                missing.put(column, notFound(column));
            } else {
                found.add(s);
            }
        }
        return new Found(found, missing);
    }

    public void delete(Namespace ns, @Nullable String databaseName, @Nullable String tableName, @Nullable String columnName) {
        String column = Names.check(columnName, "columnName");
        synchronized (lock) {
            TableMeta table = tables.get(ns, databaseName, tableName);
            if (find(ns, table, column) == null) {
                throw notFound(column);
            }
            keyspace.delete(GlueKeys.columnStatistics(ns, table.database(), table.name(), lower(column)));
        }
    }

    private @Nullable ColumnStatistics find(Namespace ns, TableMeta table, String column) {
        return keyspace.get(GlueKeys.columnStatistics(ns, table.database(), table.name(), lower(column)), ColumnStatistics.class)
                .orElse(null);
    }

    private static void checkShape(ColumnStatistics s, String field) {
        Names.check(s.columnName(), field + ".columnName");
        if (s.columnType() == null) {
            throw missing(field + ".columnType");
        }
        if (s.analyzedTime() == null) {
            throw missing(field + ".analyzedTime");
        }
        StatisticsData.check(s.statisticsData(), field + ".statisticsData");
    }

    /** Why an entry does not fit the table's schema, or null when it does. */
    private static @Nullable AwsException mismatch(ColumnStatistics s, Map<String, String> columns) {
        String columnType = columns.get(lower(s.columnName()));
        if (columnType == null) {
            return GlueErrors.INVALID_INPUT.exception("Column %s not found in table schema.", s.columnName());
        }
        if (!normalType(columnType).equals(normalType(s.columnType()))) {
            return GlueErrors.INVALID_INPUT.exception("Column type %s does not match the type %s of column %s in the table schema.",
                    s.columnType(), columnType, s.columnName());
        }
        JsonNode data = s.statisticsData();
        String kind = data == null ? "" : data.path("Type").asText();
        if (!StatisticsData.fits(kind, columnType)) {
            return GlueErrors.INVALID_INPUT.exception("Statistics of type %s cannot describe column %s of type %s.", kind,
                    s.columnName(), columnType);
        }
        return null;
    }

    /** The table's StorageDescriptor columns: lower-cased name to Hive type. */
    private static Map<String, String> columnTypes(TableMeta table) {
        Map<String, String> types = new HashMap<>();
        JsonNode sd = table.definition().storageDescriptor();
        if (sd != null) {
            for (JsonNode column : sd.path("Columns")) {
                if (column.hasNonNull("Name")) {
                    types.put(lower(column.get("Name").asText()), column.path("Type").asText(""));
                }
            }
        }
        return types;
    }

    private static String normalType(@Nullable String type) {
        return type == null ? "" : type.toLowerCase(Locale.ROOT).replace(" ", "");
    }

    private static String lower(@Nullable String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static AwsException notFound(@Nullable String column) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Column statistics of column %s not found.", column);
    }

    private static AwsException missing(String field) {
        return GlueErrors.VALIDATION.exception(
                "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field);
    }
}
