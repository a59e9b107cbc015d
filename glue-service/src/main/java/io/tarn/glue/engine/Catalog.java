package io.tarn.glue.engine;

import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.engine.registry.SchemaRegistry;

/**
 * The Data Catalog of every account and region: databases and their tables in the glue keyspace.
 * One lock orders the writes, so a table is never created in a database being deleted and two
 * updates of a table never both pass the same VersionId check.
 */
public final class Catalog {

    private final Keyspace keyspace;
    private final Databases databases;
    private final Tables tables;
    private final SchemaRegistry schemaRegistry;

    public Catalog(Keyspace keyspace, EmulatorClock clock) {
        this.keyspace = keyspace;
        Object lock = new Object();
        this.databases = new Databases(keyspace, clock, lock);
        this.tables = new Tables(keyspace, clock, lock, databases);
        this.schemaRegistry = new SchemaRegistry(keyspace, clock);
    }

    public Databases databases() {
        return databases;
    }

    public Tables tables() {
        return tables;
    }

    /** The Schema Registry: registries, schemas and their versions, in the same keyspace. */
    public SchemaRegistry schemaRegistry() {
        return schemaRegistry;
    }

    public void reset() {
        keyspace.clear();
    }
}
