package io.tarn.glue.engine;

import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.engine.registry.SchemaRegistry;

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
    private final Tags tags;
    private final Connections connections;
    private final Functions functions;
    private final ColumnStatisticsStore columnStatistics;
    private final TableSearch search;
    private final SchemaRegistry schemaRegistry;

    public Catalog(Keyspace keyspace, EmulatorClock clock) {
        this.keyspace = keyspace;
        Object lock = new Object();
        this.databases = new Databases(keyspace, clock, lock);
        this.tables = new Tables(keyspace, clock, lock, databases);
        this.partitions = new Partitions(keyspace, clock, lock, tables);
        this.tags = new Tags(keyspace, lock);
        this.connections = new Connections(keyspace, clock, lock);
        this.functions = new Functions(keyspace, clock, lock, tables);
        this.columnStatistics = new ColumnStatisticsStore(keyspace, lock, tables, partitions);
        this.search = new TableSearch(keyspace);
        tags.register("database", (ns, name) -> databases.find(ns, name) == null ? Databases.notFound(name) : null);
        tags.register("connection", connections::missing);
        this.schemaRegistry = new SchemaRegistry(keyspace, clock);
        tags.register("registry", schemaRegistry.registries()::missing);
        tags.register("schema", schemaRegistry.schemas()::missing);
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

    /** Tags of every taggable resource; the engines of crawlers, jobs, registries... register theirs here. */
    public Tags tags() {
        return tags;
    }

    public Connections connections() {
        return connections;
    }

    public Functions functions() {
        return functions;
    }

    public ColumnStatisticsStore columnStatistics() {
        return columnStatistics;
    }

    public TableSearch search() {
        return search;
    }

    /** The Schema Registry: registries, schemas and their versions, in the same keyspace. */
    public SchemaRegistry schemaRegistry() {
        return schemaRegistry;
    }

    public void reset() {
        keyspace.clear();
    }
}
