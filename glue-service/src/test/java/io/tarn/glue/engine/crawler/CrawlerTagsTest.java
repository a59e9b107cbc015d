package io.tarn.glue.engine.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.glue.engine.Catalog;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerTargets;
import io.tarn.glue.model.CrawlerTargets.S3Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crawler's tags: kept by the catalog's Tags alone, set by CreateCrawler, by ARN, and gone with the crawler. */
class CrawlerTagsTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final String ARN = "arn:aws:glue:us-east-1:000000000000:crawler/daily";

    @TempDir
    Path dir;

    private EmulatorClock clock;
    private Scheduler scheduler;
    private StateStore store;
    private Catalog catalog;
    private Crawlers crawlers;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(Instant.parse("2024-05-15T10:20:00Z"));
        reopen();
    }

    private void reopen() {
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        catalog = new Catalog(store.keyspace("glue"), clock);
        // no crawl runs here: the steps are never called
        crawlers = new Crawlers(store.keyspace("glue"), clock, scheduler, catalog, new ClassifierStore(store.keyspace("glue"), clock),
                new CrawlEnvironment(Runnable::run, Optional::empty, null, null));
    }

    @AfterEach
    void close() {
        scheduler.close();
        store.close();
    }

    private static CrawlerDefinition crawler(String name, Map<String, String> tags) {
        return new CrawlerDefinition(name, "arn:aws:iam::000000000000:role/glue", "lake", null,
                CrawlerTargets.s3(List.of(new S3Target("s3://lake/data/", List.of(), null, null, null, null))), null, null, null,
                null, null, null, null, null, null, tags);
    }

    private static void assertAws(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void createTimeTagsAreTheCrawlersTagsByArnAndNotACopyInItsDefinition() {
        crawlers.create(NS, crawler("daily", Map.of("team", "data")));
        assertThat(catalog.tags().get(NS, ARN)).containsOnly(Map.entry("team", "data"));
        assertThat(crawlers.get(NS, "daily").definition().tags()).isNull();

        catalog.tags().tag(NS, ARN, Map.of("env", "dev"));
        catalog.tags().untag(NS, ARN, List.of("team"));
        assertThat(crawlers.tags(NS, "daily")).containsOnly(Map.entry("env", "dev"));
        crawlers.update(NS, new CrawlerDefinition("daily", null, null, "changed", null, null, null, null, null, null, null, null,
                null, null, null));
        assertThat(catalog.tags().get(NS, ARN)).containsOnly(Map.entry("env", "dev"));

        store.close();
        scheduler.close();
        reopen();
        assertThat(catalog.tags().get(NS, ARN)).containsOnly(Map.entry("env", "dev"));
    }

    @Test
    void deletingTheCrawlerDropsItsTagsAndAMissingCrawlerIsNotFound() {
        crawlers.create(NS, crawler("daily", Map.of("team", "data")));
        crawlers.delete(NS, "daily");
        assertAws(() -> catalog.tags().get(NS, ARN), "EntityNotFoundException", "Crawler entry with name daily does not exist");
        assertAws(() -> catalog.tags().tag(NS, ARN, Map.of("k", "v")), "EntityNotFoundException",
                "Crawler entry with name daily does not exist");
        crawlers.create(NS, crawler("daily", null));
        assertThat(catalog.tags().get(NS, ARN)).isEmpty();
    }

    @Test
    void createCrawlerTagsFollowAwsLimits() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        assertAws(() -> crawlers.create(NS, crawler("c", many)), "ValidationException",
                "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than "
                        + "or equal to 50");
        assertAws(() -> crawlers.create(NS, crawler("c", Map.of("aws:owner", "me"))), "InvalidInputException",
                "Tag keys cannot start with the reserved prefix aws: aws:owner");
        assertThatThrownBy(() -> crawlers.create(NS, crawler("c", Map.of("k", "v".repeat(257)))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
        assertAws(() -> crawlers.get(NS, "c"), "EntityNotFoundException", "Crawler entry with name c does not exist");
    }
}
