package io.tarn.glue.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.catalog.expression.KeyRange;
import io.tarn.glue.catalog.expression.KeyType;
import io.tarn.glue.catalog.expression.PartitionExpression;
import io.tarn.glue.catalog.expression.PartitionKey;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.PartitionIndexMeta;
import io.tarn.glue.model.PartitionIndexMeta.IndexKey;
import io.tarn.glue.model.PartitionMeta;
import io.tarn.glue.model.TableMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Partition indexes: per index, one entry per partition keyed by the indexed keys' values in their types'
 * order ({@link IndexValueEncoding}) then the partition's values, so the partitions whose first indexed key
 * lies in a range are one range scan. Entries are written in the same batch as their partition; an index is
 * built (backfilled) when created, so it is ACTIVE at once, or FAILED when a value does not fit its key's type.
 */
public final class PartitionIndexes {

    /** AWS's limit of partition indexes per table. */
    static final int MAX_PER_TABLE = 3;

    private final Keyspace keyspace;
    private final Object lock;
    private final Tables tables;

    PartitionIndexes(Keyspace keyspace, Object lock, Tables tables) {
        this.keyspace = keyspace;
        this.lock = lock;
        this.tables = tables;
    }

    /** Creates an index on partition keys of the table and builds it from the partitions there are. */
    public PartitionIndexMeta create(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            @Nullable String indexName, @Nullable List<String> keyNames) {
        String name = Names.normalize(indexName, "partitionIndex.indexName");
        synchronized (lock) {
            TableMeta table = tables.get(ns, databaseName, tableName);
            List<PartitionKey> keys = Partitions.partitionKeys(table);
            List<IndexKey> indexKeys = indexKeys(keys, keyNames == null ? List.of() : keyNames);
            List<PartitionIndexMeta> existing = list(ns, table);
            if (existing.stream().anyMatch(i -> i.name().equals(name))) {
                throw GlueErrors.ALREADY_EXISTS.exception("An index with name %s already exists.", name);
            }
            if (existing.size() >= MAX_PER_TABLE) {
                throw GlueErrors.RESOURCE_NUMBER_LIMIT_EXCEEDED.exception(
                        "The table %s has reached its limit of %d partition indexes.", table.name(), MAX_PER_TABLE);
            }
            PartitionIndexMeta building = new PartitionIndexMeta(name, indexKeys, List.of());
            List<List<String>> invalid = new ArrayList<>();
            keyspace.write(b -> {
                keyspace.scan(GlueKeys.partitions(ns, table.database(), table.name()), null, e -> {
                    PartitionMeta p = e.value(PartitionMeta.class);
                    Key entry = entry(ns, table, keys, building, p.values());
                    if (entry == null) {
                        invalid.add(p.values());
                    } else {
                        b.put(entry, new byte[0]);
                    }
                    return true;
                });
                PartitionIndexMeta built = new PartitionIndexMeta(name, indexKeys, List.copyOf(invalid));
                if (!built.active()) {
                    b.deletePrefix(GlueKeys.partitionIndexEntries(ns, table.database(), table.name(), name));
                }
                b.put(GlueKeys.partitionIndex(ns, table.database(), table.name(), name), built);
            });
            return keyspace.get(GlueKeys.partitionIndex(ns, table.database(), table.name(), name), PartitionIndexMeta.class)
                    .orElseThrow();
        }
    }

    /** The indexes of a table, by name. */
    public List<PartitionIndexMeta> list(Namespace ns, @Nullable String databaseName, @Nullable String tableName) {
        return list(ns, tables.get(ns, databaseName, tableName));
    }

    public void delete(Namespace ns, @Nullable String databaseName, @Nullable String tableName, @Nullable String indexName) {
        String name = Names.normalize(indexName, "indexName");
        synchronized (lock) {
            TableMeta table = tables.get(ns, databaseName, tableName);
            if (keyspace.get(GlueKeys.partitionIndex(ns, table.database(), table.name(), name)) == null) {
                throw GlueErrors.ENTITY_NOT_FOUND.exception("Index with name %s not found.", name);
            }
            keyspace.write(b -> b.delete(GlueKeys.partitionIndex(ns, table.database(), table.name(), name))
                    .deletePrefix(GlueKeys.partitionIndexEntries(ns, table.database(), table.name(), name)));
        }
    }

    List<PartitionIndexMeta> list(Namespace ns, TableMeta table) {
        return keyspace.values(GlueKeys.partitionIndexes(ns, table.database(), table.name()), PartitionIndexMeta.class);
    }

    /** InvalidInputException when a value of an active index's key does not fit the key's type. */
    void checkIndexable(List<PartitionIndexMeta> indexes, List<PartitionKey> keys, List<String> values) {
        for (PartitionIndexMeta index : indexes) {
            if (!index.active() || !current(index, keys)) {
                continue;
            }
            for (IndexKey k : index.keys()) {
                String value = values.get(position(keys, k.name()));
                if (encoded(k.type(), value) == null) {
                    throw GlueErrors.INVALID_INPUT.exception("Partition value %s of key %s does not fit the type %s of partition index %s.",
                            value, k.name(), k.type(), index.name());
                }
            }
        }
    }

    void add(Batch b, Namespace ns, List<PartitionIndexMeta> indexes, List<PartitionKey> keys, PartitionMeta p) {
        TableRef table = new TableRef(p.database(), p.table());
        for (PartitionIndexMeta index : indexes) {
            if (index.active()) {
                Key entry = entry(ns, table, keys, index, p.values());
                if (entry != null) {
                    b.put(entry, new byte[0]);
                }
            }
        }
    }

    void remove(Batch b, Namespace ns, List<PartitionIndexMeta> indexes, List<PartitionKey> keys, PartitionMeta p) {
        TableRef table = new TableRef(p.database(), p.table());
        for (PartitionIndexMeta index : indexes) {
            Key entry = entry(ns, table, keys, index, p.values());
            if (entry != null) {
                b.delete(entry);
            }
        }
    }

    /**
     * The index scan for a listing: the first active, current index whose first key the expression bounds,
     * or null to read every partition.
     */
    @Nullable Scan choose(Namespace ns, TableMeta table, List<PartitionKey> keys, PartitionExpression filter) {
        for (PartitionIndexMeta index : list(ns, table)) {
            if (!index.active() || !current(index, keys)) {
                continue;
            }
            IndexKey first = index.keys().get(0);
            KeyRange range = filter.keyRange(first.name());
            if (range.isUnbounded()) {
                continue;
            }
            Key prefix = GlueKeys.partitionIndexEntries(ns, table.database(), table.name(), index.name());
            Key from = range.lower() == null ? null : prefix.with((Object) IndexValueEncoding.encode(range.lower().value()));
            Key upTo = range.upper() == null ? null : prefix.with((Object) IndexValueEncoding.encode(range.upper().value()));
            int skip = prefix.parts().size() + index.keys().size();
            return new Scan(prefix, from, upTo, skip, range.isEmpty());
        }
        return null;
    }

    /** A range of one index's entries: from {@code from} until past every entry starting with {@code upTo}. */
    record Scan(Key prefix, @Nullable Key from, @Nullable Key upTo, int valuesAt, boolean empty) {

        boolean beyond(Key entry) {
            return upTo != null && entry.compareTo(upTo) > 0 && !entry.startsWith(upTo);
        }

        List<String> partitionValues(Key entry) {
            List<Object> parts = entry.parts();
            List<String> values = new ArrayList<>(parts.size() - valuesAt);
            for (int i = valuesAt; i < parts.size(); i++) {
                values.add((String) parts.get(i));
            }
            return values;
        }
    }

    private record TableRef(String database, String name) {}

    private @Nullable Key entry(Namespace ns, TableMeta table, List<PartitionKey> keys, PartitionIndexMeta index,
            List<String> values) {
        return entry(ns, new TableRef(table.database(), table.name()), keys, index, values);
    }

    /** The index entry of a partition, or null when one of its indexed values does not fit its key's type. */
    private static @Nullable Key entry(Namespace ns, TableRef table, List<PartitionKey> keys, PartitionIndexMeta index,
            List<String> values) {
        List<Object> parts = new ArrayList<>(index.keys().size() + values.size());
        for (IndexKey k : index.keys()) {
            int at = position(keys, k.name());
            byte[] typed = at < 0 || at >= values.size() ? null : encoded(k.type(), values.get(at));
            if (typed == null) {
                return null;
            }
            parts.add(typed);
        }
        parts.addAll(values);
        return GlueKeys.partitionIndexEntries(ns, table.database(), table.name(), index.name()).with(parts.toArray());
    }

    private static byte @Nullable [] encoded(String type, String value) {
        KeyType keyType = IndexValueEncoding.indexable(type);
        try {
            return keyType == null ? null : IndexValueEncoding.encode(keyType.parse(value));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the index's keys still have the types the index was built with. */
    private static boolean current(PartitionIndexMeta index, List<PartitionKey> keys) {
        for (IndexKey k : index.keys()) {
            int at = position(keys, k.name());
            if (at < 0 || !keys.get(at).type().equalsIgnoreCase(k.type())) {
                return false;
            }
        }
        return true;
    }

    private static List<IndexKey> indexKeys(List<PartitionKey> keys, List<String> names) {
        if (names.isEmpty()) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '[]' at 'partitionIndex.keys' failed to "
                    + "satisfy constraint: Member must have length greater than or equal to 1");
        }
        List<IndexKey> out = new ArrayList<>();
        for (String name : names) {
            int at = position(keys, name);
            if (at < 0) {
                throw GlueErrors.INVALID_INPUT.exception("Column %s is not a partition key of the table.", name);
            }
            PartitionKey key = keys.get(at);
            if (IndexValueEncoding.indexable(key.type()) == null) {
                throw GlueErrors.INVALID_INPUT.exception("Partition key %s of type %s cannot be indexed: "
                        + "indexes support string, char, varchar, int, bigint, long, tinyint, smallint and date.", key.name(), key.type());
            }
            if (out.stream().anyMatch(k -> k.name().equals(key.name()))) {
                throw GlueErrors.INVALID_INPUT.exception("Duplicate key %s in the partition index.", name);
            }
            out.add(new IndexKey(key.name(), key.type()));
        }
        return out;
    }

    private static int position(List<PartitionKey> keys, String name) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }
}
