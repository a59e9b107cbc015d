package io.tarn.glue.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.catalog.expression.PartitionExpression;
import io.tarn.glue.catalog.expression.PartitionExpressionException;
import io.tarn.glue.catalog.expression.PartitionKey;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.PartitionDefinition;
import io.tarn.glue.model.PartitionIndexMeta;
import io.tarn.glue.model.PartitionMeta;
import io.tarn.glue.model.TableMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The partitions of tables. A partition is stored under its values as text (Glue tells partitions apart by
 * their text: {@code 05} is not {@code 5}). A filtered listing reads every partition of the table unless a
 * partition index's first key is bounded by the expression: then it scans that index's range of typed values
 * ({@link PartitionIndexes}) and reads only the partitions found there.
 */
public final class Partitions {

    /** Segment of a parallel GetPartitions: which of {@code total} disjoint shares of the partitions to read. */
    public record Segment(int number, int total) {}

    /** A partition a batch could not write, with the error AWS reports for it. */
    public record Failure(List<String> values, AwsException error) {}

    /** Where a page position comes from: the table's partitions, or an index's entries. */
    private static final String FULL_SCAN = "p";
    private static final String INDEX_SCAN = "i";

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Object lock;
    private final Tables tables;
    private final PartitionIndexes indexes;

    Partitions(Keyspace keyspace, EmulatorClock clock, Object lock, Tables tables) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.lock = lock;
        this.tables = tables;
        this.indexes = new PartitionIndexes(keyspace, lock, tables);
    }

    public PartitionIndexes indexes() {
        return indexes;
    }

    public PartitionMeta create(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            PartitionDefinition input) {
        List<Failure> failures = createAll(ns, databaseName, tableName, List.of(input));
        if (!failures.isEmpty()) {
            throw failures.get(0).error();
        }
        return get(ns, databaseName, tableName, input.values());
    }

    /** Creates each partition; one that cannot be created is reported as a failure, the others are written. */
    public List<Failure> createAll(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            List<PartitionDefinition> inputs) {
        synchronized (lock) {
            TableMeta table = tables.get(ns, databaseName, tableName);
            List<PartitionKey> keys = partitionKeys(table);
            List<PartitionIndexMeta> tableIndexes = indexes.list(ns, table);
            List<Failure> failures = new ArrayList<>();
            List<PartitionMeta> created = new ArrayList<>();
            Set<List<String>> seen = new HashSet<>();
            for (PartitionDefinition input : inputs) {
                List<String> values = input.values() == null ? List.of() : input.values();
                try {
                    checkValues(keys, values);
                    if (!seen.add(values) || find(ns, table, values) != null) {
                        throw GlueErrors.ALREADY_EXISTS.exception("Partition already exists.");
                    }
                    indexes.checkIndexable(tableIndexes, keys, values);
                    created.add(PartitionMeta.of(values, table.database(), table.name(), clock.instant(), input));
                } catch (AwsException e) {
                    seen.remove(values);
                    failures.add(new Failure(values, e));
                }
            }
            keyspace.write(b -> {
                for (PartitionMeta p : created) {
                    b.put(GlueKeys.partition(ns, p.database(), p.table(), p.values()), p);
                    indexes.add(b, ns, tableIndexes, keys, p);
                }
            });
            return failures;
        }
    }

    public PartitionMeta get(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            @Nullable List<String> values) {
        TableMeta table = tables.get(ns, databaseName, tableName);
        List<String> v = values == null ? List.of() : values;
        checkValues(partitionKeys(table), v);
        PartitionMeta found = find(ns, table, v);
        if (found == null) {
            throw notFound();
        }
        return found;
    }

    /** The partitions of those values that exist, in the order asked; missing ones are left out, as in AWS. */
    public List<PartitionMeta> getAll(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            List<List<String>> valuesList) {
        TableMeta table = tables.get(ns, databaseName, tableName);
        List<PartitionMeta> found = new ArrayList<>();
        for (List<String> values : valuesList) {
            PartitionMeta p = values == null || values.stream().anyMatch(Objects::isNull) ? null : find(ns, table, values);
            if (p != null) {
                found.add(p);
            }
        }
        return found;
    }

    /**
     * A page of the table's partitions that match {@code expression} (all when null or blank) and fall in
     * {@code segment}, resuming after {@code after} (a position an earlier page returned).
     */
    public Page<PartitionMeta> list(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            @Nullable String expression, @Nullable Segment segment, @Nullable String after, int limit) {
        TableMeta table = tables.get(ns, databaseName, tableName);
        List<PartitionKey> keys = partitionKeys(table);
        PartitionExpression filter = parse(expression == null ? "" : expression, keys);
        // a page of a full scan goes on as one even if an index has been created since
        PartitionIndexes.Scan scan = after != null && after.startsWith(FULL_SCAN) ? null : indexes.choose(ns, table, keys, filter);
        Key prefix = scan != null ? scan.prefix() : GlueKeys.partitions(ns, table.database(), table.name());
        byte[] resume = after == null ? null : position(after, scan != null ? INDEX_SCAN : FULL_SCAN, prefix);
        Key from = resume != null ? Key.fromBytes(resume) : scan != null ? scan.from() : null;
        if (scan != null && scan.empty()) {
            return new Page<>(List.of(), null);
        }
        List<PartitionMeta> items = new ArrayList<>();
        Key[] last = {null};
        boolean[] more = {false};
        keyspace.scan(prefix, from, e -> {
            if (resume != null && Arrays.equals(e.key().bytes(), resume)) {
                return true;
            }
            PartitionMeta p;
            if (scan != null) {
                if (scan.beyond(e.key())) {
                    return false;
                }
                p = find(ns, table, scan.partitionValues(e.key()));
                if (p == null) {
                    return true;
                }
            } else {
                p = e.value(PartitionMeta.class);
            }
            if (segment != null && Math.floorMod(p.values().hashCode(), segment.total()) != segment.number()) {
                return true;
            }
            if (!matches(filter, p)) {
                return true;
            }
            if (items.size() == limit) {
                more[0] = true;
                return false;
            }
            items.add(p);
            last[0] = e.key();
            return true;
        });
        return new Page<>(items, more[0]
                ? (scan != null ? INDEX_SCAN : FULL_SCAN) + Base64.getUrlEncoder().withoutPadding().encodeToString(last[0].bytes())
                : null);
    }

    /** EntityNotFoundException unless the database and the table exist: what fails a whole batch. */
    public void requireTable(Namespace ns, @Nullable String databaseName, @Nullable String tableName) {
        tables.get(ns, databaseName, tableName);
    }

    /** Replaces a partition's definition; new Values in the input move it (AlreadyExists if taken). */
    public void update(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            @Nullable List<String> values, PartitionDefinition input) {
        synchronized (lock) {
            TableMeta table = tables.get(ns, databaseName, tableName);
            List<PartitionKey> keys = partitionKeys(table);
            PartitionMeta current = get(ns, table.database(), table.name(), values);
            List<String> newValues = input.values() == null ? current.values() : input.values();
            checkValues(keys, newValues);
            boolean moved = !newValues.equals(current.values());
            if (moved && find(ns, table, newValues) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Partition already exists.");
            }
            List<PartitionIndexMeta> tableIndexes = indexes.list(ns, table);
            indexes.checkIndexable(tableIndexes, keys, newValues);
            PartitionMeta next = PartitionMeta.of(newValues, table.database(), table.name(), current.creationTime(), input);
            keyspace.write(b -> {
                if (moved) {
                    // the statistics described the partition under its old values: they go with them
                    b.delete(GlueKeys.partition(ns, table.database(), table.name(), current.values()))
                            .deletePrefix(GlueKeys.partitionColumnStatistics(ns, table.database(), table.name(), current.values()));
                    indexes.remove(b, ns, tableIndexes, keys, current);
                    indexes.add(b, ns, tableIndexes, keys, next);
                }
                b.put(GlueKeys.partition(ns, table.database(), table.name(), next.values()), next);
            });
        }
    }

    public void delete(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            @Nullable List<String> values) {
        synchronized (lock) {
            TableMeta table = tables.get(ns, databaseName, tableName);
            PartitionMeta current = get(ns, table.database(), table.name(), values);
            List<PartitionIndexMeta> tableIndexes = indexes.list(ns, table);
            List<PartitionKey> keys = partitionKeys(table);
            keyspace.write(b -> {
                b.delete(GlueKeys.partition(ns, table.database(), table.name(), current.values()))
                        .deletePrefix(GlueKeys.partitionColumnStatistics(ns, table.database(), table.name(), current.values()));
                indexes.remove(b, ns, tableIndexes, keys, current);
            });
        }
    }

    /** Adds to {@code batch} the deletion of a table's partitions, their column statistics and indexes (DeleteTable). */
    static void deleteAllOf(Batch batch, Namespace ns, String database, String table) {
        batch.deletePrefix(GlueKeys.partitions(ns, database, table))
                .deletePrefix(GlueKeys.tablePartitionColumnStatistics(ns, database, table))
                .deletePrefix(GlueKeys.partitionIndexes(ns, database, table))
                .deletePrefix(GlueKeys.partitionIndexEntries(ns, database, table));
    }

    /** Adds to {@code batch} the deletion of the partitions, their column statistics and indexes of a database's tables (DeleteDatabase). */
    static void deleteAllOf(Batch batch, Namespace ns, String database) {
        batch.deletePrefix(GlueKeys.allPartitions(ns, database))
                .deletePrefix(GlueKeys.allPartitionColumnStatistics(ns, database))
                .deletePrefix(GlueKeys.allPartitionIndexes(ns, database))
                .deletePrefix(GlueKeys.allPartitionIndexEntries(ns, database));
    }

    /** The table's partition keys, names and declared types, in order. */
    static List<PartitionKey> partitionKeys(TableMeta table) {
        JsonNode keys = table.definition().partitionKeys();
        List<PartitionKey> out = new ArrayList<>();
        if (keys != null) {
            for (JsonNode k : keys) {
                out.add(new PartitionKey(k.path("Name").asText(""), k.path("Type").asText("")));
            }
        }
        return out;
    }

    static PartitionExpression parse(String expression, List<PartitionKey> keys) {
        try {
            return PartitionExpression.parse(expression, keys);
        } catch (PartitionExpressionException e) {
            throw error(e);
        }
    }

    private static boolean matches(PartitionExpression filter, PartitionMeta p) {
        try {
            return filter.test(p.values());
        } catch (PartitionExpressionException e) {
            throw error(e);
        }
    }

    private static AwsException error(PartitionExpressionException e) {
        return (e.kind() == PartitionExpressionException.Kind.INVALID_STATE ? GlueErrors.INVALID_STATE : GlueErrors.INVALID_INPUT)
                .exception(e.getMessage());
    }

    /** The key a page resumes after: one of the scan being made, else the token is refused. */
    private static byte[] position(String after, String kind, Key prefix) {
        try {
            if (after.startsWith(kind)) {
                byte[] key = Base64.getUrlDecoder().decode(after.substring(kind.length()));
                if (Key.fromBytes(key).startsWith(prefix)) {
                    return key;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64: refused below
        }
        throw GlueErrors.INVALID_INPUT.exception("Invalid NextToken: %s", after);
    }

    private static void checkValues(List<PartitionKey> keys, List<String> values) {
        for (String value : values) {
            if (value == null) {
                throw GlueErrors.VALIDATION.exception("1 validation error detected: Value null at 'values' failed to satisfy "
                        + "constraint: Member must not contain null elements");
            }
        }
        if (values.size() != keys.size()) {
            throw GlueErrors.INVALID_INPUT.exception("The number of partition keys do not match the number of partition values");
        }
    }

    @Nullable PartitionMeta find(Namespace ns, TableMeta table, List<String> values) {
        Optional<PartitionMeta> p = keyspace.get(GlueKeys.partition(ns, table.database(), table.name(), values),
                PartitionMeta.class);
        return p.orElse(null);
    }

    static AwsException notFound() {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Partition not found.");
    }
}
