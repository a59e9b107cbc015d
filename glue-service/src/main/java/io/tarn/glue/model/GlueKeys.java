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

    // ---- crawlers and classifiers

    /** {@code crawler}: crawlers by name (names are case-sensitive, as AWS keeps them). */
    public static Key crawlers(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "crawler");
    }

    public static Key crawler(Namespace ns, String name) {
        return crawlers(ns).with(name);
    }

    /** {@code crawl}: each crawler's crawls, in the order they started (epoch millis, then crawl id). */
    public static Key crawls(Namespace ns, String crawler) {
        return Key.of(ns.account(), ns.region(), "crawl", crawler);
    }

    public static Key crawl(Namespace ns, String crawler, long startMillis, String crawlId) {
        return crawls(ns, crawler).with(startMillis, crawlId);
    }

    /** {@code classifier}: custom classifiers by name. */
    public static Key classifiers(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "classifier");
    }

    public static Key classifier(Namespace ns, String name) {
        return classifiers(ns).with(name);
    }
}
