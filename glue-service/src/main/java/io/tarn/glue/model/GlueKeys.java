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

    // ---- Schema Registry: "reg", "schema", "sver", "svmeta" ----

    /** {@code reg}: the schema registries, by name. */
    public static Key registries(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "reg");
    }

    public static Key registry(Namespace ns, String name) {
        return registries(ns).with(name);
    }

    /** {@code schema}: the schemas of every registry, by registry and name. */
    public static Key allSchemas(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "schema");
    }

    public static Key schemas(Namespace ns, String registry) {
        return allSchemas(ns).with(registry);
    }

    public static Key schema(Namespace ns, String registry, String name) {
        return schemas(ns, registry).with(name);
    }

    /** {@code sver}: the versions of every schema of a registry ({@code "n"}, registry, schema, number). */
    public static Key registryVersions(Namespace ns, String registry) {
        return Key.of(ns.account(), ns.region(), "sver", "n", registry);
    }

    public static Key schemaVersions(Namespace ns, String registry, String schema) {
        return registryVersions(ns, registry).with(schema);
    }

    public static Key schemaVersion(Namespace ns, String registry, String schema, long number) {
        return schemaVersions(ns, registry, schema).with(number);
    }

    /** {@code sver}: where a SchemaVersionId lives ({@code "id"}, id): GetSchemaVersion by id alone is one read. */
    public static Key schemaVersionIds(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "sver", "id");
    }

    public static Key schemaVersionId(Namespace ns, String versionId) {
        return schemaVersionIds(ns).with(versionId);
    }

    /** {@code svmeta}: a schema version's metadata (version id, key, value), so a key's values are one range. */
    public static Key versionMetadata(Namespace ns, String versionId) {
        return Key.of(ns.account(), ns.region(), "svmeta", versionId);
    }

    public static Key versionMetadata(Namespace ns, String versionId, String key, String value) {
        return versionMetadata(ns, versionId).with(key, value);
    }
}
