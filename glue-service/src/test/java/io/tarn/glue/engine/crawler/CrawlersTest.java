package io.tarn.glue.engine.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.core.error.AwsException;
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
import io.tarn.glue.model.LastCrawl;
import io.tarn.glue.model.RecrawlPolicy;
import io.tarn.glue.model.SchemaChangePolicy;
import io.tarn.glue.model.TableMeta;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crawlers over a real store in a temp dir and a manual clock; S3 and the classifier and layout steps
 * are stand-ins (MemoryObjectStore, FakeSteps). Crawl work runs on a queue the test drains, so a
 * crawl can be seen RUNNING, stopped midway or cut short by a restart.
 */
class CrawlersTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final Instant START = Instant.parse("2024-05-15T10:20:00Z");
    private static final String BUCKET = "lake";
    private static final String ROLE = "arn:aws:iam::000000000000:role/service-role/AWSGlueServiceRole-lake";

    @TempDir
    Path dir;

    private EmulatorClock clock;
    private Scheduler scheduler;
    private StateStore store;
    private Catalog catalog;
    private ClassifierStore classifiers;
    private Crawlers crawlers;
    private final MemoryObjectStore s3 = new MemoryObjectStore();
    private final FakeSteps steps = new FakeSteps();
    /** Crawl work waiting to run; {@link #runCrawls} runs it. */
    private final Deque<Runnable> queued = new ArrayDeque<>();

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        openStore();
        catalog.databases().create(NS, new DatabaseMeta("lake", null, null, null, null, null, null, null));
    }

    private void openStore() {
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        catalog = new Catalog(store.keyspace("glue"), clock);
        classifiers = new ClassifierStore(store.keyspace("glue"), clock);
        crawlers = new Crawlers(store.keyspace("glue"), clock, scheduler, catalog, classifiers,
                new CrawlEnvironment(queued::add, () -> Optional.of(s3), steps.classifier, steps.layout));
    }

    /** Closes and reopens everything, as a restart of Tarn does (work still queued is lost with the process). */
    private void restart() {
        queued.clear();
        scheduler.close();
        store.close();
        openStore();
        crawlers.recover();
    }

    @AfterEach
    void close() {
        scheduler.close();
        store.close();
    }

    private void runCrawls() {
        for (int i = 0; i < 100 && !queued.isEmpty(); i++) {
            queued.poll().run();
        }
        assertThat(queued).isEmpty();
    }

    private static CrawlerDefinition definition(String name, S3Target... targets) {
        return new CrawlerDefinition(name, ROLE, "lake", null, CrawlerTargets.s3(List.of(targets)), null, null, null, null, null,
                null, null, null, null, null);
    }

    private static CrawlerDefinition withPolicy(CrawlerDefinition d, SchemaChangePolicy policy, RecrawlPolicy recrawl) {
        return new CrawlerDefinition(d.name(), d.role(), d.databaseName(), d.description(), d.targets(), d.schedule(),
                d.classifiers(), d.tablePrefix(), policy, recrawl, null, null, d.configuration(), null, d.tags());
    }

    private static CrawlerDefinition change(String name) {
        return new CrawlerDefinition(name, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private CrawlerMeta crawl(String name) {
        crawlers.start(NS, name);
        runCrawls();
        return crawlers.get(NS, name);
    }

    private static void assertAws(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class).satisfies(e -> {
            assertThat(((AwsException) e).code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private static List<String> columnNames(TableMeta t) {
        return t.definition().storageDescriptor().get("Columns").findValuesAsText("Name");
    }

    @Test
    void aNewCrawlerIsReadyWithAwsDefaults() {
        CrawlerMeta c = crawlers.create(NS, definition("c1", S3Target.of("s3://lake/data/")));
        assertThat(c.state()).isEqualTo("READY");
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.creationTime()).isEqualTo(START);
        assertThat(c.lastCrawl()).isNull();
        assertThat(c.scheduleState()).isNull();
        CrawlerDefinition d = crawlers.get(NS, "c1").definition();
        assertThat(d.schemaChangePolicy()).isEqualTo(new SchemaChangePolicy("UPDATE_IN_DATABASE", "DEPRECATE_IN_DATABASE"));
        assertThat(d.recrawlPolicy()).isEqualTo(RecrawlPolicy.DEFAULT);
        assertThat(d.lineageConfiguration().get("CrawlerLineageSettings").asText()).isEqualTo("DISABLE");
        assertThat(d.classifiers()).isEmpty();

        assertAws(() -> crawlers.create(NS, definition("c1", S3Target.of("s3://lake/x/"))), "AlreadyExistsException", "c1");
        assertAws(() -> crawlers.get(NS, "nope"), "EntityNotFoundException", "Crawler entry with name nope does not exist");
    }

    @Test
    void definitionsAreCheckedAsAwsChecksThem() {
        CrawlerDefinition base = definition("c", S3Target.of("s3://lake/data/"));
        JsonNode jdbc = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("ConnectionName", "pg");
        CrawlerTargets jdbcOnly = new CrawlerTargets(List.of(), List.of(jdbc), null, null, null, null, null, null);
        assertAws(() -> crawlers.create(NS, new CrawlerDefinition("c", ROLE, "lake", null, jdbcOnly, null, null, null, null, null,
                null, null, null, null, null)), "InvalidInputException", "JdbcTargets are not supported by Tarn");
        assertAws(() -> crawlers.create(NS, definition("c")), "InvalidInputException", "at least one target");
        assertAws(() -> crawlers.create(NS, definition("c", S3Target.of("lake/data"))), "InvalidInputException", "lake/data");
        assertAws(() -> crawlers.create(NS, definition("c", new S3Target("s3://lake/", null, null, 250, null, null))),
                "InvalidInputException", "SampleSize");
        assertAws(() -> crawlers.create(NS, withPolicy(base, SchemaChangePolicy.DEFAULT,
                new RecrawlPolicy(RecrawlPolicy.CRAWL_NEW_FOLDERS_ONLY))), "InvalidInputException", "can only be LOG");
        assertAws(() -> crawlers.create(NS, withPolicy(base, new SchemaChangePolicy("SOMETIMES", null), null)),
                "ValidationException", "SOMETIMES");
        for (String bad : List.of("{not json", "[1]", "{\"Version\":2.0}", "{\"Version\":1.0,\"Other\":1}")) {
            assertAws(() -> crawlers.create(NS, new CrawlerDefinition("c", ROLE, "lake", null, base.targets(), null, null, null,
                    null, null, null, null, bad, null, null)), "InvalidInputException", "Crawler configuration not valid");
        }
        assertAws(() -> crawlers.create(NS, new CrawlerDefinition("c", ROLE, "lake", null, base.targets(), "cron(0 12 * * * *)",
                null, null, null, null, null, null, null, null, null)), "InvalidInputException", "cron(0 12 * * * *)");
        assertAws(() -> crawlers.get(NS, "x".repeat(256)), "ValidationException", "length between 1 and 255");
    }

    @Test
    void aCrawlWritesItsTablesAndReportsSucceeded() {
        s3.put(BUCKET, "data/orders/part-1.cols", "id:bigint,total:double", START);
        s3.put(BUCKET, "data/orders/part-2.cols", "id:bigint,total:double", START);
        s3.put(BUCKET, "data/users/u.cols", "id:bigint,name:string", START);
        s3.put(BUCKET, "data/readme.txt", "hello", START);
        s3.put(BUCKET, "database/other.cols", "x:int", START); // beside the include path's folder: not in it
        crawlers.create(NS, new CrawlerDefinition("c1", ROLE, "lake", null, CrawlerTargets.s3(List.of(S3Target.of("s3://lake/data"))),
                null, null, "raw_", null, null, null, null, null, null, null));

        crawlers.start(NS, "c1");
        CrawlerMeta running = crawlers.get(NS, "c1");
        assertThat(running.state()).isEqualTo("RUNNING");
        assertThat(catalog.tables().list(NS, "lake", null, null, 10).items()).isEmpty(); // written only at the end
        clock.advance(Duration.ofSeconds(42));
        runCrawls();

        CrawlerMeta done = crawlers.get(NS, "c1");
        assertThat(done.state()).isEqualTo("READY");
        assertThat(done.lastCrawl()).isEqualTo(new LastCrawl("SUCCEEDED", null, "/aws-glue/crawlers", "c1", running.crawlId(), START));
        assertThat(catalog.tables().list(NS, "lake", null, null, 10).items()).extracting(TableMeta::name)
                .containsExactly("raw_orders", "raw_users");
        TableMeta orders = catalog.tables().get(NS, "lake", "raw_orders");
        assertThat(columnNames(orders)).containsExactly("id", "total");
        assertThat(orders.createdBy()).isEqualTo("arn:aws:sts::000000000000:assumed-role/AWSGlueServiceRole-lake/AWS-Crawler");
        assertThat(steps.classified).doesNotContain("database/other.cols");

        List<CrawlRecord> crawls = crawlers.history().all(NS, "c1");
        assertThat(crawls).hasSize(1);
        assertThat(crawls.get(0).state()).isEqualTo("COMPLETED");
        assertThat(crawls.get(0).endTime()).isEqualTo(START.plusSeconds(42));
        assertThat(crawls.get(0).tablesCreated()).isEqualTo(2);
    }

    @Test
    void aRunningCrawlerRefusesChangesAndStopsWhenAsked() {
        s3.put(BUCKET, "data/t/a.cols", "a:int", START);
        crawlers.create(NS, definition("c1", S3Target.of("s3://lake/data/")));
        assertAws(() -> crawlers.stop(NS, "c1"), "CrawlerNotRunningException", "c1");

        crawlers.start(NS, "c1");
        assertAws(() -> crawlers.start(NS, "c1"), "CrawlerRunningException", "c1");
        assertAws(() -> crawlers.update(NS, change("c1")), "CrawlerRunningException", "c1");
        assertAws(() -> crawlers.delete(NS, "c1"), "CrawlerRunningException", "c1");
        crawlers.stop(NS, "c1");
        assertThat(crawlers.get(NS, "c1").state()).isEqualTo("STOPPING");
        assertAws(() -> crawlers.stop(NS, "c1"), "CrawlerStoppingException", "c1");

        runCrawls();
        CrawlerMeta stopped = crawlers.get(NS, "c1");
        assertThat(stopped.state()).isEqualTo("READY");
        assertThat(stopped.lastCrawl().status()).isEqualTo("CANCELLED");
        assertThat(catalog.tables().list(NS, "lake", null, null, 10).items()).isEmpty();
        assertThat(crawlers.history().all(NS, "c1").get(0).state()).isEqualTo("STOPPED");
    }

    @Test
    void aStopInTheMiddleOfTheClassificationWritesNothing() {
        s3.put(BUCKET, "data/t/a.cols", "a:int", START);
        s3.put(BUCKET, "data/t/b.cols", "a:int", START);
        crawlers.create(NS, definition("c1", S3Target.of("s3://lake/data/")));
        steps.duringClassify = () -> {
            if (crawlers.get(NS, "c1").state().equals("RUNNING")) {
                crawlers.stop(NS, "c1");
            }
        };
        CrawlerMeta done = crawl("c1");
        assertThat(done.lastCrawl().status()).isEqualTo("CANCELLED");
        assertThat(steps.classified).containsExactly("data/t/a.cols");
        assertThat(catalog.tables().list(NS, "lake", null, null, 10).items()).isEmpty();
    }

    @Test
    void updateReplacesWhatIsGivenAndCountsVersions() {
        crawlers.create(NS, definition("c1", S3Target.of("s3://lake/data/")));
        clock.advance(Duration.ofMinutes(1));
        CrawlerMeta updated = crawlers.update(NS, new CrawlerDefinition("c1", null, null, "nightly", null, null, null, "p_", null,
                null, null, null, null, null, null));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.lastUpdated()).isEqualTo(START.plusSeconds(60));
        assertThat(updated.definition().description()).isEqualTo("nightly");
        assertThat(updated.definition().tablePrefix()).isEqualTo("p_");
        assertThat(updated.definition().targets().s3Targets().get(0).path()).isEqualTo("s3://lake/data/");
        CrawlerMeta cleared = crawlers.update(NS, new CrawlerDefinition("c1", null, null, "", null, null, null, null, null, null,
                null, null, null, null, null));
        assertThat(cleared.definition().description()).isNull();
        assertAws(() -> crawlers.update(NS, change("nope")), "EntityNotFoundException", "nope");
    }

    @Test
    void failuresAreReportedInLastCrawl() {
        crawlers.create(NS, definition("nobucket", S3Target.of("s3://missing/data/")));
        CrawlerMeta c = crawl("nobucket");
        assertThat(c.lastCrawl().status()).isEqualTo("FAILED");
        assertThat(c.lastCrawl().errorMessage()).contains("NoSuchBucket");
        assertThat(crawlers.history().all(NS, "nobucket").get(0).errorMessage()).contains("NoSuchBucket");

        s3.bucket(BUCKET);
        crawlers.create(NS, new CrawlerDefinition("nodb", ROLE, "gone", null, CrawlerTargets.s3(List.of(S3Target.of("s3://lake/"))),
                null, null, null, null, null, null, null, null, null, null));
        assertThat(crawl("nodb").lastCrawl().errorMessage()).isEqualTo("Database gone not found.");
    }

    @Test
    void unreadableAndUnknownObjectsAreSkipped() {
        s3.put(BUCKET, "data/t/a.cols", "a:int", START);
        s3.put(BUCKET, "data/t/b.bad", "?", START);
        s3.put(BUCKET, "data/u/c.bin", "?", START);
        crawlers.create(NS, definition("c1", S3Target.of("s3://lake/data/")));
        assertThat(crawl("c1").lastCrawl().status()).isEqualTo("SUCCEEDED");
        assertThat(catalog.tables().list(NS, "lake", null, null, 10).items()).extracting(TableMeta::name).containsExactly("t");
    }

    @Test
    void exclusionsAndSampleSizeDecideWhatIsClassified() {
        for (String key : List.of("data/t/1.cols", "data/t/2.cols", "data/t/3.cols", "data/t/skip.tmp", "data/logs/x.cols",
                "data/u/4.cols")) {
            s3.put(BUCKET, key, "a:int", START);
        }
        crawlers.create(NS, definition("c1", new S3Target("s3://lake/data/", List.of("**.tmp", "logs"), null, 2, null, null)));
        crawl("c1");
        assertThat(steps.classified).containsExactly("data/t/1.cols", "data/t/2.cols", "data/u/4.cols");
        assertThat(catalog.tables().list(NS, "lake", null, null, 10).items()).extracting(TableMeta::name).containsExactly("t", "u");
    }

    @Test
    void customClassifiersAreGivenInTheCrawlersOrder() {
        s3.put(BUCKET, "data/t/1.cols", "a:int", START);
        classifiers.create(NS, ClassifierStore.JSON, json("{\"Name\":\"second\",\"JsonPath\":\"$[*]\"}"));
        classifiers.create(NS, ClassifierStore.GROK, json("{\"Name\":\"first\",\"Classification\":\"logs\",\"GrokPattern\":\"%{WORD:w}\"}"));
        crawlers.create(NS, new CrawlerDefinition("c1", ROLE, "lake", null, CrawlerTargets.s3(List.of(S3Target.of("s3://lake/data/"))),
                null, List.of("first", "deleted", "second"), null, null, null, null, null, null, null, null));
        crawl("c1");
        assertThat(steps.customSeen).containsExactly(List.of("first", "second"));
    }

    @Test
    void schemaChangesFollowTheUpdateBehavior() {
        s3.put(BUCKET, "data/t/1.cols", "a:int", START);
        s3.put(BUCKET, "other/t/1.cols", "a:int", START);
        crawlers.create(NS, definition("upd", S3Target.of("s3://lake/data/")));
        crawlers.create(NS, withPolicy(new CrawlerDefinition("log", ROLE, "lake", null,
                CrawlerTargets.s3(List.of(S3Target.of("s3://lake/other/"))), null, null, "o_", null, null, null, null, null, null, null),
                new SchemaChangePolicy("LOG", "LOG"), null));
        crawl("upd");
        crawl("log");
        assertThat(catalog.tables().get(NS, "lake", "t").version()).isZero();
        crawl("upd"); // nothing changed: no new version
        assertThat(catalog.tables().get(NS, "lake", "t").version()).isZero();

        clock.advance(Duration.ofMinutes(1)); // crawls are listed by their start
        s3.put(BUCKET, "data/t/1.cols", "a:int,b:string", clock.instant());
        s3.put(BUCKET, "other/t/1.cols", "a:int,b:string", clock.instant());
        crawl("upd");
        crawl("log");
        TableMeta updated = catalog.tables().get(NS, "lake", "t");
        assertThat(updated.version()).isEqualTo(1);
        assertThat(columnNames(updated)).containsExactly("a", "b");
        assertThat(columnNames(catalog.tables().get(NS, "lake", "o_t"))).containsExactly("a");
        assertThat(crawlers.history().all(NS, "upd").get(0).tablesUpdated()).isEqualTo(1);
    }

    @Test
    void mergeNewColumnsAddsColumnsAndNeverRemovesOrRetypes() {
        s3.put(BUCKET, "data/t/1.cols", "a:int,b:string", START);
        crawlers.create(NS, new CrawlerDefinition("c1", ROLE, "lake", null, CrawlerTargets.s3(List.of(S3Target.of("s3://lake/data/"))),
                null, null, null, null, null, null, null,
                "{\"Version\":1.0,\"CrawlerOutput\":{\"Tables\":{\"AddOrUpdateBehavior\":\"MergeNewColumns\"}}}", null, null));
        crawl("c1");
        s3.put(BUCKET, "data/t/1.cols", "a:bigint,c:double", START.plusSeconds(1));
        crawl("c1");
        TableMeta t = catalog.tables().get(NS, "lake", "t");
        assertThat(columnNames(t)).containsExactly("a", "b", "c");
        assertThat(t.definition().storageDescriptor().get("Columns").get(0).get("Type").asText()).isEqualTo("int");
        assertThat(t.version()).isEqualTo(1);
        crawl("c1"); // nothing new: no new version
        assertThat(catalog.tables().get(NS, "lake", "t").version()).isEqualTo(1);
    }

    @Test
    void tablesWhoseDataIsGoneFollowTheDeleteBehavior() {
        for (String prefix : List.of("keep", "drop", "mark")) {
            s3.put(BUCKET, prefix + "/t/1.cols", "a:int", START);
            s3.put(BUCKET, prefix + "/gone/1.cols", "a:int", START);
        }
        crawlers.create(NS, withPolicy(prefixed("keep", "k_"), new SchemaChangePolicy(null, "LOG"), null));
        crawlers.create(NS, withPolicy(prefixed("drop", "d_"), new SchemaChangePolicy(null, "DELETE_FROM_DATABASE"), null));
        crawlers.create(NS, prefixed("mark", "m_")); // DEPRECATE_IN_DATABASE, the default
        for (String c : List.of("keep", "drop", "mark")) {
            crawl(c);
            s3.delete(BUCKET, c + "/gone/1.cols");
        }
        clock.advance(Duration.ofHours(1));
        List.of("keep", "drop", "mark").forEach(this::crawl);

        List<String> names = catalog.tables().list(NS, "lake", null, null, 10).items().stream().map(TableMeta::name).toList();
        assertThat(names).containsExactly("d_t", "k_gone", "k_t", "m_gone", "m_t");
        assertThat(catalog.tables().get(NS, "lake", "m_gone").definition().parameters())
                .containsEntry("DEPRECATED_BY_CRAWLER", Long.toString(START.plus(Duration.ofHours(1)).toEpochMilli()));
        assertThat(crawlers.history().all(NS, "drop").get(0).tablesDeleted()).isEqualTo(1);
    }

    private static CrawlerDefinition prefixed(String name, String prefix) {
        return new CrawlerDefinition(name, ROLE, "lake", null, CrawlerTargets.s3(List.of(S3Target.of("s3://lake/" + name + "/"))),
                null, null, prefix, null, null, null, null, null, null, null);
    }

    @Test
    void newFoldersOnlyCrawlsWhatWasAddedSinceTheLastCrawl() {
        s3.put(BUCKET, "data/t/1.cols", "a:int", START.minusSeconds(60));
        crawlers.create(NS, withPolicy(definition("c1", S3Target.of("s3://lake/data/")), new SchemaChangePolicy("LOG", "LOG"),
                new RecrawlPolicy(RecrawlPolicy.CRAWL_NEW_FOLDERS_ONLY)));
        crawl("c1");
        assertThat(steps.classified).containsExactly("data/t/1.cols");
        clock.advance(Duration.ofMinutes(5));
        s3.put(BUCKET, "data/t/2.cols", "a:int", clock.instant()); // an old folder
        s3.put(BUCKET, "data/u/1.cols", "b:int", clock.instant()); // a new one
        crawl("c1");
        assertThat(steps.classified).containsExactly("data/t/1.cols", "data/u/1.cols");
        assertThat(catalog.tables().list(NS, "lake", null, null, 10).items()).extracting(TableMeta::name).containsExactly("t", "u");
    }

    @Test
    void aScheduleStartsCrawlsAsTheClockPasses() {
        s3.put(BUCKET, "data/t/1.cols", "a:int", START);
        CrawlerMeta c = crawlers.create(NS, new CrawlerDefinition("c1", ROLE, "lake", null,
                CrawlerTargets.s3(List.of(S3Target.of("s3://lake/data/"))), "cron(0 12 * * ? *)", null, null, null, null, null, null,
                null, null, null));
        assertThat(c.scheduleState()).isEqualTo("SCHEDULED");
        assertThat(c.nextRun()).isEqualTo("2024-05-15T12:00:00Z");
        assertAws(() -> crawlers.startSchedule(NS, "c1"), "SchedulerRunningException", "c1");

        clock.advance(Duration.ofHours(1));
        assertThat(queued).isEmpty();
        clock.advance(Duration.ofMinutes(40)); // 12:00 passes
        assertThat(crawlers.get(NS, "c1").state()).isEqualTo("RUNNING");
        runCrawls();
        CrawlerMeta ran = crawlers.get(NS, "c1");
        assertThat(ran.lastCrawl().startTime()).isEqualTo("2024-05-15T12:00:00Z");
        assertThat(ran.nextRun()).isEqualTo("2024-05-16T12:00:00Z");

        crawlers.stopSchedule(NS, "c1");
        assertAws(() -> crawlers.stopSchedule(NS, "c1"), "SchedulerNotRunningException", "c1");
        clock.advance(Duration.ofDays(2));
        assertThat(queued).isEmpty();
        assertThat(crawlers.history().all(NS, "c1")).hasSize(1);

        crawlers.updateSchedule(NS, "c1", "cron(30 0 * * ? *)");
        assertThat(crawlers.get(NS, "c1").scheduleState()).isEqualTo("NOT_SCHEDULED");
        crawlers.startSchedule(NS, "c1");
        assertThat(crawlers.get(NS, "c1").nextRun()).isEqualTo("2024-05-18T00:30:00Z");
        assertAws(() -> crawlers.updateSchedule(NS, "c1", "cron(* * * * ? *)"), "InvalidInputException", "5 minutes");

        crawlers.create(NS, definition("plain", S3Target.of("s3://lake/data/")));
        assertAws(() -> crawlers.startSchedule(NS, "plain"), "NoScheduleException", "plain");
        assertAws(() -> crawlers.stopSchedule(NS, "plain"), "SchedulerNotRunningException", "plain");
    }

    @Test
    void aScheduleSurvivesARestart() {
        s3.put(BUCKET, "data/t/1.cols", "a:int", START);
        crawlers.create(NS, new CrawlerDefinition("c1", ROLE, "lake", null,
                CrawlerTargets.s3(List.of(S3Target.of("s3://lake/data/"))), "cron(0 12 * * ? *)", null, null, null, null, null, null,
                null, null, null));
        restart();
        clock.advance(Duration.ofHours(2));
        runCrawls();
        assertThat(crawlers.get(NS, "c1").lastCrawl().status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aCrawlCutShortByARestartIsReportedFailed() {
        s3.put(BUCKET, "data/t/1.cols", "a:int", START);
        crawlers.create(NS, definition("c1", S3Target.of("s3://lake/data/")));
        crawlers.start(NS, "c1");
        restart();

        CrawlerMeta c = crawlers.get(NS, "c1");
        assertThat(c.state()).isEqualTo("READY");
        assertThat(c.lastCrawl().status()).isEqualTo("FAILED");
        assertThat(c.lastCrawl().errorMessage()).isEqualTo(Crawlers.INTERRUPTED);
        assertThat(crawlers.history().all(NS, "c1").get(0).state()).isEqualTo("FAILED");
        assertThat(catalog.tables().list(NS, "lake", null, null, 10).items()).isEmpty();
        assertThat(crawl("c1").lastCrawl().status()).isEqualTo("SUCCEEDED"); // and it crawls again
    }

    @Test
    void deleteTakesTheHistoryAlong() {
        s3.bucket(BUCKET);
        crawlers.create(NS, definition("c1", S3Target.of("s3://lake/data/")));
        crawl("c1");
        crawlers.delete(NS, "c1");
        assertAws(() -> crawlers.get(NS, "c1"), "EntityNotFoundException", "c1");
        assertThat(crawlers.history().all(NS, "c1")).isEmpty();
        assertAws(() -> crawlers.delete(NS, "c1"), "EntityNotFoundException", "c1");
    }

    @Test
    void crawlsAreFiltered() {
        s3.bucket(BUCKET);
        crawlers.create(NS, definition("c1", S3Target.of("s3://lake/data/")));
        crawl("c1");
        clock.advance(Duration.ofHours(1));
        crawlers.start(NS, "c1");
        crawlers.stop(NS, "c1");
        runCrawls();
        CrawlHistory h = crawlers.history();
        assertThat(h.matching(NS, "c1", List.of())).extracting(CrawlRecord::state).containsExactly("STOPPED", "COMPLETED");
        assertThat(h.matching(NS, "c1", List.of(new CrawlHistory.Filter("STATE", "EQ", "COMPLETED")))).hasSize(1);
        assertThat(h.matching(NS, "c1", List.of(new CrawlHistory.Filter("START_TIME", "GT", START.plusSeconds(1).toString()))))
                .extracting(CrawlRecord::state).containsExactly("STOPPED");
        assertAws(() -> h.matching(NS, "c1", List.of(new CrawlHistory.Filter("STATE", "LIKE", "X"))), "InvalidInputException", "LIKE");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(String text) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
