package io.tarn.glue.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.ColumnStatistics;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.PartitionMeta;
import io.tarn.glue.model.TableMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Column statistics of tables and of partitions, one record per column. An update checks each entry
 * against the schema it describes (the column exists; its type is the one given and one the statistics'
 * kind fits) and stores those that pass in one batch; the others come back with their error, as AWS
 * reports them per entry. A partition's schema is its own StorageDescriptor's columns, else its table's.
 */
public final class ColumnStatisticsStore {

    /** The most entries an UpdateColumnStatisticsFor... takes, and the most columns a Get names. */
    public static final int MAX_UPDATE = 25;
    public static final int MAX_GET = 100;

    /** An entry not stored, and why. */
    public record Rejected(ColumnStatistics statistics, AwsException error) {}

    /** What a Get found, and the columns it did not. */
    public record Found(List<ColumnStatistics> statistics, Map<String, AwsException> missing) {}

    /** What statistics describe (a table, or one partition of it): where they are kept, and its columns' types by lower-cased name. */
    private record Subject(Key prefix, Map<String, String> columns) {

        Key column(String name) {
            return prefix.with(lower(name));
        }
    }

    private final Keyspace keyspace;
    private final Object lock;
    private final Tables tables;
    private final Partitions partitions;

    ColumnStatisticsStore(Keyspace keyspace, Object lock, Tables tables, Partitions partitions) {
        this.keyspace = keyspace;
        this.lock = lock;
        this.tables = tables;
        this.partitions = partitions;
    }

    // ---- tables

    public List<Rejected> update(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            List<ColumnStatistics> entries) {
        checkEntries(entries);
        synchronized (lock) {
            return store(table(ns, databaseName, tableName), entries);
        }
    }

    public Found get(Namespace ns, @Nullable String databaseName, @Nullable String tableName, List<String> columnNames) {
        checkNames(columnNames);
        return find(table(ns, databaseName, tableName), columnNames);
    }

    /** Deletes a column's statistics; statistics that were never stored are no error, as in AWS. */
    public void delete(Namespace ns, @Nullable String databaseName, @Nullable String tableName, @Nullable String columnName) {
        String column = Names.check(columnName, "columnName");
        synchronized (lock) {
            keyspace.delete(table(ns, databaseName, tableName).column(column));
        }
    }

    // ---- partitions

    public List<Rejected> updateForPartition(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            List<String> values, List<ColumnStatistics> entries) {
        checkEntries(entries);
        synchronized (lock) {
            return store(partition(ns, databaseName, tableName, values), entries);
        }
    }

    public Found getForPartition(Namespace ns, @Nullable String databaseName, @Nullable String tableName, List<String> values,
            List<String> columnNames) {
        checkNames(columnNames);
        return find(partition(ns, databaseName, tableName, values), columnNames);
    }

    /** Deletes a column's statistics of a partition; statistics that were never stored are no error. */
    public void deleteForPartition(Namespace ns, @Nullable String databaseName, @Nullable String tableName, List<String> values,
            @Nullable String columnName) {
        String column = Names.check(columnName, "columnName");
        synchronized (lock) {
            keyspace.delete(partition(ns, databaseName, tableName, values).column(column));
        }
    }

    // ---- what both share

    private Subject table(Namespace ns, @Nullable String databaseName, @Nullable String tableName) {
        TableMeta table = tables.get(ns, databaseName, tableName);
        return new Subject(GlueKeys.tableColumnStatistics(ns, table.database(), table.name()),
                columnTypes(table.definition().storageDescriptor()));
    }

    /** The partition's statistics; EntityNotFoundException unless the database, the table and the partition exist. */
    private Subject partition(Namespace ns, @Nullable String databaseName, @Nullable String tableName, List<String> values) {
        TableMeta table = tables.get(ns, databaseName, tableName);
        PartitionMeta partition = values.stream().anyMatch(Objects::isNull) ? null : partitions.find(ns, table, values);
        if (partition == null) {
            // AWS's words, as clients of the statistics operations report them ("Partition [10] not found")
            throw GlueErrors.ENTITY_NOT_FOUND.exception("Partition %s not found", values);
        }
        Map<String, String> columns = columnTypes(partition.storageDescriptor());
        return new Subject(GlueKeys.partitionColumnStatistics(ns, table.database(), table.name(), partition.values()),
                columns.isEmpty() ? columnTypes(table.definition().storageDescriptor()) : columns);
    }

    private List<Rejected> store(Subject subject, List<ColumnStatistics> entries) {
        List<Rejected> rejected = new ArrayList<>();
        List<ColumnStatistics> accepted = new ArrayList<>();
        for (ColumnStatistics s : entries) {
            AwsException error = mismatch(s, subject.columns());
            if (error == null) {
                accepted.add(s);
            } else {
                rejected.add(new Rejected(s, error));
            }
        }
        keyspace.write(b -> accepted.forEach(s -> b.put(subject.column(s.columnName()), s)));
        return rejected;
    }

    private Found find(Subject subject, List<String> columnNames) {
        List<ColumnStatistics> found = new ArrayList<>();
        Map<String, AwsException> missing = new HashMap<>();
        for (String column : columnNames) {
            ColumnStatistics s = column == null ? null
                    : keyspace.get(subject.column(column), ColumnStatistics.class).orElse(null);
            if (s == null) {
                missing.put(column, notFound(column));
            } else {
                found.add(s);
            }
        }
        return new Found(found, missing);
    }

    private static void checkEntries(List<ColumnStatistics> entries) {
        if (entries.size() > MAX_UPDATE) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'columnStatisticsList' failed to satisfy "
                    + "constraint: Member must have length less than or equal to %d", MAX_UPDATE);
        }
        for (int i = 0; i < entries.size(); i++) {
            checkShape(entries.get(i), "columnStatisticsList." + (i + 1) + ".member");
        }
    }

    private static void checkNames(List<String> columnNames) {
        if (columnNames.size() > MAX_GET) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'columnNames' failed to satisfy "
                    + "constraint: Member must have length less than or equal to %d", MAX_GET);
        }
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

    /** Why an entry does not fit the schema, or null when it does. */
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

    /** A StorageDescriptor's columns: lower-cased name to Hive type (none without a descriptor). */
    private static Map<String, String> columnTypes(@Nullable JsonNode sd) {
        Map<String, String> types = new HashMap<>();
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
