package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.store.Batch;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.notifications.ObjectChange;
import io.tarn.s3.engine.notifications.ObjectChangeHook;
import io.tarn.s3.engine.restore.RestoreDelay;
import io.tarn.s3.engine.restore.RestoreEngine;
import io.tarn.s3.engine.restore.RestoreTier;
import io.tarn.s3.engine.tiering.AccessTier;
import io.tarn.s3.engine.tiering.TieringConfiguration;
import io.tarn.s3.engine.tiering.TieringConfiguration.Filter;
import io.tarn.s3.engine.tiering.TieringConfiguration.Tiering;
import io.tarn.s3.engine.tiering.TieringEngine;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Intelligent-Tiering on the manual clock: the 30- and 90-day moves, the opt-in archive tiers and
 * their filters, accesses bringing objects back, small objects left alone, restores from the
 * archive tiers, and tiers kept across a restart. The clock starts at a midnight, so the daily
 * evaluation of day n runs when n days have passed.
 */
class TieringEngineTest extends EngineFixture {

    private static final String B = "tiered";
    private static final int BIG = 200 * 1024;

    private final List<String> events = new ArrayList<>();
    private Scheduler scheduler;
    private TieringEngine tiering;
    private RestoreEngine restores;

    @BeforeEach
    void openTiering() {
        scheduler = new Scheduler(clock);
        startTiering();
        bucket(B);
    }

    /** The engines as S3Service wires them, over the fixture's store and object engine. */
    private void startTiering() {
        tiering = new TieringEngine(keyspace, buckets, objects, clock);
        objects.onChange(tiering.indexing(new ObjectChangeHook() {
            @Override
            public void changed(Batch batch, ObjectChange change) {
                if (change.eventName().equals("IntelligentTiering")) {
                    events.add(change.eventName() + " " + change.version().key() + " " + change.accessTier() + " day "
                            + Duration.between(START, clock.instant()).toDays());
                }
            }
        }));
        restores = new RestoreEngine(keyspace, objects, clock, scheduler, RestoreDelay.longest());
        restores.archiveTiers(tiering);
        restores.recover();
        tiering.start(scheduler);
    }

    @Override
    void closeEngines() {
        if (tiering != null) {
            tiering.stop();
            restores.close();
        }
        super.closeEngines();
    }

    @AfterEach
    void stopScheduler() {
        scheduler.close();
    }

    private void restart() {
        tiering.stop();
        restores.close();
        reopen();
        startTiering();
    }

    private ObjectVersion putTiered(String key, int size, Map<String, String> tags) {
        ObjectEngine.PendingPut put = objects.beginPut(B, key,
                new ObjectAttributes(OWNER, "INTELLIGENT_TIERING", Map.of(), Map.of(), tags, null), WriteCondition.NONE, Integrity.NONE);
        put.write(ByteBuffer.wrap(bytes(size, size)));
        return put.commit(null);
    }

    private ObjectVersion putTiered(String key) {
        return putTiered(key, BIG, Map.of());
    }

    private AccessTier tierOf(String key) {
        ObjectVersion v = objects.resolve(B, key, null);
        assertThat(v.storageClass()).isEqualTo("INTELLIGENT_TIERING"); // whatever the tier, as S3 reports it
        return tiering.tierOf(v);
    }

    private void days(int n) {
        clock.advance(Duration.ofDays(n));
    }

    private static TieringConfiguration archiveAfter(String id, Filter filter, int archiveDays, Integer deepDays) {
        List<Tiering> tierings = new ArrayList<>(List.of(new Tiering(AccessTier.ARCHIVE_ACCESS, archiveDays)));
        if (deepDays != null) {
            tierings.add(new Tiering(AccessTier.DEEP_ARCHIVE_ACCESS, deepDays));
        }
        return new TieringConfiguration(TieringConfiguration.SCHEMA, id, true, filter, tierings);
    }

    @Test
    void anUnreadObjectMovesToInfrequentAfter30DaysAndArchiveInstantAfter90() {
        putTiered("k");
        days(29);
        assertThat(tierOf("k")).isEqualTo(AccessTier.FREQUENT_ACCESS);
        days(1);
        assertThat(tierOf("k")).isEqualTo(AccessTier.INFREQUENT_ACCESS);
        days(59);
        assertThat(tierOf("k")).isEqualTo(AccessTier.INFREQUENT_ACCESS);
        days(1);
        assertThat(tierOf("k")).isEqualTo(AccessTier.ARCHIVE_INSTANT_ACCESS);
        days(400); // without a configuration that opts in, never an archive tier
        assertThat(tierOf("k")).isEqualTo(AccessTier.ARCHIVE_INSTANT_ACCESS);
        assertThat(read(objects.resolve(B, "k", null))).hasSize(BIG); // still readable at once
        assertThat(events).isEmpty();
    }

    @Test
    void objectsUnder128KiBAreNeverMoved() {
        putTiered("small", 128 * 1024 - 1, Map.of());
        putTiered("edge", 128 * 1024, Map.of());
        tiering.put(B, archiveAfter("all", null, 90, null));
        days(120);
        assertThat(tierOf("small")).isEqualTo(AccessTier.FREQUENT_ACCESS);
        assertThat(tierOf("edge")).isEqualTo(AccessTier.ARCHIVE_ACCESS);
        assertThat(keyspace.get(S3Keys.tier(objects.resolve(B, "small", null).seq()))).isNull(); // not even tracked
    }

    @Test
    void aReadOrCopyBringsAnObjectBackAndRestartsItsDaysWhileHeadDoesNot() {
        putTiered("k");
        putTiered("src");
        days(31);
        assertThat(tierOf("k")).isEqualTo(AccessTier.INFREQUENT_ACCESS);
        clock.advance(Duration.ofHours(12));
        read(objects.resolve(B, "k", null)); // GetObject
        objects.copy(objects.resolve(B, "src", null), B, "copy", attrs(), null, WriteCondition.NONE); // CopyObject's source
        assertThat(tierOf("k")).isEqualTo(AccessTier.FREQUENT_ACCESS);
        assertThat(tierOf("src")).isEqualTo(AccessTier.FREQUENT_ACCESS);
        days(29);
        objects.resolve(B, "k", null); // what HEAD and listings do: no access
        days(1);
        assertThat(tierOf("k")).isEqualTo(AccessTier.FREQUENT_ACCESS); // 29 and a half days since the read
        days(1);
        assertThat(tierOf("k")).isEqualTo(AccessTier.INFREQUENT_ACCESS);
    }

    @Test
    void aConfigurationOptsCoveredObjectsIntoTheArchiveTiers() {
        putTiered("logs/a");
        putTiered("logs/tagged", BIG, Map.of("cold", "yes"));
        putTiered("other/b");
        tiering.put(B, archiveAfter("logs", new Filter("logs/", Map.of(), false), 100, 200));
        tiering.put(B, archiveAfter("tagged", new Filter("logs/", Map.of("cold", "yes"), true), 95, null));
        tiering.put(B, new TieringConfiguration(TieringConfiguration.SCHEMA, "off", false, null,
                List.of(new Tiering(AccessTier.ARCHIVE_ACCESS, 90))));
        days(94);
        assertThat(tierOf("logs/a")).isEqualTo(AccessTier.ARCHIVE_INSTANT_ACCESS);
        assertThat(tierOf("other/b")).isEqualTo(AccessTier.ARCHIVE_INSTANT_ACCESS); // a Disabled configuration archives nothing
        days(1);
        assertThat(tierOf("logs/tagged")).isEqualTo(AccessTier.ARCHIVE_ACCESS); // the earlier of the two that cover it
        assertThat(tierOf("logs/a")).isEqualTo(AccessTier.ARCHIVE_INSTANT_ACCESS);
        days(5);
        assertThat(tierOf("logs/a")).isEqualTo(AccessTier.ARCHIVE_ACCESS);
        days(100);
        assertThat(tierOf("logs/a")).isEqualTo(AccessTier.DEEP_ARCHIVE_ACCESS);
        assertThat(tierOf("logs/tagged")).isEqualTo(AccessTier.DEEP_ARCHIVE_ACCESS);
        assertThat(tierOf("other/b")).isEqualTo(AccessTier.ARCHIVE_INSTANT_ACCESS);
        assertThat(events).containsExactly("IntelligentTiering logs/tagged ARCHIVE_ACCESS day 95",
                "IntelligentTiering logs/a ARCHIVE_ACCESS day 100", "IntelligentTiering logs/a DEEP_ARCHIVE_ACCESS day 200",
                "IntelligentTiering logs/tagged DEEP_ARCHIVE_ACCESS day 200");

        ObjectVersion archived = objects.resolve(B, "logs/a", null);
        assertThatThrownBy(() -> read(archived)).isInstanceOf(AwsException.class).satisfies(e -> {
            AwsException aws = (AwsException) e;
            assertThat(aws.code()).isEqualTo("InvalidObjectState");
            assertThat(aws.status()).isEqualTo(403);
            assertThat(aws.extra()).containsEntry("StorageClass", "INTELLIGENT_TIERING").containsEntry("AccessTier", "DEEP_ARCHIVE_ACCESS");
        });
        assertThat(restores.archiveStatus(archived)).contains("DEEP_ARCHIVE_ACCESS");
        assertAws(() -> objects.copy(archived, B, "copy", attrs(), null, WriteCondition.NONE), "InvalidObjectState", 403);
    }

    @Test
    void aRestoreTakesTheTiersTimeThenBringsTheObjectBackToFrequentAccess() {
        putTiered("k");
        tiering.put(B, archiveAfter("all", null, 90, 180));
        days(90);
        ObjectVersion v = objects.resolve(B, "k", null);
        assertThat(tierOf("k")).isEqualTo(AccessTier.ARCHIVE_ACCESS);
        assertAws(() -> restores.restore(B, v, 3, RestoreTier.STANDARD), "InvalidArgument", 400); // no Days for this class

        RestoreEngine.Outcome outcome = restores.restore(B, v, null, RestoreTier.STANDARD);
        assertThat(outcome.extended()).isFalse();
        assertThat(restores.header(v)).contains("ongoing-request=\"true\"");
        assertThat(restores.active(v.storageClass(), v.seq())).hasValueSatisfying(s -> assertThat(s.inProgress()).isTrue());
        assertAws(() -> restores.restore(B, v, null, RestoreTier.BULK), "RestoreAlreadyInProgress", 409);
        clock.advance(Duration.ofHours(5).minusSeconds(1)); // Archive Access, Standard: 3-5 hours (the longest here)
        assertThat(tierOf("k")).isEqualTo(AccessTier.ARCHIVE_ACCESS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tierOf("k")).isEqualTo(AccessTier.FREQUENT_ACCESS);
        assertThat(restores.header(v)).isEmpty();
        assertThat(restores.active(v.storageClass(), v.seq())).isEmpty();
        assertThat(restores.archiveStatus(v)).isEmpty();
        assertThat(read(v)).hasSize(BIG);
        assertAws(() -> restores.restore(B, v, null, RestoreTier.STANDARD), "InvalidObjectState", 403); // not archived any more

        // its days count again from the restore: back in an archive tier 90 days later, then Deep Archive Access
        days(181);
        assertThat(tierOf("k")).isEqualTo(AccessTier.DEEP_ARCHIVE_ACCESS);
        assertAws(() -> restores.restore(B, v, null, RestoreTier.EXPEDITED), "InvalidArgument", 400);
        restores.restore(B, v, null, RestoreTier.BULK);
        clock.advance(Duration.ofHours(48)); // Deep Archive Access, Bulk: within 48 hours
        assertThat(tierOf("k")).isEqualTo(AccessTier.FREQUENT_ACCESS);
    }

    @Test
    void tiersAccessesAndTheNextRunSurviveARestart() {
        putTiered("idle");
        putTiered("read");
        days(31);
        read(objects.resolve(B, "read", null)); // IA back to Frequent; written at stop, or a moment later
        restart();
        assertThat(tierOf("idle")).isEqualTo(AccessTier.INFREQUENT_ACCESS);
        assertThat(tierOf("read")).isEqualTo(AccessTier.FREQUENT_ACCESS);
        days(59);
        assertThat(tierOf("idle")).isEqualTo(AccessTier.ARCHIVE_INSTANT_ACCESS);
        assertThat(tierOf("read")).isEqualTo(AccessTier.INFREQUENT_ACCESS);
    }

    @Test
    void aLifecycleTransitionIntoTheClassStartsInFrequentAccessAndDeletesDropTheState() {
        ObjectEngine.PendingPut put = objects.beginPut(B, "std", attrs(), WriteCondition.NONE, Integrity.NONE);
        put.write(ByteBuffer.wrap(bytes(BIG, 1)));
        ObjectVersion std = put.commit(null);
        days(10);
        objects.changeStorageClass(B, "std", std.seq(), "INTELLIGENT_TIERING",
                moved -> ObjectChange.of(B, "LifecycleTransition", moved, null));
        days(29);
        assertThat(tierOf("std")).isEqualTo(AccessTier.FREQUENT_ACCESS); // 29 days since the transition
        days(1);
        assertThat(tierOf("std")).isEqualTo(AccessTier.INFREQUENT_ACCESS);

        ObjectVersion gone = putTiered("gone");
        objects.delete(B, "gone", null, OWNER);
        assertThat(keyspace.get(S3Keys.tier(gone.seq()))).isNull();
        ObjectVersion replaced = putTiered("null-version");
        putTiered("null-version"); // replaces the null version, and its state with it
        assertThat(keyspace.get(S3Keys.tier(replaced.seq()))).isNull();
        days(31);
        assertThat(tierOf("null-version")).isEqualTo(AccessTier.INFREQUENT_ACCESS);
    }

    @Test
    void configurationsAreKeptListedAndDeleted() {
        assertAws(() -> tiering.get(B, "x"), "NoSuchConfiguration", 404);
        assertAws(() -> tiering.delete(B, "x"), "NoSuchConfiguration", 404);
        for (int i = 0; i < TieringEngine.MAX_CONFIGURATIONS; i++) {
            tiering.put(B, archiveAfter(String.format("c%04d", i), null, 90, null));
        }
        tiering.put(B, archiveAfter("c0000", null, 120, null)); // a replacement is not a new one
        assertAws(() -> tiering.put(B, archiveAfter("one-too-many", null, 90, null)), "TooManyConfigurations", 400);
        assertThat(tiering.get(B, "c0000").tierings()).containsExactly(new Tiering(AccessTier.ARCHIVE_ACCESS, 120));
        assertThat(tiering.list(B, "c0997", 10)).extracting(TieringConfiguration::id).containsExactly("c0998", "c0999");
        tiering.delete(B, "c0000");
        assertAws(() -> tiering.get(B, "c0000"), "NoSuchConfiguration", 404);
        assertAws(() -> tiering.get("no-such-bucket", "c0001"), "NoSuchBucket", 404);
    }
}
