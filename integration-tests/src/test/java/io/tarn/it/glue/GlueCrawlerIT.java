package io.tarn.it.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchGetCrawlersResponse;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerMetrics;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.ScheduleState;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;

/** Crawlers, their schedules and custom classifiers through the SDK v2 Glue client, crawling Tarn's own S3. */
@ExtendWith(TarnServerExtension.class)
class GlueCrawlerIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/AWSGlueServiceRole-it";

    private static void assertGlueError(Runnable call, String code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GlueException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    private static CrawlerTargets s3(String path) {
        return CrawlerTargets.builder().s3Targets(t -> t.path(path)).build();
    }

    /** Polls until the crawler is READY again (bounded: 20 s). */
    private static Crawler awaitReady(GlueClient glue, String name) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Crawler c = glue.getCrawler(b -> b.name(name)).crawler();
            if (c.state() == CrawlerState.READY && c.lastCrawl() != null) {
                return c;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("crawler " + name + " did not finish");
    }

    @Test
    void crawlersAreCreatedListedUpdatedAndDeleted(GlueClient glue) {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("itcrawl")));
        glue.createCrawler(b -> b.name("it-crud").role(ROLE).databaseName("itcrawl").targets(s3("s3://it-crud-bucket/data/"))
                .tablePrefix("raw_").tags(Map.of("team", "data")));
        Crawler c = glue.getCrawler(b -> b.name("it-crud")).crawler();
        assertThat(c.state()).isEqualTo(CrawlerState.READY);
        assertThat(c.role()).isEqualTo(ROLE);
        assertThat(c.version()).isEqualTo(1L);
        assertThat(c.creationTime()).isNotNull();
        assertThat(c.targets().s3Targets()).singleElement().satisfies(t -> assertThat(t.path()).isEqualTo("s3://it-crud-bucket/data/"));
        assertThat(c.schemaChangePolicy().updateBehaviorAsString()).isEqualTo("UPDATE_IN_DATABASE");
        assertThat(c.schemaChangePolicy().deleteBehaviorAsString()).isEqualTo("DEPRECATE_IN_DATABASE");
        assertThat(c.recrawlPolicy().recrawlBehaviorAsString()).isEqualTo("CRAWL_EVERYTHING");
        assertThat(c.lastCrawl()).isNull();
        assertThat(c.schedule()).isNull();

        assertGlueError(() -> glue.createCrawler(b -> b.name("it-crud").role(ROLE).targets(s3("s3://x/"))), "AlreadyExistsException",
                "it-crud");
        assertGlueError(() -> glue.getCrawler(b -> b.name("it-nope")), "EntityNotFoundException",
                "Crawler entry with name it-nope does not exist");
        assertGlueError(() -> glue.createCrawler(b -> b.name("it-jdbc").role(ROLE)
                .targets(t -> t.jdbcTargets(j -> j.connectionName("pg").path("db/%")))), "InvalidInputException",
                "JdbcTargets are not supported by Tarn");
        assertGlueError(() -> glue.createCrawler(b -> b.name("it-dynamo").role(ROLE)
                .targets(t -> t.dynamoDBTargets(d -> d.path("orders")))), "InvalidInputException", "DynamoDBTargets");
        assertGlueError(() -> glue.createCrawler(b -> b.name("it-conf").role(ROLE).targets(s3("s3://x/")).configuration("{oops")),
                "InvalidInputException", "Crawler configuration not valid");
        assertGlueError(() -> glue.createCrawler(b -> b.name("it-cron").role(ROLE).targets(s3("s3://x/")).schedule("cron(0 12 * *)")),
                "InvalidInputException", "cron(0 12 * *)");

        glue.updateCrawler(b -> b.name("it-crud").description("nightly").configuration("{\"Version\":1.0}"));
        Crawler updated = glue.getCrawler(b -> b.name("it-crud")).crawler();
        assertThat(updated.version()).isEqualTo(2L);
        assertThat(updated.description()).isEqualTo("nightly");
        assertThat(updated.tablePrefix()).isEqualTo("raw_");

        glue.createCrawler(b -> b.name("it-crud-2").role(ROLE).targets(s3("s3://x/")));
        assertThat(glue.listCrawlers(b -> b.tags(Map.of("team", "data"))).crawlerNames()).containsExactly("it-crud");
        List<String> names = new ArrayList<>();
        glue.listCrawlersPaginator(b -> b.maxResults(1)).forEach(p -> names.addAll(p.crawlerNames()));
        assertThat(names).contains("it-crud", "it-crud-2").doesNotHaveDuplicates();
        assertThat(glue.getCrawlers(b -> b.maxResults(1000)).crawlers()).extracting(Crawler::name).contains("it-crud", "it-crud-2");
        BatchGetCrawlersResponse batch = glue.batchGetCrawlers(b -> b.crawlerNames("it-crud", "it-missing"));
        assertThat(batch.crawlers()).extracting(Crawler::name).containsExactly("it-crud");
        assertThat(batch.crawlersNotFound()).containsExactly("it-missing");

        assertGlueError(() -> glue.stopCrawler(b -> b.name("it-crud")), "CrawlerNotRunningException", "it-crud");
        glue.deleteCrawler(b -> b.name("it-crud-2"));
        assertGlueError(() -> glue.deleteCrawler(b -> b.name("it-crud-2")), "EntityNotFoundException", "it-crud-2");
    }

    @Test
    void aCrawlOfTarnsS3EndsWithItsHistoryAndMetrics(GlueClient glue, S3Client s3) throws Exception {
        s3.createBucket(b -> b.bucket("it-crawl-data"));
        for (int i = 0; i < 3; i++) {
            int n = i;
            s3.putObject(b -> b.bucket("it-crawl-data").key("events/dt=2024-05-0" + (n + 1) + "/part-0.json"),
                    RequestBody.fromString("{\"id\":" + n + ",\"name\":\"e" + n + "\"}\n"));
        }
        glue.createDatabase(b -> b.databaseInput(d -> d.name("itlake")));
        glue.createCrawler(b -> b.name("it-run").role(ROLE).databaseName("itlake").targets(s3("s3://it-crawl-data/events/")));
        glue.startCrawler(b -> b.name("it-run"));
        Crawler done = awaitReady(glue, "it-run");
        assertThat(done.lastCrawl().logGroup()).isEqualTo("/aws-glue/crawlers");
        assertThat(done.lastCrawl().logStream()).isEqualTo("it-run");
        assertThat(done.lastCrawl().messagePrefix()).isNotEmpty();
        assertThat(done.lastCrawl().startTime()).isNotNull();
        assertThat(done.crawlElapsedTime()).isZero();

        List<CrawlerHistory> crawls = glue.listCrawls(b -> b.crawlerName("it-run")).crawls();
        assertThat(crawls).singleElement().satisfies(h -> {
            assertThat(h.crawlId()).isEqualTo(done.lastCrawl().messagePrefix());
            assertThat(h.endTime()).isNotNull();
        });
        CrawlerMetrics metrics = glue.getCrawlerMetrics(b -> b.crawlerNameList("it-run")).crawlerMetricsList().get(0);
        assertThat(metrics.crawlerName()).isEqualTo("it-run");
        assertThat(metrics.stillEstimating()).isFalse();

        glue.createCrawler(b -> b.name("it-nobucket").role(ROLE).databaseName("itlake").targets(s3("s3://it-no-such-bucket/")));
        glue.startCrawler(b -> b.name("it-nobucket"));
        Crawler failed = awaitReady(glue, "it-nobucket");
        assertThat(failed.lastCrawl().status()).isEqualTo(LastCrawlStatus.FAILED);
        assertThat(failed.lastCrawl().errorMessage()).contains("NoSuchBucket");
    }

    @Test
    void aScheduleRunsTheCrawlerWhenTheClockPassesItsTime(GlueClient glue, S3Client s3, URI endpoint) throws Exception {
        s3.createBucket(b -> b.bucket("it-sched-data"));
        glue.createDatabase(b -> b.databaseInput(d -> d.name("itsched")));
        glue.createCrawler(b -> b.name("it-sched").role(ROLE).databaseName("itsched").targets(s3("s3://it-sched-data/"))
                .schedule("cron(0 12 * * ? *)"));
        Crawler c = glue.getCrawler(b -> b.name("it-sched")).crawler();
        assertThat(c.schedule().scheduleExpression()).isEqualTo("cron(0 12 * * ? *)");
        assertThat(c.schedule().state()).isEqualTo(ScheduleState.SCHEDULED);
        assertGlueError(() -> glue.startCrawlerSchedule(b -> b.crawlerName("it-sched")), "SchedulerRunningException", "it-sched");

        Instant now = AdminCalls.clockNow(endpoint);
        ZonedDateTime noon = now.atZone(ZoneOffset.UTC).withHour(12).withMinute(0).withSecond(0).withNano(0);
        Instant due = (noon.toInstant().isAfter(now) ? noon : noon.plusDays(1)).toInstant();
        AdminCalls.changeClock(endpoint, "{\"advance\":\"" + Duration.between(now, due).plusMinutes(1) + "\"}");
        Crawler ran = awaitReady(glue, "it-sched");
        assertThat(ran.lastCrawl().startTime()).isAfterOrEqualTo(due);

        glue.stopCrawlerSchedule(b -> b.crawlerName("it-sched"));
        assertThat(glue.getCrawler(b -> b.name("it-sched")).crawler().schedule().state()).isEqualTo(ScheduleState.NOT_SCHEDULED);
        assertGlueError(() -> glue.stopCrawlerSchedule(b -> b.crawlerName("it-sched")), "SchedulerNotRunningException", "it-sched");
        glue.updateCrawlerSchedule(b -> b.crawlerName("it-sched").schedule("cron(15 3 ? * MON *)"));
        assertThat(glue.getCrawler(b -> b.name("it-sched")).crawler().schedule().scheduleExpression()).isEqualTo("cron(15 3 ? * MON *)");
        assertGlueError(() -> glue.updateCrawlerSchedule(b -> b.crawlerName("it-sched").schedule("cron(* * * * ? *)")),
                "InvalidInputException", "5 minutes");

        glue.createCrawler(b -> b.name("it-unscheduled").role(ROLE).targets(s3("s3://it-sched-data/")));
        assertGlueError(() -> glue.startCrawlerSchedule(b -> b.crawlerName("it-unscheduled")), "NoScheduleException", "it-unscheduled");
    }

    @Test
    void crawlersAndTheirSchedulesSurviveKillDashNine(@TempDir Path dir) throws Exception {
        try (TarnProcess tarn = TarnProcess.start(dir.resolve("data"))) {
            try (GlueClient glue = TarnServerExtension.client(GlueClient.class, tarn.endpoint())) {
                glue.createDatabase(b -> b.databaseInput(d -> d.name("itdurable")));
                glue.createCrawler(b -> b.name("it-durable").role(ROLE).databaseName("itdurable").targets(s3("s3://it-durable/"))
                        .schedule("cron(30 6 * * ? *)"));
            }
            tarn.kill();
            tarn.restart();
            try (GlueClient glue = TarnServerExtension.client(GlueClient.class, tarn.endpoint())) {
                Crawler c = glue.getCrawler(b -> b.name("it-durable")).crawler();
                assertThat(c.state()).isEqualTo(CrawlerState.READY);
                assertThat(c.schedule().state()).isEqualTo(ScheduleState.SCHEDULED);
                assertThat(c.lastCrawl()).isNull();
                AdminCalls.changeClock(tarn.endpoint(), "{\"advance\":\"P1DT1M\"}"); // 06:30 passes whatever the time
                assertThat(awaitReady(glue, "it-durable").lastCrawl()).isNotNull();
            }
        }
    }

    @Test
    void customClassifiersAreStoredWithTheirVersions(GlueClient glue) {
        glue.createClassifier(b -> b.grokClassifier(g -> g.name("it-grok").classification("applog")
                .grokPattern("%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:msg}")));
        glue.createClassifier(b -> b.csvClassifier(csv -> csv.name("it-csv").delimiter("|").containsHeader("PRESENT")));
        glue.createClassifier(b -> b.jsonClassifier(j -> j.name("it-json").jsonPath("$.records[*]")));
        glue.createClassifier(b -> b.xmlClassifier(x -> x.name("it-xml").classification("xml").rowTag("row")));

        Classifier grok = glue.getClassifier(b -> b.name("it-grok")).classifier();
        assertThat(grok.grokClassifier().classification()).isEqualTo("applog");
        assertThat(grok.grokClassifier().version()).isEqualTo(1L);
        assertThat(grok.grokClassifier().creationTime()).isNotNull();
        assertThat(grok.csvClassifier()).isNull();

        glue.updateClassifier(b -> b.csvClassifier(csv -> csv.name("it-csv").delimiter(";")));
        Classifier csv = glue.getClassifier(b -> b.name("it-csv")).classifier();
        assertThat(csv.csvClassifier().delimiter()).isEqualTo(";");
        assertThat(csv.csvClassifier().containsHeaderAsString()).isEqualTo("PRESENT");
        assertThat(csv.csvClassifier().version()).isEqualTo(2L);

        assertThat(glue.getClassifiers(b -> b.maxResults(100)).classifiers()).hasSizeGreaterThanOrEqualTo(4);
        assertGlueError(() -> glue.createClassifier(b -> b.jsonClassifier(j -> j.name("it-json").jsonPath("$"))),
                "AlreadyExistsException", "it-json");
        assertGlueError(() -> glue.updateClassifier(b -> b.jsonClassifier(j -> j.name("it-grok").jsonPath("$"))),
                "InvalidInputException", "it-grok");
        assertGlueError(() -> glue.createClassifier(b -> b.csvClassifier(c -> c.name("it-bad").delimiter("||"))),
                "ValidationException", "delimiter");
        glue.deleteClassifier(b -> b.name("it-xml"));
        assertGlueError(() -> glue.getClassifier(b -> b.name("it-xml")), "EntityNotFoundException", "it-xml");
    }

    @Test
    void aCrawlOfJsonLinesMakesAPartitionedTable(GlueClient glue, S3Client s3) throws Exception {
        s3.createBucket(b -> b.bucket("it-jsonl"));
        for (int day = 1; day <= 3; day++) {
            int d = day;
            s3.putObject(b -> b.bucket("it-jsonl").key("clicks/dt=2024-05-0" + d + "/part-0.json"),
                    RequestBody.fromString("{\"id\":1,\"url\":\"/a\"}\n{\"id\":2,\"url\":\"/b\"}\n"));
        }
        glue.createDatabase(b -> b.databaseInput(d -> d.name("itjsonl")));
        glue.createCrawler(b -> b.name("it-jsonl").role(ROLE).databaseName("itjsonl").targets(s3("s3://it-jsonl/clicks/")));
        glue.startCrawler(b -> b.name("it-jsonl"));
        Crawler done = awaitReady(glue, "it-jsonl");
        assertThat(done.lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        Table clicks = glue.getTable(b -> b.databaseName("itjsonl").name("clicks")).table();
        assertThat(clicks.storageDescriptor().columns()).extracting(Column::name).containsExactly("id", "url");
        assertThat(clicks.partitionKeys()).extracting(Column::name).containsExactly("dt");
        assertThat(clicks.parameters()).containsEntry("classification", "json").containsEntry("UPDATED_BY_CRAWLER", "it-jsonl");
        assertThat(glue.getPartitions(b -> b.databaseName("itjsonl").tableName("clicks")).partitions())
                .extracting(p -> p.values().get(0)).containsExactlyInAnyOrder("2024-05-01", "2024-05-02", "2024-05-03");
    }

    /**
     * Crawls of data written by real writers (pyarrow Parquet and ORC, fastavro, JSON Lines, CSV with and without
     * a header, gzip and Hadoop-Snappy JSON), their tables checked field by field and read back by pyarrow and duckdb
     * (glue_crawler_writers_check.py).
     */
    @Test
    void crawlsOfFilesFromRealWritersMakeTheTablesAwsDocuments(URI endpoint) throws Exception {
        Scripts.requireClient(List.of("python3", "-c", "import boto3, pyarrow.orc, fastavro, duckdb"),
                "python3 with boto3, pyarrow, fastavro and duckdb is not installed (pip install pyarrow fastavro duckdb)");
        Scripts.assertRuns(List.of("python3", Scripts.script("glue_crawler_writers_check.py"), endpoint.toString()), 240);
    }
}
