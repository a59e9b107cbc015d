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
}
