package io.tarn.glue.model;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;
import java.util.List;

/**
 * Every store key of the glue keyspace, per account and region: {@code db} (databases by name),
 * {@code table} (the current version of each table, by database and name) and {@code tver} (every
 * kept version of a table, by database, name and version number, so a table's history is one range);
 * partitions and their indexes are keyed as the block below says.
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

    // ---- partitions and partition indexes ----

    /** {@code part}: every partition of a database's tables, by table then values (as stored, text). */
    public static Key allPartitions(Namespace ns, String database) {
        return Key.of(ns.account(), ns.region(), "part", database);
    }

    /** {@code part}: the partitions of one table, in the order of their values' text. */
    public static Key partitions(Namespace ns, String database, String table) {
        return allPartitions(ns, database).with(table);
    }

    /** {@code part}: one partition, by its values. */
    public static Key partition(Namespace ns, String database, String table, List<String> values) {
        return partitions(ns, database, table).with(values.toArray());
    }

    /** {@code pidx}: the partition index definitions of a database's tables. */
    public static Key allPartitionIndexes(Namespace ns, String database) {
        return Key.of(ns.account(), ns.region(), "pidx", database);
    }

    /** {@code pidx}: the partition index definitions of one table, by index name. */
    public static Key partitionIndexes(Namespace ns, String database, String table) {
        return allPartitionIndexes(ns, database).with(table);
    }

    /** {@code pidx}: one partition index definition. */
    public static Key partitionIndex(Namespace ns, String database, String table, String index) {
        return partitionIndexes(ns, database, table).with(index);
    }

    /** {@code pent}: the entries of every partition index of a database's tables. */
    public static Key allPartitionIndexEntries(Namespace ns, String database) {
        return Key.of(ns.account(), ns.region(), "pent", database);
    }

    /**
     * {@code pent}: the entries of one index, each {@code (typed key values..., partition values...)}: the
     * indexed keys' values encoded so byte order is their type's order, so a range of the first key is a scan.
     */
    public static Key partitionIndexEntries(Namespace ns, String database, String table, String index) {
        return partitionIndexEntries(ns, database, table).with(index);
    }

    /** {@code pent}: the entries of every index of one table. */
    public static Key partitionIndexEntries(Namespace ns, String database, String table) {
        return allPartitionIndexEntries(ns, database).with(table);
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

    // ---- partition column statistics (key tag "pcolstat") ----

    /** {@code pcolstat}: the column statistics of every partition of a database's tables. */
    public static Key allPartitionColumnStatistics(Namespace ns, String database) {
        return Key.of(ns.account(), ns.region(), "pcolstat", database);
    }

    /** {@code pcolstat}: the column statistics of every partition of one table. */
    public static Key tablePartitionColumnStatistics(Namespace ns, String database, String table) {
        return allPartitionColumnStatistics(ns, database).with(table);
    }

    /**
     * {@code pcolstat}: the column statistics of one partition, by column name. The count of values comes
     * first, so the prefix of partition {@code [a]} is never a prefix of partition {@code [a, b]}'s entries.
     */
    public static Key partitionColumnStatistics(Namespace ns, String database, String table, List<String> values) {
        return tablePartitionColumnStatistics(ns, database, table).with((long) values.size()).with(values.toArray());
    }

    /** {@code pcolstat}: the statistics of one column of a partition. */
    public static Key partitionColumnStatistics(Namespace ns, String database, String table, List<String> values, String column) {
        return partitionColumnStatistics(ns, database, table, values).with(column);
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

    // ---- jobs: "job", "jobrun", "jobruns", "jobact", "jobbm"

    /** {@code job}: job definitions by name (case-sensitive, as AWS keeps them). */
    public static Key jobs(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "job");
    }

    public static Key job(Namespace ns, String name) {
        return jobs(ns).with(name);
    }

    /** {@code jobrun}: the runs of a job by id, so GetJobRun is one read. */
    public static Key jobRuns(Namespace ns, String job) {
        return Key.of(ns.account(), ns.region(), "jobrun", job);
    }

    public static Key jobRun(Namespace ns, String job, String runId) {
        return jobRuns(ns, job).with(runId);
    }

    /** {@code jobruns}: the runs of a job newest first (inverted start millis, id): GetJobRuns scans it. */
    public static Key jobRunsByStart(Namespace ns, String job) {
        return Key.of(ns.account(), ns.region(), "jobruns", job);
    }

    public static Key jobRunByStart(Namespace ns, String job, long startMillis, String runId) {
        return jobRunsByStart(ns, job).with(Long.MAX_VALUE - startMillis, runId);
    }

    /** {@code jobact}: the runs not yet ended (job, id), so that a restart finds those it cut short in one scan. */
    public static Key activeJobRuns(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "jobact");
    }

    public static Key activeJobRun(Namespace ns, String job, String runId) {
        return activeJobRuns(ns).with(job, runId);
    }

    /** {@code jobbm}: a job's bookmark. */
    public static Key jobBookmark(Namespace ns, String job) {
        return Key.of(ns.account(), ns.region(), "jobbm", job);
    }

    // ---- triggers and workflows: "trigger", "wf", "wfrun", "wfruns", "wfact"

    /** {@code trigger}: triggers by name. */
    public static Key triggers(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "trigger");
    }

    public static Key trigger(Namespace ns, String name) {
        return triggers(ns).with(name);
    }

    /** {@code wf}: workflows by name. */
    public static Key workflows(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "wf");
    }

    public static Key workflow(Namespace ns, String name) {
        return workflows(ns).with(name);
    }

    /** {@code wfrun}: the runs of a workflow by id, so GetWorkflowRun is one read. */
    public static Key workflowRuns(Namespace ns, String workflow) {
        return Key.of(ns.account(), ns.region(), "wfrun", workflow);
    }

    public static Key workflowRun(Namespace ns, String workflow, String runId) {
        return workflowRuns(ns, workflow).with(runId);
    }

    /** {@code wfruns}: the runs of a workflow newest first (inverted start millis, id): GetWorkflowRuns scans it. */
    public static Key workflowRunsByStart(Namespace ns, String workflow) {
        return Key.of(ns.account(), ns.region(), "wfruns", workflow);
    }

    public static Key workflowRunByStart(Namespace ns, String workflow, long startMillis, String runId) {
        return workflowRunsByStart(ns, workflow).with(Long.MAX_VALUE - startMillis, runId);
    }

    /** {@code wfact}: the workflow runs not yet ended (workflow, id): MaxConcurrentRuns and a restart read it. */
    public static Key activeWorkflowRuns(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "wfact");
    }

    public static Key activeWorkflowRun(Namespace ns, String workflow, String runId) {
        return activeWorkflowRuns(ns).with(workflow, runId);
    }

    /** {@code evbatch}: an EVENT trigger's pending batch of events, by trigger name. */
    public static Key eventBatches(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "evbatch");
    }

    public static Key eventBatch(Namespace ns, String trigger) {
        return eventBatches(ns).with(trigger);
    }
}
