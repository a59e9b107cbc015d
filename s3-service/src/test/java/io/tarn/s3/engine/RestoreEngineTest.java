package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.restore.RestoreDelay;
import io.tarn.s3.engine.notifications.ObjectChangeHook;
import io.tarn.s3.engine.restore.RestoreEngine;
import io.tarn.s3.engine.restore.RestoreTier;
import io.tarn.s3.model.ObjectVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Glacier restores on the manual clock: tier windows, expiry rounding, 200/202/409, refusals, restarts. */
class RestoreEngineTest extends EngineFixture {

    private static final String B = "archive";
    private final List<String> events = new ArrayList<>();
    /** The restore events as the engine tells them, in their batches. */
    private final ObjectChangeHook recorder = (batch, c) -> {
        Instant at = c.at() != null ? c.at() : clock.instant();
        switch (c.eventName()) {
            case "ObjectRestore:Post" -> events.add("post " + c.version().key() + " " + at);
            case "ObjectRestore:Completed" -> events.add("completed " + c.version().key() + " " + at + " until " + c.restoredUntil());
            case "ObjectRestore:Delete" -> events.add("delete " + c.version().key() + " " + at);
            default -> { }
        }
    };
    private Scheduler scheduler;
    private RestoreEngine restores;

    private RestoreEngine open(RestoreDelay delay) {
        if (scheduler == null) {
            scheduler = new Scheduler(clock);
        }
        objects.onChange(recorder);
        restores = new RestoreEngine(keyspace, objects, clock, scheduler, delay);
        restores.recover();
        return restores;
    }

    @AfterEach
    void stopScheduler() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    private ObjectVersion archived(String key, String storageClass) {
        if (keyspace.get(io.tarn.s3.model.S3Keys.bucket(B)) == null) {
            bucket(B);
        }
        byte[] data = bytes(100, 7);
        ObjectEngine.PendingPut put = objects.beginPut(B, key, new ObjectAttributes(OWNER, storageClass, Map.of(), Map.of(), Map.of(), null),
                WriteCondition.NONE, Integrity.NONE);
        put.write(java.nio.ByteBuffer.wrap(data));
        return put.commit(null);
    }

    @ParameterizedTest
    @CsvSource({
        "GLACIER, EXPEDITED, PT1M, PT5M",
        "GLACIER, STANDARD, PT3H, PT5H",
        "GLACIER, BULK, PT5H, PT12H",
        "DEEP_ARCHIVE, STANDARD, PT5H, PT12H",
        "DEEP_ARCHIVE, BULK, PT12H, PT48H"})
    void delaysAreDrawnInsideTheTiersWindowAndMaxIsItsUpperBound(String storageClass, RestoreTier tier, Duration shortest, Duration longest) {
        RestoreDelay random = RestoreDelay.random(new SplittableRandom(42));
        Duration min = longest;
        Duration max = shortest;
        for (int i = 0; i < 2_000; i++) {
            Duration d = random.draw(tier.window(storageClass));
            assertThat(d).isBetween(shortest, longest);
            min = d.compareTo(min) < 0 ? d : min;
            max = d.compareTo(max) > 0 ? d : max;
        }
        // the draws spread over the window, not one value
        assertThat(max.minus(min)).isGreaterThan(longest.minus(shortest).dividedBy(2));
        assertThat(RestoreDelay.longest().draw(tier.window(storageClass))).isEqualTo(longest);
    }

    @Test
    void deepArchiveRefusesExpedited() {
        open(RestoreDelay.longest());
        ObjectVersion v = archived("deep", "DEEP_ARCHIVE");
        assertAws(() -> restores.restore(B, v, 1, RestoreTier.EXPEDITED), "InvalidArgument", 400);
        assertThat(restores.header(v)).isEmpty();
    }

    @Test
    void glacierObjectRefusesReadsUntilAStandardRestoreCompletesThenExpiresAtTheNextMidnight() {
        open(RestoreDelay.longest());
        ObjectVersion v = archived("cold", "GLACIER");
        assertAws(() -> objects.open(v, 0, v.size()), "InvalidObjectState", 403);
        assertThat(restores.header(v)).isEmpty();

        RestoreEngine.Outcome first = restores.restore(B, v, 2, RestoreTier.STANDARD);
        assertThat(first.extended()).isFalse();
        assertThat(restores.header(v)).contains("ongoing-request=\"true\"");
        assertAws(() -> restores.restore(B, v, 2, RestoreTier.STANDARD), "RestoreAlreadyInProgress", 409);

        clock.advance(Duration.ofHours(5).minusSeconds(1));
        assertAws(() -> objects.open(v, 0, v.size()), "InvalidObjectState", 403);
        clock.advance(Duration.ofSeconds(1)); // 05:00 on 2024-01-01: ready; 2 days later, rounded to the next midnight
        assertThat(read(v)).isEqualTo(bytes(100, 7));
        assertThat(restores.header(v)).contains("ongoing-request=\"false\", expiry-date=\"Thu, 4 Jan 2024 00:00:00 GMT\"");
        assertThat(events).containsExactly("post cold " + START, "completed cold 2024-01-01T05:00:00Z until 2024-01-04T00:00:00Z");

        clock.advanceTo(Instant.parse("2024-01-03T23:59:59Z"));
        assertThat(restores.header(v)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(restores.header(v)).isEmpty();
        assertAws(() -> objects.open(v, 0, v.size()), "InvalidObjectState", 403);
        assertThat(events).last().isEqualTo("delete cold 2024-01-04T00:00:00Z");
    }

    @Test
    void aSecondRestoreOfARestoredCopyExtendsItFromNowWith200() {
        open(RestoreDelay.longest());
        ObjectVersion v = archived("again", "GLACIER");
        restores.restore(B, v, 1, RestoreTier.EXPEDITED);
        clock.advance(Duration.ofMinutes(5)); // ready 00:05, expires 2024-01-03T00:00Z
        clock.advanceTo(Instant.parse("2024-01-02T12:00:00Z"));
        RestoreEngine.Outcome again = restores.restore(B, v, 3, RestoreTier.BULK);
        assertThat(again.extended()).isTrue();
        assertThat(again.record().expiresAt()).isEqualTo(Instant.parse("2024-01-06T00:00:00Z"));
        clock.advanceTo(Instant.parse("2024-01-05T00:00:00Z")); // the old expiry passed: still readable
        assertThat(read(v)).hasSize(100);
        clock.advanceTo(Instant.parse("2024-01-06T00:00:00Z"));
        assertAws(() -> objects.open(v, 0, v.size()), "InvalidObjectState", 403);
        assertThat(events).filteredOn(e -> e.startsWith("delete")).containsExactly("delete again 2024-01-06T00:00:00Z");
    }

    @Test
    void restoresOfObjectsThatAreNotArchivedAreRefused() {
        open(RestoreDelay.longest());
        for (String readable : List.of("STANDARD", "GLACIER_IR", "STANDARD_IA")) {
            ObjectVersion v = archived("plain-" + readable, readable);
            assertThat(read(v)).hasSize(100);
            assertAws(() -> restores.restore(B, v, 1, RestoreTier.STANDARD), "InvalidObjectState", 403);
        }
    }

    @Test
    void aGlacierRestoreWithoutDaysIsMalformed() {
        open(RestoreDelay.longest());
        ObjectVersion v = archived("nodays", "GLACIER");
        assertAws(() -> restores.restore(B, v, null, RestoreTier.STANDARD), "MalformedXML", 400);
    }

    @Test
    void aPendingRestoreSurvivesARestartAndCompletesOnTime() {
        open(RestoreDelay.longest());
        ObjectVersion v = archived("restart", "DEEP_ARCHIVE");
        restores.restore(B, v, 1, RestoreTier.BULK); // 48 h
        restores.close();
        scheduler.close();
        scheduler = null;
        reopen();
        clock.advance(Duration.ofHours(47));
        open(RestoreDelay.longest()); // a new engine and scheduler, as a restart makes
        assertThat(restores.header(v)).contains("ongoing-request=\"true\"");
        clock.advance(Duration.ofHours(1));
        assertThat(restores.header(v)).contains("ongoing-request=\"false\", expiry-date=\"Fri, 5 Jan 2024 00:00:00 GMT\"");
        assertThat(events).contains("completed restart 2024-01-03T00:00:00Z until 2024-01-05T00:00:00Z");
    }

    @Test
    void aDueChangeMissedWhileStoppedIsAppliedAtStart() {
        open(RestoreDelay.longest());
        ObjectVersion v = archived("missed", "GLACIER");
        restores.restore(B, v, 1, RestoreTier.EXPEDITED);
        restores.close();
        scheduler.close();
        scheduler = null;
        reopen();
        clock.advance(Duration.ofHours(1)); // nobody was running at 00:05
        open(RestoreDelay.longest());
        waitFor(() -> events.stream().anyMatch(e -> e.startsWith("completed missed")));
        assertThat(events).contains("completed missed 2024-01-01T00:05:00Z until 2024-01-03T00:00:00Z");
    }

    /** The scheduler's thread runs what was already due at start; this waits for it, bounded by count, not by a deadline that could fail on a slow machine. */
    private static void waitFor(java.util.function.BooleanSupplier done) {
        for (int i = 0; i < 6_000 && !done.getAsBoolean(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
