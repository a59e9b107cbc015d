package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.report.StorageCounters;
import io.tarn.s3.engine.report.StorageReport;
import io.tarn.s3.engine.report.StorageReport.ClassUsage;
import io.tarn.s3.engine.notifications.ObjectChange;
import io.tarn.s3.engine.restore.RestoreDelay;
import io.tarn.s3.engine.restore.RestoreEngine;
import io.tarn.s3.engine.restore.RestoreTier;
import io.tarn.s3.model.ObjectVersion;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The storage report on the manual clock: billable sizes, and early deletions, transitions and restores counted with their changes. */
class StorageReportTest extends EngineFixture {

    private static final long KIB = 1024;

    private ObjectVersion put(String bucket, String key, int size, String storageClass) {
        ObjectEngine.PendingPut put = objects.beginPut(bucket, key,
                new ObjectAttributes(OWNER, storageClass, Map.of(), Map.of(), Map.of(), null), WriteCondition.NONE, Integrity.NONE);
        writeInChunks(bytes(size, size), put::write);
        return put.commit(null);
    }

    private ClassUsage usage(String bucket, String storageClass) {
        return new StorageReport(keyspace, buckets, objects.ledger()).of(bucket).storageClasses().stream()
                .filter(c -> c.storageClass().equals(storageClass)).findFirst()
                .orElse(new ClassUsage(storageClass, 0, 0, 0, 0, StorageCounters.ZERO));
    }

    @Test
    void deletingAnInfrequentAccessObjectAfterTenDaysChargesTwentyDays() {
        bucket("bkt");
        put("bkt", "k", 1000, "STANDARD_IA");
        clock.advance(Duration.ofDays(10));
        objects.delete("bkt", "k", null, OWNER);
        ClassUsage ia = usage("bkt", "STANDARD_IA");
        assertThat(ia.counters().earlyDeletions()).isEqualTo(1);
        assertThat(ia.counters().earlyDeletionDays()).isEqualTo(20);
        assertThat(ia.counters().earlyDeletionByteDays()).isEqualTo(20 * 128 * KIB); // billed as 128 KiB
        assertThat(ia.versions()).isZero();
    }

    @Test
    void aPartDayStillDueIsChargedAsAWholeDayAndNothingAfterTheMinimum() {
        bucket("bkt");
        put("bkt", "early", 10, "DEEP_ARCHIVE");
        put("bkt", "late", 10, "GLACIER_IR");
        clock.advance(Duration.ofDays(100).plusHours(1));
        objects.delete("bkt", "early", null, OWNER); // 79 days 23 hours still due
        objects.delete("bkt", "late", null, OWNER); // past GLACIER_IR's 90 days
        assertThat(usage("bkt", "DEEP_ARCHIVE").counters().earlyDeletionDays()).isEqualTo(80);
        assertThat(usage("bkt", "GLACIER_IR").counters().earlyDeletions()).isZero();
    }

    @Test
    void anOverwriteChargesTheReplacedVersionButAVersionedBucketKeepsItBilled() {
        bucket("plain");
        versionedBucket("kept");
        put("plain", "k", 2000, "GLACIER");
        put("kept", "k", 2000, "GLACIER");
        clock.advance(Duration.ofDays(30));
        put("plain", "k", 2000, "STANDARD");
        put("kept", "k", 2000, "STANDARD");
        assertThat(usage("plain", "GLACIER").counters().earlyDeletionDays()).isEqualTo(60);
        assertThat(usage("kept", "GLACIER").counters().earlyDeletions()).isZero();
        ClassUsage archived = usage("kept", "GLACIER");
        assertThat(archived.versions()).isEqualTo(1);
        assertThat(archived.noncurrentVersions()).isEqualTo(1);
        assertThat(usage("kept", "STANDARD").noncurrentVersions()).isZero();
    }

    @Test
    void billableBytesApplyMinimumSizesAndArchiveOverheads() {
        bucket("bkt");
        put("bkt", "ia", 1000, "STANDARD_IA");
        put("bkt", "big-ia", 200_000, "ONEZONE_IA");
        put("bkt", "ir", 10, "GLACIER_IR");
        put("bkt", "g", 1000, "GLACIER");
        put("bkt", "d", 1000, "DEEP_ARCHIVE");
        put("bkt", "s", 1000, "STANDARD");
        assertThat(usage("bkt", "STANDARD_IA").billableBytes()).isEqualTo(128 * KIB);
        assertThat(usage("bkt", "ONEZONE_IA").billableBytes()).isEqualTo(200_000);
        assertThat(usage("bkt", "GLACIER_IR").billableBytes()).isEqualTo(128 * KIB);
        assertThat(usage("bkt", "GLACIER").billableBytes()).isEqualTo(1000 + 32 * KIB);
        assertThat(usage("bkt", "DEEP_ARCHIVE").billableBytes()).isEqualTo(1000 + 32 * KIB);
        // the archived objects' names and metadata are billed at STANDARD's rate
        ClassUsage standard = usage("bkt", "STANDARD");
        assertThat(standard.storedBytes()).isEqualTo(1000);
        assertThat(standard.billableBytes()).isEqualTo(1000 + 2 * 8 * KIB);
    }

    @Test
    void aTransitionChargesTheClassItLeavesAndTheNewClassCountsFromTheTransition() {
        bucket("bkt");
        ObjectVersion v = put("bkt", "k", 1000, "STANDARD_IA");
        clock.advance(Duration.ofDays(10));
        objects.changeStorageClass("bkt", "k", v.seq(), "GLACIER",
                now -> ObjectChange.of("bkt", "LifecycleTransition", now, null));
        clock.advance(Duration.ofDays(30)); // 40 days old, 30 of them in GLACIER
        objects.delete("bkt", "k", null, OWNER);
        ClassUsage ia = usage("bkt", "STANDARD_IA");
        assertThat(ia.counters().transitionsOut()).isEqualTo(1);
        assertThat(ia.counters().earlyDeletionDays()).isEqualTo(20);
        ClassUsage glacier = usage("bkt", "GLACIER");
        assertThat(glacier.counters().transitionsIn()).isEqualTo(1);
        assertThat(glacier.counters().earlyDeletionDays()).isEqualTo(60);
        assertThat(glacier.counters().earlyDeletionByteDays()).isEqualTo(60 * (1000 + 32 * KIB));
    }

    @Test
    void aChangeMadeAsOfAnEarlierInstantIsChargedAsOfThen() {
        bucket("bkt");
        put("bkt", "k", 1000, "STANDARD_IA");
        clock.advance(Duration.ofDays(25));
        // a lifecycle evaluation of day 5 running after the clock moved on
        objects.expire("bkt", "k", null, OWNER, WriteCondition.NONE, START.plus(Duration.ofDays(5)));
        assertThat(usage("bkt", "STANDARD_IA").counters().earlyDeletionDays()).isEqualTo(25);
    }

    @Test
    void completedRestoresAreCountedAndEveryCountSurvivesARestart() {
        bucket("bkt");
        put("bkt", "k", 5000, "GLACIER");
        try (Scheduler scheduler = new Scheduler(clock)) {
            RestoreEngine restores = new RestoreEngine(keyspace, objects, clock, scheduler, RestoreDelay.longest());
            restores.restore("bkt", objects.resolve("bkt", "k", null), 2, RestoreTier.STANDARD);
            assertThat(usage("bkt", "GLACIER").counters().restores()).isZero(); // not done yet
            clock.advance(Duration.ofHours(5));
            restores.close();
        }
        objects.delete("bkt", "k", null, OWNER);
        reopen();
        ClassUsage glacier = usage("bkt", "GLACIER");
        assertThat(glacier.counters().restores()).isEqualTo(1);
        assertThat(glacier.counters().restoredBytes()).isEqualTo(5000);
        assertThat(glacier.counters().earlyDeletionDays()).isEqualTo(90);
    }

    @Test
    void aNewBucketOfADeletedOnesNameStartsWithoutItsCounts() {
        bucket("bkt");
        put("bkt", "k", 10, "STANDARD_IA");
        objects.delete("bkt", "k", null, OWNER);
        buckets.delete("bkt", uploads);
        clock.advance(Duration.ofSeconds(1));
        bucket("bkt");
        assertThat(usage("bkt", "STANDARD_IA").counters()).isEqualTo(StorageCounters.ZERO);
    }
}
