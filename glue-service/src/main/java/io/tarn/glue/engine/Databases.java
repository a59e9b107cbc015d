package io.tarn.glue.engine;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.DatabaseMeta;
import io.tarn.glue.model.GlueKeys;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Databases: unique lower-cased names per account and region; deleting one deletes its tables, their versions and partitions. */
public final class Databases {

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Object lock;

    Databases(Keyspace keyspace, EmulatorClock clock, Object lock) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.lock = lock;
    }

    /** Creates the database {@code input} describes (its name normalized, its create time set here). */
    public DatabaseMeta create(Namespace ns, DatabaseMeta input) {
        return create(ns, input, Map.of());
    }

    /** Creates a database with its create-time tags, in one batch. */
    public DatabaseMeta create(Namespace ns, DatabaseMeta input, @Nullable Map<String, String> tags) {
        String name = Names.normalize(input.name(), "databaseInput.name");
        synchronized (lock) {
            if (find(ns, name) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Database already exists.");
            }
            DatabaseMeta db = new DatabaseMeta(name, input.description(), input.locationUri(), input.parameters(),
                    input.createTableDefaultPermissions(), input.targetDatabase(), input.federatedDatabase(), clock.instant());
            keyspace.write(b -> {
                Tags.attach(b, ns, Tags.resource("database", name), tags);
                b.put(GlueKeys.database(ns, name), db);
            });
            return db;
        }
    }

    public DatabaseMeta get(Namespace ns, @Nullable String name) {
        String key = Names.normalize(name, "name");
        DatabaseMeta db = find(ns, key);
        if (db == null) {
            throw notFound(key);
        }
        return db;
    }

    /** Replaces the definition of {@code name} with {@code input}, whose name must be the same: AWS renames no database. */
    public DatabaseMeta update(Namespace ns, @Nullable String name, DatabaseMeta input) {
        String newName = Names.normalize(input.name(), "databaseInput.name");
        synchronized (lock) {
            DatabaseMeta current = get(ns, name);
            if (!newName.equals(current.name())) {
                throw GlueErrors.INVALID_INPUT.exception("Database cannot be renamed");
            }
            DatabaseMeta db = new DatabaseMeta(current.name(), input.description(), input.locationUri(), input.parameters(),
                    input.createTableDefaultPermissions() != null ? input.createTableDefaultPermissions()
                            : current.createTableDefaultPermissions(),
                    input.targetDatabase(), input.federatedDatabase(), current.createTime());
            keyspace.put(GlueKeys.database(ns, db.name()), db);
            return db;
        }
    }

    /** Deletes the database with its tables, their versions, partitions and column statistics, its functions and tags, in one atomic batch. */
    public void delete(Namespace ns, @Nullable String name) {
        synchronized (lock) {
            DatabaseMeta db = get(ns, name);
            keyspace.write(b -> {
                b.delete(GlueKeys.database(ns, db.name()))
                        .deletePrefix(GlueKeys.tables(ns, db.name()))
                        .deletePrefix(GlueKeys.allVersions(ns, db.name()))
                        .deletePrefix(GlueKeys.databaseColumnStatistics(ns, db.name()))
                        .deletePrefix(GlueKeys.functions(ns, db.name()))
                        .delete(GlueKeys.tags(ns, Tags.resource("database", db.name())));
                Partitions.deleteAllOf(b, ns, db.name());
            });
        }
    }

    /** Databases by name, from {@code after} (exclusive; null for the first page). */
    public Page<DatabaseMeta> list(Namespace ns, @Nullable String after, int limit) {
        return Listing.page(keyspace, GlueKeys.databases(ns), after, limit, e -> e.value(DatabaseMeta.class));
    }

    @Nullable DatabaseMeta find(Namespace ns, String normalizedName) {
        return keyspace.get(GlueKeys.database(ns, normalizedName), DatabaseMeta.class).orElse(null);
    }

    static AwsException notFound(String name) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Database %s not found.", name);
    }
}
