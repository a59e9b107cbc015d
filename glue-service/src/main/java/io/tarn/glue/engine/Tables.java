package io.tarn.glue.engine;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.TableDefinition;
import io.tarn.glue.model.TableMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Tables and their version history. A table starts at version 0; each UpdateTable writes version n+1
 * and keeps version n as an archived version unless SkipArchive. An update naming a VersionId other
 * than the current one is refused with ConcurrentModificationException: the compare-and-set Iceberg's
 * GlueCatalog commits with.
 */
public final class Tables {

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Object lock;
    private final Databases databases;

    Tables(Keyspace keyspace, EmulatorClock clock, Object lock, Databases databases) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.lock = lock;
        this.databases = databases;
    }

    public TableMeta create(Namespace ns, @Nullable String databaseName, TableDefinition input, String createdBy) {
        String db = Names.normalize(databaseName, "databaseName");
        String name = Names.normalize(input.name(), "tableInput.name");
        synchronized (lock) {
            requireDatabase(ns, db);
            if (find(ns, db, name) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Table already exists.");
            }
            Instant now = clock.instant();
            TableMeta table = new TableMeta(name, db, input, now, now, 0, createdBy);
            keyspace.write(b -> b.put(GlueKeys.table(ns, db, name), table).put(GlueKeys.version(ns, db, name, 0), table));
            return table;
        }
    }

    public TableMeta get(Namespace ns, @Nullable String databaseName, @Nullable String tableName) {
        String db = Names.normalize(databaseName, "databaseName");
        String name = Names.normalize(tableName, "name");
        requireDatabase(ns, db);
        TableMeta table = find(ns, db, name);
        if (table == null) {
            throw notFound(name);
        }
        return table;
    }

    /**
     * The tables of a database by name, those whose name matches {@code expression} when given: a
     * regular expression over the whole name, case-insensitive, where a {@code *} not after a {@code .}
     * means any characters, as Glue (like the Hive metastore) reads {@code sales_*}.
     */
    public Page<TableMeta> list(Namespace ns, @Nullable String databaseName, @Nullable String expression,
            @Nullable String after, int limit) {
        String db = Names.normalize(databaseName, "databaseName");
        Pattern pattern = expression == null || expression.isEmpty() ? null : namePattern(expression);
        requireDatabase(ns, db);
        return Listing.page(keyspace, GlueKeys.tables(ns, db), after, limit, e -> {
            TableMeta t = e.value(TableMeta.class);
            return pattern == null || pattern.matcher(t.name()).matches() ? t : null;
        });
    }

    /** Writes the next version of a table; {@code versionId}, when given, must be the current version. */
    public TableMeta update(Namespace ns, @Nullable String databaseName, TableDefinition input,
            @Nullable String versionId, boolean skipArchive) {
        String db = Names.normalize(databaseName, "databaseName");
        String name = Names.normalize(input.name(), "tableInput.name");
        synchronized (lock) {
            TableMeta current = get(ns, db, name);
            if (versionId != null && !versionId.equals(Long.toString(current.version()))) {
                throw GlueErrors.CONCURRENT_MODIFICATION.exception("Update table failed due to concurrent modifications.");
            }
            TableMeta next = current.next(input, clock.instant());
            keyspace.write(b -> {
                b.put(GlueKeys.table(ns, db, name), next).put(GlueKeys.version(ns, db, name, next.version()), next);
                if (skipArchive) {
                    b.delete(GlueKeys.version(ns, db, name, current.version()));
                }
            });
            return next;
        }
    }

    /** One version of a table; the current one when {@code versionId} is null. */
    public TableMeta version(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            @Nullable String versionId) {
        TableMeta current = get(ns, databaseName, tableName);
        if (versionId == null) {
            return current;
        }
        TableMeta found = findVersion(ns, current, versionId);
        if (found == null) {
            throw versionNotFound(current.name(), versionId);
        }
        return found;
    }

    /** The kept versions of a table, newest first, from below {@code before} (null for the first page). */
    public Page<TableMeta> versions(Namespace ns, @Nullable String databaseName, @Nullable String tableName,
            @Nullable String before, int limit) {
        TableMeta current = get(ns, databaseName, tableName);
        List<TableMeta> all = new ArrayList<>(keyspace.values(GlueKeys.versions(ns, current.database(), current.name()),
                TableMeta.class));
        all.sort(Comparator.comparingLong(TableMeta::version).reversed());
        long bound = before == null ? Long.MAX_VALUE : Long.parseLong(before);
        List<TableMeta> page = all.stream().filter(t -> t.version() < bound).limit(limit + 1L).toList();
        if (page.size() <= limit) {
            return new Page<>(page, null);
        }
        List<TableMeta> items = page.subList(0, limit);
        return new Page<>(items, Long.toString(items.get(limit - 1).version()));
    }

    /** Deletes an archived version; the current version can only go with its table. */
    public void deleteVersion(Namespace ns, @Nullable String databaseName, @Nullable String tableName, @Nullable String versionId) {
        synchronized (lock) {
            TableMeta current = get(ns, databaseName, tableName);
            TableMeta version = versionId == null ? null : findVersion(ns, current, versionId);
            if (version == null) {
                throw versionNotFound(current.name(), versionId);
            }
            if (version.version() == current.version()) {
                throw GlueErrors.INVALID_INPUT.exception("Cannot delete the current version of table %s.", current.name());
            }
            keyspace.delete(GlueKeys.version(ns, current.database(), current.name(), version.version()));
        }
    }

    /** Deletes a table, every version of it, its partitions, partition indexes and column statistics. */
    public void delete(Namespace ns, @Nullable String databaseName, @Nullable String tableName) {
        synchronized (lock) {
            TableMeta table = get(ns, databaseName, tableName);
            keyspace.write(b -> {
                b.delete(GlueKeys.table(ns, table.database(), table.name()))
                        .deletePrefix(GlueKeys.versions(ns, table.database(), table.name()))
                        .deletePrefix(GlueKeys.tableColumnStatistics(ns, table.database(), table.name()));
                Partitions.deleteAllOf(b, ns, table.database(), table.name());
            });
        }
    }

    /** EntityNotFoundException unless the database exists. */
    public void requireDatabase(Namespace ns, @Nullable String databaseName) {
        String db = Names.normalize(databaseName, "databaseName");
        if (databases.find(ns, db) == null) {
            throw Databases.notFound(db);
        }
    }

    private @Nullable TableMeta find(Namespace ns, String db, String name) {
        return keyspace.get(GlueKeys.table(ns, db, name), TableMeta.class).orElse(null);
    }

    private @Nullable TableMeta findVersion(Namespace ns, TableMeta table, String versionId) {
        long version;
        try {
            version = Long.parseLong(versionId);
        } catch (NumberFormatException e) {
            return null;
        }
        return keyspace.get(GlueKeys.version(ns, table.database(), table.name(), version), TableMeta.class).orElse(null);
    }

    static Pattern namePattern(String expression) {
        String regex = expression.replaceAll("(?<!\\.)\\*", ".*");
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw GlueErrors.INVALID_INPUT.exception("Invalid table name pattern: %s", expression);
        }
    }

    static AwsException notFound(String table) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Table %s not found.", table);
    }

    private static AwsException versionNotFound(String table, @Nullable String versionId) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Version %s of table %s not found.", versionId, table);
    }
}
