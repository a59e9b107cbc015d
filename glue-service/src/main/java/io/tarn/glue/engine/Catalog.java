package io.tarn.glue.engine;

import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;

/**
 * The Data Catalog of every account and region: databases, their tables and partitions in the glue keyspace.
 * One lock orders the writes, so a table is never created in a database being deleted and two
 * updates of a table never both pass the same VersionId check.
 */
public final class Catalog {

    private final Keyspace keyspace;
    private final Databases databases;
    private final Tables tables;
    private final Partitions partitions;

    public Catalog(Keyspace keyspace, EmulatorClock clock) {
        this.keyspace = keyspace;
        Object lock = new Object();
        this.databases = new Databases(keyspace, clock, lock);
        this.tables = new Tables(keyspace, clock, lock, databases);
        this.partitions = new Partitions(keyspace, clock, lock, tables);
    }

    public Databases databases() {
        return databases;
    }

    public Tables tables() {
        return tables;
    }

    public Partitions partitions() {
        return partitions;
    }

    public void reset() {
        keyspace.clear();
    }
}
