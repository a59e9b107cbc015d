package io.tarn.glue.engine.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.glue.engine.Catalog;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerMeta;
import io.tarn.glue.model.CrawlerTargets;
import io.tarn.glue.model.CrawlerTargets.S3Target;
import io.tarn.glue.model.DatabaseMeta;
import io.tarn.glue.model.TableMeta;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

    private Scheduler scheduler;
    private StateStore store;
    private Catalog catalog;
    private Crawlers crawlers;
    private final MemoryObjectStore s3 = new MemoryObjectStore();

    @BeforeEach
    void open() {
        EmulatorClock clock = EmulatorClock.manual(START);
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
                .containsEntry("UPDATED_BY_CRAWLER", "real");
        assertThat(catalog.partitions().list(NS, "lake", "clicks", null, null, null, 100).items()).hasSize(3);
        TableMeta users = tables.get(1);
        assertThat(users.definition().parameters()).containsEntry("classification", "csv").containsEntry("skip.header.line.count", "1");
    }
}
