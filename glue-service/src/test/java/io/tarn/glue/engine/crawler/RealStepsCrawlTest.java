package io.tarn.glue.engine.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.glue.engine.Catalog;
import io.tarn.glue.model.CrawlRecord;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerMeta;
import io.tarn.glue.model.CrawlerTargets;
import io.tarn.glue.model.CrawlerTargets.S3Target;
import io.tarn.glue.model.DatabaseMeta;
import io.tarn.glue.model.SchemaChangePolicy;
import io.tarn.glue.model.TableMeta;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crawl with the real classifier and layout steps over Hive-partitioned JSON Lines and a CSV file with a header. */
class RealStepsCrawlTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final Instant START = Instant.parse("2024-05-15T10:20:00Z");

    @TempDir
    Path dir;

    private EmulatorClock clock;
    private Scheduler scheduler;
    private StateStore store;
    private Catalog catalog;
    private Crawlers crawlers;
    private final MemoryObjectStore s3 = new MemoryObjectStore();

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        catalog = new Catalog(store.keyspace("glue"), clock);
        crawlers = new Crawlers(store.keyspace("glue"), clock, scheduler, catalog, new ClassifierStore(store.keyspace("glue"), clock),
                new CrawlEnvironment(Runnable::run, () -> Optional.of(s3), new BuiltInClassifier(), new InferredLayout()));
        catalog.databases().create(NS, new DatabaseMeta("lake", null, null, null, null, null, null, null));
    }

    @AfterEach
    void close() {
        scheduler.close();
        store.close();
    }

    @Test
    void jsonLinesAndCsvBecomeTables() {
        for (int day = 1; day <= 3; day++) {
            s3.put("lake", "clicks/dt=2024-05-0" + day + "/part-0.json", "{\"id\":1,\"url\":\"/a\"}\n{\"id\":2,\"url\":\"/b\"}\n", START);
        }
        s3.put("lake", "users/users.csv", "id,name,age\n1,ann,30\n2,bob,41\n", START);
        crawlers.create(NS, new CrawlerDefinition("real", "role", "lake", null,
                CrawlerTargets.s3(List.of(S3Target.of("s3://lake/clicks/"), S3Target.of("s3://lake/users/"))),
                null, null, null, null, null, null, null, null, null, null));
        crawlers.start(NS, "real");
        CrawlerMeta done = crawlers.get(NS, "real");
        assertThat(done.lastCrawl().errorMessage()).isNull();
        assertThat(done.lastCrawl().status()).isEqualTo("SUCCEEDED");
        List<TableMeta> tables = catalog.tables().list(NS, "lake", null, null, 10).items();
        assertThat(tables).extracting(TableMeta::name).containsExactly("clicks", "users");
        TableMeta clicks = tables.get(0);
        assertThat(clicks.definition().storageDescriptor().get("Columns").findValuesAsText("Name")).containsExactly("id", "url");
        assertThat(clicks.definition().partitionKeys().findValuesAsText("Name")).containsExactly("dt");
        assertThat(clicks.definition().parameters()).containsEntry("classification", "json").containsEntry("objectCount", "3")
                .containsEntry("UPDATED_BY_CRAWLER", "real").containsEntry("CRAWL_RUN_ID", done.lastCrawl().messagePrefix());
        assertThat(catalog.partitions().list(NS, "lake", "clicks", null, null, null, 100).items()).hasSize(3);
        TableMeta users = tables.get(1);
        assertThat(users.definition().parameters()).containsEntry("classification", "csv").containsEntry("skip.header.line.count", "1");
    }

    /** One target per table, so that the table left alone keeps its name (one folder under a target makes a table of the target). */
    @Test
    void gonePartitionsAndTablesFollowTheDeleteBehavior() {
        for (String policy : List.of("DELETE_FROM_DATABASE", "DEPRECATE_IN_DATABASE", "LOG")) {
            String root = policy.toLowerCase(Locale.ROOT);
            for (int day = 1; day <= 3; day++) {
                s3.put("lake", root + "/clicks/dt=2024-05-0" + day + "/part-0.json", "{\"id\":1}\n", START);
            }
            s3.put("lake", root + "/users/users.json", "{\"name\":\"ann\"}\n", START);
            SchemaChangePolicy changes = new SchemaChangePolicy(policy.equals("LOG") ? "LOG" : null, policy);
            crawlers.create(NS, new CrawlerDefinition(root, "role", "lake", null,
                    CrawlerTargets.s3(List.of(S3Target.of("s3://lake/" + root + "/clicks/"), S3Target.of("s3://lake/" + root + "/users/"))),
                    null, null, root + "_", changes, null,
                    null, null, null, null, null));
            crawlers.start(NS, root);
            s3.delete("lake", root + "/clicks/dt=2024-05-02/part-0.json"); // a partition's folder is empty
            s3.delete("lake", root + "/users/users.json"); // a table's location has no objects
            clock.advance(Duration.ofMinutes(1));
            crawlers.start(NS, root);
            assertThat(crawlers.get(NS, root).lastCrawl().status()).isEqualTo("SUCCEEDED");
        }

        assertThat(partitionValues("delete_from_database_clicks")).containsExactly("2024-05-01", "2024-05-03");
        assertThat(catalog.tables().list(NS, "lake", "delete_from_database_users", null, 10).items()).isEmpty();
        CrawlRecord deleting = crawlers.history().all(NS, "delete_from_database").get(0);
        assertThat(List.of(deleting.tablesDeleted(), deleting.partitionsDeleted(), deleting.tablesUpdated())).containsExactly(1, 1, 0);

        // AWS deprecates tables only: the empty partition stays, the table whose data is gone is marked
        assertThat(partitionValues("deprecate_in_database_clicks")).hasSize(3);
        TableMeta deprecated = catalog.tables().get(NS, "lake", "deprecate_in_database_users");
        String at = Long.toString(START.plus(Duration.ofMinutes(2)).toEpochMilli()); // its crawl came second
        assertThat(deprecated.definition().parameters()).containsEntry("DEPRECATED_BY_CRAWLER", at);
        assertThat(deprecated.definition().storageDescriptor().path("Parameters").path("DEPRECATED_BY_CRAWLER").asText()).isEqualTo(at);
        CrawlRecord deprecating = crawlers.history().all(NS, "deprecate_in_database").get(0);
        assertThat(List.of(deprecating.tablesDeleted(), deprecating.partitionsDeleted(), deprecating.tablesUpdated()))
                .containsExactly(0, 0, 1);

        assertThat(partitionValues("log_clicks")).hasSize(3);
        assertThat(catalog.tables().get(NS, "lake", "log_users").definition().parameters()).doesNotContainKey("DEPRECATED_BY_CRAWLER");
        CrawlRecord logging = crawlers.history().all(NS, "log").get(0);
        assertThat(List.of(logging.tablesDeleted(), logging.partitionsDeleted(), logging.tablesUpdated())).containsExactly(0, 0, 0);
    }

    @Test
    void aDeprecatedTableIsRestoredWhenItsDataComesBack() {
        s3.put("lake", "data/users/users.json", "{\"name\":\"ann\"}\n", START);
        s3.put("lake", "data/other/o.json", "{\"x\":1}\n", START);
        crawlers.create(NS, new CrawlerDefinition("c", "role", "lake", null,
                CrawlerTargets.s3(List.of(S3Target.of("s3://lake/data/users/"), S3Target.of("s3://lake/data/other/"))), null, null, null, null, null, null, null, null, null, null));
        crawlers.start(NS, "c");
        s3.delete("lake", "data/users/users.json");
        crawlers.start(NS, "c");
        assertThat(catalog.tables().get(NS, "lake", "users").definition().parameters()).containsKey("DEPRECATED_BY_CRAWLER");
        s3.put("lake", "data/users/users.json", "{\"name\":\"ann\"}\n", START);
        crawlers.start(NS, "c");
        assertThat(catalog.tables().get(NS, "lake", "users").definition().parameters()).doesNotContainKey("DEPRECATED_BY_CRAWLER");
    }

    private List<String> partitionValues(String table) {
        return catalog.partitions().list(NS, "lake", table, null, null, null, 100).items().stream()
                .map(p -> p.values().get(0)).toList();
    }
}
