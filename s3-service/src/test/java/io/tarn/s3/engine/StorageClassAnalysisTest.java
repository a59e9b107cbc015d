package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.analytics.AnalyticsConfiguration;
import io.tarn.s3.engine.analytics.AnalyticsConfiguration.DataExport;
import io.tarn.s3.engine.analytics.AnalyticsConfiguration.Filter;
import io.tarn.s3.engine.analytics.StorageClassAnalysis;
import io.tarn.s3.model.ObjectVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Storage class analysis on the manual clock: configurations, GETs counted by age group, the daily CSV and its recommendation. */
class StorageClassAnalysisTest extends EngineFixture {

    private static final DataExport TO_REPORTS = new DataExport("V_1", "CSV", "arn:aws:s3:::reports", null, "out/");
    private StorageClassAnalysis analysis;

    @BeforeEach
    void buckets() {
        bucket("data");
        bucket("reports");
        analysis = new StorageClassAnalysis(keyspace, buckets, objects, clock);
    }

    @AfterEach
    void stop() {
        analysis.close();
    }

    private void get(String key) {
        ObjectVersion v = objects.resolve("data", key, null);
        analysis.recorder().recordGet("data", v, v.size());
    }

    /** The export's lines of {@code configId}, without the header. */
    private List<String[]> exported(String configId) {
        String csv = new String(read(objects.resolve("reports", "out/data/" + configId + ".csv", null)), StandardCharsets.UTF_8);
        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo("Date,ConfigId,Filter,StorageClass,ObjectAge,ObjectCount,DataUploaded_MB,Storage_MB,"
                + "DataRetrieved_MB,GetRequestCount,CumulativeAccessRatio,ObjectAgeForSIATransition,RecommendedObjectAgeForSIATransition");
        return Arrays.stream(lines).skip(1).map(l -> l.split(",", -1)).toList();
    }

    private static String[] row(List<String[]> rows, String date, String age) {
        return rows.stream().filter(r -> r[0].equals(date) && r[4].equals(age)).findFirst().orElseThrow();
    }

    @Test
    void configurationsAreStoredListedAndDeletedWithS3sErrors() {
        var configs = analysis.configurations();
        configs.put("data", "b", new Filter(Filter.PREFIX, "logs/", Map.of()), null);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "red");
        tags.put("env", "prod");
        configs.put("data", "a", new Filter(Filter.AND, "x/", tags), TO_REPORTS);
        assertThat(configs.list("data", null).items()).extracting(AnalyticsConfiguration::id).containsExactly("a", "b");
        assertThat(configs.get("data", "a").filter().tags()).containsExactly(Map.entry("team", "red"), Map.entry("env", "prod"));
        configs.delete("data", "b");
        assertAws(() -> configs.get("data", "b"), "NoSuchConfiguration", 404);
        assertAws(() -> configs.delete("data", "b"), "NoSuchConfiguration", 404);
        assertAws(() -> configs.get("nobucket", "a"), "NoSuchBucket", 404);
    }

    @Test
    void aBucketHoldsAtMostAThousandConfigurationsAndListsThemAHundredAtATime() {
        var configs = analysis.configurations();
        for (int i = 0; i < 1000; i++) {
            configs.put("data", String.format("c%04d", i), null, null);
        }
        assertAws(() -> configs.put("data", "one-more", null, null), "TooManyConfigurations", 400);
        configs.put("data", "c0005", null, TO_REPORTS); // replacing one is not adding one
        var first = configs.list("data", null);
        assertThat(first.items()).hasSize(100);
        assertThat(first.next()).isEqualTo("c0099");
        assertThat(configs.list("data", "c0899").items()).hasSize(100);
        assertThat(configs.list("data", "c0899").next()).isNull();
    }

    @Test
    void aConfigurationReadBackFromTheStoreIsItsBucketsWhateverTheClocksPrecision() {
        clock.advance(Duration.ofNanos(123_456_789)); // the store keeps milliseconds
        bucket("precise");
        analysis.configurations().put("precise", "a", null, null);
        analysis = new StorageClassAnalysis(keyspace, buckets, objects, clock); // nothing cached
        assertThat(analysis.configurations().get("precise", "a").id()).isEqualTo("a");
    }

    @Test
    void aDeletedBucketsConfigurationsAreNotItsNamesakes() {
        analysis.configurations().put("reports", "a", null, null);
        buckets.delete("reports", uploads);
        clock.advance(Duration.ofSeconds(1));
        bucket("reports");
        assertThat(analysis.configurations().list("reports", null).items()).isEmpty();
    }

    @Test
    void theDailyExportCountsObjectsAndGetsByAgeGroupForTheMatchingFilterOnly() {
        analysis.configurations().put("data", "logs", new Filter(Filter.PREFIX, "logs/", Map.of()), TO_REPORTS);
        put("data", "logs/old", bytes(2 * MIB, 1));
        put("data", "other", bytes(1000, 2));
        clock.advance(Duration.ofDays(20));
        put("data", "logs/new", bytes(MIB, 3));
        get("logs/old");
        get("logs/old");
        get("logs/new");
        get("other"); // not under the filter
        analysis.export().run(Instant.parse("2024-01-22T00:00:00Z")); // the day 2024-01-21 ends
        List<String[]> rows = exported("logs");
        assertThat(rows).hasSize(12); // one line per age group
        String[] young = row(rows, "2024-01-21", "000-014");
        assertThat(young[1]).isEqualTo("logs");
        assertThat(young[2]).isEqualTo("Prefix=logs/");
        assertThat(young[3]).isEqualTo("STANDARD");
        assertThat(young[5]).isEqualTo("1"); // logs/new
        assertThat(young[6]).isEqualTo("1.000000"); // uploaded that day
        assertThat(young[7]).isEqualTo("1.000000");
        assertThat(young[8]).isEqualTo("1.000000");
        assertThat(young[9]).isEqualTo("1");
        String[] older = row(rows, "2024-01-21", "015-029");
        assertThat(older[5]).isEqualTo("1");
        assertThat(older[6]).isEqualTo("0.000000");
        assertThat(older[7]).isEqualTo("2.000000");
        assertThat(older[8]).isEqualTo("4.000000");
        assertThat(older[9]).isEqualTo("2");
        assertThat(older[10]).isEqualTo("2.0000"); // 4 MB retrieved of 2 MB stored
        assertThat(older[12]).isEmpty(); // one day observed: no recommendation yet
    }

    @Test
    void countsFlushedBeforeARestartAreExportedAfterIt() {
        analysis.configurations().put("data", "all", null, TO_REPORTS);
        put("data", "k", bytes(MIB, 1));
        get("k");
        analysis.recorder().flush();
        analysis.close();
        reopen();
        analysis = new StorageClassAnalysis(keyspace, buckets, objects, clock);
        analysis.export().run(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(row(exported("all"), "2024-01-01", "000-014")[9]).isEqualTo("1");
    }

    @Test
    void afterThirtyDaysTheAnalysisRecommendsTheAgeFromWhichDataIsRarelyRead() {
        analysis.configurations().put("data", "cold", new Filter(Filter.PREFIX, "cold/", Map.of()), TO_REPORTS);
        analysis.configurations().put("data", "hot", new Filter(Filter.PREFIX, "hot/", Map.of()), TO_REPORTS);
        put("data", "cold/k", bytes(MIB, 1));
        put("data", "hot/k", bytes(MIB, 2));
        try (Scheduler scheduler = new Scheduler(clock)) {
            analysis.start(scheduler);
            clock.advance(Duration.ofDays(35));
            for (int i = 0; i < 3; i++) {
                get("hot/k"); // read three times its size at 35 days old
            }
            clock.advance(Duration.ofDays(10)); // 45 daily exports ran in order
        }
        List<String[]> cold = exported("cold");
        assertThat(cold).hasSize(45 * 12);
        assertThat(row(cold, "2024-01-29", "015-029")[12]).isEmpty(); // 29 days observed
        assertThat(row(cold, "2024-02-10", "030-044")[11]).isEqualTo("30");
        assertThat(row(cold, "2024-02-10", "030-044")[12]).isEqualTo("30");
        List<String[]> hot = exported("hot");
        assertThat(row(hot, "2024-02-05", "030-044")[9]).isEqualTo("3");
        assertThat(row(hot, "2024-02-10", "030-044")[12]).isEmpty(); // read too often for STANDARD_IA
    }
}
