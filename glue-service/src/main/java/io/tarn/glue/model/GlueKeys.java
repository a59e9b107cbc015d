package io.tarn.glue.model;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;

/**
 * Every store key of the glue keyspace, per account and region: {@code db} (databases by name),
 * {@code table} (the current version of each table, by database and name) and {@code tver} (every
 * kept version of a table, by database, name and version number, so a table's history is one range).
 */
public final class GlueKeys {

    private GlueKeys() {}

    public static Key databases(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "db");
    }

    public static Key database(Namespace ns, String name) {
        return databases(ns).with(name);
    }

    public static Key tables(Namespace ns, String database) {
        return Key.of(ns.account(), ns.region(), "table", database);
    }

    public static Key table(Namespace ns, String database, String name) {
        return tables(ns, database).with(name);
    }

    public static Key allVersions(Namespace ns, String database) {
        return Key.of(ns.account(), ns.region(), "tver", database);
    }

    public static Key versions(Namespace ns, String database, String table) {
        return allVersions(ns, database).with(table);
    }

    public static Key version(Namespace ns, String database, String table, long version) {
        return versions(ns, database, table).with(version);
    }

    // --- tags, column statistics, user-defined functions, connections (key tags "tag", "colstat", "udf", "conn")

    /** {@code tag}: the tags of one resource, by the resource part of its ARN ({@code database/sales}). */
    public static Key tags(Namespace ns, String resource) {
        return Key.of(ns.account(), ns.region(), "tag", resource);
    }

    /** {@code colstat}: the column statistics of every table of a database, by table and column name. */
    public static Key databaseColumnStatistics(Namespace ns, String database) {
        return Key.of(ns.account(), ns.region(), "colstat", database);
    }

    /** {@code colstat}: the column statistics of one table, by column name. */
    public static Key tableColumnStatistics(Namespace ns, String database, String table) {
        return databaseColumnStatistics(ns, database).with(table);
    }

    /** {@code colstat}: the statistics of one column of a table. */
    public static Key columnStatistics(Namespace ns, String database, String table, String column) {
        return tableColumnStatistics(ns, database, table).with(column);
    }

    /** {@code udf}: the user-defined functions of a database, by name. */
    public static Key functions(Namespace ns, String database) {
        return Key.of(ns.account(), ns.region(), "udf", database);
    }

    /** {@code udf}: every user-defined function of every database, by database and name. */
    public static Key allFunctions(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "udf");
    }

    /** {@code udf}: one user-defined function. */
    public static Key function(Namespace ns, String database, String name) {
        return functions(ns, database).with(name);
    }

    /** {@code conn}: the connections, by name. */
    public static Key connections(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "conn");
    }

    /** {@code conn}: one connection. */
    public static Key connection(Namespace ns, String name) {
        return connections(ns).with(name);
    }
}
