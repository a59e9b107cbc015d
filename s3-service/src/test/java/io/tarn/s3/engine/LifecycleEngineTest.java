package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.lifecycle.EvaluationCounts;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Expiration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Filter;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.NoncurrentExpiration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.NoncurrentTransition;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Rule;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Transition;
import io.tarn.s3.engine.lifecycle.LifecycleEngine;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectLockState;
import io.tarn.s3.model.ObjectVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each rule kind and each transition constraint, evaluated as of chosen midnights on a manual clock over a real store. */
class LifecycleEngineTest extends EngineFixture {

    static final int BIG = 200 * 1024;
    static final Instant DAY0 = START; // 2024-01-01T00:00Z

    LifecycleEngine lifecycle;
    final List<String> events = new ArrayList<>();

    @BeforeEach
    void lifecycle() {
        objects.onChange((batch, c) -> {
            ObjectVersion v = c.version();
            switch (c.eventName()) {
                case "LifecycleTransition" -> events.add("LifecycleTransition " + v.key() + " " + v.storageClass());
                case "LifecycleExpiration:Delete" -> events.add("LifecycleExpiration:Delete " + v.key() + " " + v.versionId());
                case "LifecycleExpiration:DeleteMarkerCreated" -> events.add("LifecycleExpiration:DeleteMarkerCreated " + v.key());
                default -> { }
            }
        });
        lifecycle = new LifecycleEngine(keyspace, buckets, objects, uploads);
    }

    static Instant day(int n) {
        return DAY0.plus(Duration.ofDays(n));
    }

    static Rule rule(String id, Filter filter, Expiration expiration, List<Transition> transitions) {
        return new Rule(id, true, null, filter, expiration, transitions, List.of(), null, null);
    }

    static Filter all() {
        return new Filter(null, Map.of(), null, null, false);
    }

    static Filter prefix(String p) {
        return new Filter(p, Map.of(), null, null, false);
    }

    void configure(String bucket, String minimumSize, Rule... rules) {
        lifecycle.put(bucket, new LifecycleConfiguration(LifecycleConfiguration.SCHEMA, List.of(rules), minimumSize));
    }

    void configure(String bucket, Rule... rules) {
        configure(bucket, LifecycleConfiguration.ALL_CLASSES_128K, rules);
    }

    ObjectVersion put(String bucket, String key, int size, String storageClass, Map<String, String> tags) {
        ObjectAttributes a = new ObjectAttributes(OWNER, storageClass, Map.of(), Map.of(), tags, null);
        ObjectEngine.PendingPut put = objects.beginPut(bucket, key, a, WriteCondition.NONE, Integrity.NONE);
        put.write(java.nio.ByteBuffer.wrap(bytes(size, key.hashCode())));
        return put.commit(null);
    }

    ObjectVersion current(String bucket, String key) {
        return objects.resolve(bucket, key, null);
    }

    // ---- transitions and their constraints

    @Test
    void aTransitionByDaysIsDueAtTheMidnightAfterCreationPlusDays() {
        bucket("bkt");
        clock.advance(Duration.ofHours(10)); // created 2024-01-01T10:00: 30 days later rounds up to 2024-02-01T00:00
        put("bkt", "k", BIG, "STANDARD", Map.of());
        configure("bkt", rule("ia", all(), null, List.of(new Transition(30, null, "STANDARD_IA"))));

        lifecycle.evaluate(day(30));
        assertThat(current("bkt", "k").storageClass()).isEqualTo("STANDARD");
        EvaluationCounts c = lifecycle.evaluate(day(31));
        assertThat(c.transitioned()).isEqualTo(1);
        assertThat(current("bkt", "k").storageClass()).isEqualTo("STANDARD_IA");
        assertThat(events).containsExactly("LifecycleTransition k STANDARD_IA");
    }

    @Test
    void aTransitionRewritesTheRecordNotTheBytes() {
        bucket("bkt");
        ObjectVersion before = put("bkt", "k", BIG, "STANDARD", Map.of());
        configure("bkt", rule("g", all(), null, List.of(new Transition(0, null, "GLACIER"))));
        lifecycle.evaluate(day(1));
        ObjectVersion after = objects.resolve("bkt", "k", null);
        assertThat(after.storageClass()).isEqualTo("GLACIER");
        assertThat(after.parts()).isEqualTo(before.parts()); // the same blobs
        assertThat(after.etag()).isEqualTo(before.etag());
        assertThat(after.lastModified()).isEqualTo(before.lastModified());
    }

    @Test
    void ofSeveralDueTransitionsTheDeepestClassWins() {
        bucket("bkt");
        put("bkt", "k", BIG, "STANDARD", Map.of());
        configure("bkt", rule("r", all(), null,
                List.of(new Transition(30, null, "STANDARD_IA"), new Transition(90, null, "GLACIER"), new Transition(180, null, "DEEP_ARCHIVE"))));
        lifecycle.evaluate(day(100));
        assertThat(current("bkt", "k").storageClass()).isEqualTo("GLACIER");
        lifecycle.evaluate(day(181));
        assertThat(current("bkt", "k").storageClass()).isEqualTo("DEEP_ARCHIVE");
    }

    @Test
    void objectsOnlyMoveDownTheWaterfall() {
        bucket("bkt");
        put("bkt", "onezone", BIG, "ONEZONE_IA", Map.of());
        put("bkt", "glacier-ir", BIG, "GLACIER_IR", Map.of());
        put("bkt", "rrs", BIG, "REDUCED_REDUNDANCY", Map.of());
        configure("bkt", rule("r", all(), null, List.of(new Transition(30, null, "STANDARD_IA"), new Transition(60, null, "INTELLIGENT_TIERING"))));
        lifecycle.evaluate(day(61));
        assertThat(current("bkt", "onezone").storageClass()).isEqualTo("ONEZONE_IA"); // IA and IT are above One Zone-IA
        assertThat(current("bkt", "glacier-ir").storageClass()).isEqualTo("GLACIER_IR");
        assertThat(current("bkt", "rrs").storageClass()).isEqualTo("INTELLIGENT_TIERING");
    }

    @Test
    void anInfrequentAccessClassWaitsThirtyDaysInStandardEvenByDate() {
        bucket("bkt");
        clock.advance(Duration.ofDays(10));
        put("bkt", "k", BIG, "STANDARD", Map.of());
        configure("bkt", rule("d", all(), null, List.of(new Transition(null, day(15), "STANDARD_IA"))));
        lifecycle.evaluate(day(15)); // the date has come, but the object is 5 days old
        assertThat(current("bkt", "k").storageClass()).isEqualTo("STANDARD");
        lifecycle.evaluate(day(40));
        assertThat(current("bkt", "k").storageClass()).isEqualTo("STANDARD_IA");
    }

    @Test
    void objectsUnder128KiBStayUnlessTheBucketOrTheRuleSaysOtherwise() {
        bucket("all");
        bucket("varies");
        bucket("sized");
        for (String b : List.of("all", "varies", "sized")) {
            put(b, "small", 1024, "STANDARD", Map.of());
        }
        Transition glacier = new Transition(0, null, "GLACIER");
        configure("all", rule("r", all(), null, List.of(glacier)));
        configure("varies", LifecycleConfiguration.VARIES_BY_CLASS, rule("r", prefix("small"), null, List.of(glacier)),
                rule("ia", prefix("x"), null, List.of(new Transition(30, null, "STANDARD_IA"))));
        configure("sized", rule("r", new Filter(null, Map.of(), 100L, null, false), null, List.of(glacier)));
        put("varies", "x-small", 1024, "STANDARD", Map.of());
        lifecycle.evaluate(day(31));
        assertThat(current("all", "small").storageClass()).isEqualTo("STANDARD");
        assertThat(current("varies", "small").storageClass()).isEqualTo("GLACIER");
        assertThat(current("varies", "x-small").storageClass()).isEqualTo("STANDARD"); // IA classes keep their 128 KiB minimum
        assertThat(current("sized", "small").storageClass()).isEqualTo("GLACIER");
    }

    @Test
    void filtersByPrefixTagsAndSize() {
        bucket("bkt");
        put("bkt", "logs/a", BIG, "STANDARD", Map.of("tier", "cold", "team", "x"));
        put("bkt", "logs/b", BIG, "STANDARD", Map.of("tier", "hot"));
        put("bkt", "data/c", BIG, "STANDARD", Map.of("tier", "cold"));
        put("bkt", "logs/huge", 300 * 1024, "STANDARD", Map.of("tier", "cold"));
        Filter and = new Filter("logs/", Map.of("tier", "cold"), null, 250L * 1024, true);
        configure("bkt", rule("r", and, null, List.of(new Transition(0, null, "GLACIER"))));
        lifecycle.evaluate(day(1));
        assertThat(current("bkt", "logs/a").storageClass()).isEqualTo("GLACIER");
        assertThat(current("bkt", "logs/b").storageClass()).isEqualTo("STANDARD");
        assertThat(current("bkt", "data/c").storageClass()).isEqualTo("STANDARD");
        assertThat(current("bkt", "logs/huge").storageClass()).isEqualTo("STANDARD");
    }

    @Test
    void aDisabledRuleDoesNothing() {
        bucket("bkt");
        put("bkt", "k", BIG, "STANDARD", Map.of());
        lifecycle.put("bkt", new LifecycleConfiguration(LifecycleConfiguration.SCHEMA,
                List.of(new Rule("off", false, "", null, new Expiration(1, null, null), List.of(), List.of(), null, null)),
                LifecycleConfiguration.ALL_CLASSES_128K));
        lifecycle.evaluate(day(10));
        assertThat(current("bkt", "k").storageClass()).isEqualTo("STANDARD");
    }

    // ---- expiration

    @Test
    void expirationDeletesInAnUnversionedBucket() {
        bucket("bkt");
        clock.advance(Duration.ofHours(23));
        put("bkt", "k", 10, "STANDARD", Map.of());
        configure("bkt", rule("exp", all(), new Expiration(1, null, null), List.of()));
        assertThat(lifecycle.expirationOf("bkt", current("bkt", "k"))).isEqualTo(new LifecycleEngine.Due(day(2), "exp"));
        lifecycle.evaluate(day(1));
        assertThat(current("bkt", "k")).isNotNull();
        lifecycle.evaluate(day(2));
        assertAws(() -> objects.resolve("bkt", "k", null), "NoSuchKey", 404);
        assertThat(events).hasSize(1).allMatch(e -> e.startsWith("LifecycleExpiration:Delete k"));
    }

    @Test
    void expirationByDateTakesEveryMatchingObjectOnceTheDateHasCome() {
        bucket("bkt");
        configure("bkt", rule("d", prefix("tmp/"), new Expiration(null, day(5), null), List.of()));
        put("bkt", "tmp/a", 10, "STANDARD", Map.of());
        put("bkt", "keep", 10, "STANDARD", Map.of());
        lifecycle.evaluate(day(4));
        assertThat(current("bkt", "tmp/a")).isNotNull();
        lifecycle.evaluate(day(5));
        assertAws(() -> objects.resolve("bkt", "tmp/a", null), "NoSuchKey", 404);
        assertThat(current("bkt", "keep")).isNotNull();
    }

    @Test
    void expirationWinsOverATransitionDueTheSameDay() {
        bucket("bkt");
        put("bkt", "k", BIG, "STANDARD", Map.of());
        configure("bkt", rule("r", all(), new Expiration(31, null, null), List.of(new Transition(30, null, "GLACIER"))));
        lifecycle.evaluate(day(40));
        assertAws(() -> objects.resolve("bkt", "k", null), "NoSuchKey", 404);
    }

    @Test
    void expirationInAVersionedBucketAddsADeleteMarker() {
        versionedBucket("bkt");
        ObjectVersion v = put("bkt", "k", 10, "STANDARD", Map.of());
        configure("bkt", rule("exp", all(), new Expiration(1, null, null), List.of()));
        lifecycle.evaluate(day(2));
        ObjectVersion latest = objects.resolve("bkt", "k", null);
        assertThat(latest.deleteMarker()).isTrue();
        assertThat(objects.resolve("bkt", "k", v.versionId()).deleteMarker()).isFalse(); // still there, noncurrent
        assertThat(events).containsExactly("LifecycleExpiration:DeleteMarkerCreated k");
        lifecycle.evaluate(day(3)); // a marker is not expired again
        assertThat(listings.versions("bkt", "", null, null, null, 1000).items()).hasSize(2);
    }

    @Test
    void anExpiredObjectDeleteMarkerIsRemovedOnlyWhenNoVersionIsLeftAndTheRuleSaysSo() {
        versionedBucket("bkt");
        ObjectVersion v = put("bkt", "k", 10, "STANDARD", Map.of());
        objects.delete("bkt", "k", null, OWNER);
        configure("bkt", rule("m", all(), new Expiration(null, null, true), List.of()));
        lifecycle.evaluate(day(1));
        assertThat(objects.resolve("bkt", "k", null).deleteMarker()).isTrue(); // a version is behind it
        objects.delete("bkt", "k", v.versionId(), OWNER);
        lifecycle.evaluate(day(2));
        assertAws(() -> objects.resolve("bkt", "k", null), "NoSuchKey", 404);
        assertThat(listings.versions("bkt", "", null, null, null, 1000).items()).isEmpty();
    }

    @Test
    void aRuleExpiringByDaysAlsoRemovesADeleteMarkerOldEnoughOnceItIsAlone() {
        versionedBucket("bkt");
        ObjectVersion v = put("bkt", "k", 10, "STANDARD", Map.of());
        clock.advance(Duration.ofDays(1));
        objects.delete("bkt", "k", null, OWNER); // the marker: created on day 1
        objects.delete("bkt", "k", v.versionId(), OWNER); // alone now
        configure("bkt", rule("exp", all(), new Expiration(3, null, null), List.of()));
        lifecycle.evaluate(day(4));
        assertThat(objects.resolve("bkt", "k", null).deleteMarker()).isTrue(); // due on day 5
        lifecycle.evaluate(day(5));
        assertThat(listings.versions("bkt", "", null, null, null, 1000).items()).isEmpty();
    }

    // ---- noncurrent versions

    @Test
    void noncurrentVersionsExpireByDaysSinceTheyBecameNoncurrentKeepingTheNewest() {
        versionedBucket("bkt");
        ObjectVersion v1 = put("bkt", "k", 10, "STANDARD", Map.of());
        clock.advance(Duration.ofDays(1));
        ObjectVersion v2 = put("bkt", "k", 10, "STANDARD", Map.of()); // v1 noncurrent since day 1
        clock.advance(Duration.ofDays(1));
        ObjectVersion v3 = put("bkt", "k", 10, "STANDARD", Map.of()); // v2 noncurrent since day 2
        clock.advance(Duration.ofDays(1));
        ObjectVersion v4 = put("bkt", "k", 10, "STANDARD", Map.of()); // v3 noncurrent since day 3
        configure("bkt", new Rule("nc", true, null, all(), null, List.of(), List.of(), new NoncurrentExpiration(5, 1), null));

        lifecycle.evaluate(day(6)); // v1 is due at day 7 (day 1 + 5, rounded up)
        assertThat(versionIds("bkt")).containsExactly(v4.versionId(), v3.versionId(), v2.versionId(), v1.versionId());
        lifecycle.evaluate(day(8)); // v1 (day 7) and v2 (day 8) are due; v3 is due at day 9, and is the one newer kept anyway
        assertThat(versionIds("bkt")).containsExactly(v4.versionId(), v3.versionId());
        lifecycle.evaluate(day(30));
        assertThat(versionIds("bkt")).containsExactly(v4.versionId(), v3.versionId()); // one newer noncurrent version is kept
    }

    /**
     * S3 Lifecycle never deletes a version Object Lock protects ("How S3 Object Lock works": a
     * locked version cannot be deleted by anyone): the evaluation skips it while its retention
     * runs or its legal hold is on, and expires it at the first evaluation after, as of that
     * evaluation's midnight rather than the clock's now. A current version still gets its marker.
     */
    @Test
    void lifecycleSkipsVersionsObjectLockProtectsUntilTheLockEnds() {
        buckets.create("locked", OWNER, new BucketEngine.NewBucket("us-east-1", null, null, acl(), Map.of(), true));
        ObjectVersion retained = putLocked("locked", "retained", new ObjectLockState("COMPLIANCE", day(10), null));
        ObjectVersion held = putLocked("locked", "held", new ObjectLockState(null, null, "ON"));
        ObjectVersion governed = putLocked("locked", "governed", new ObjectLockState("GOVERNANCE", day(10), null));
        ObjectVersion free = putLocked("locked", "z-free", null); // sorts after the locked keys
        configure("locked", new Rule("all", true, null, all(), new Expiration(1, null, null), List.of(), List.of(),
                new NoncurrentExpiration(1, null), null));

        lifecycle.evaluate(day(2)); // the current versions expire: delete markers, which Object Lock allows
        assertThat(versionIds("locked")).hasSize(8);
        assertThat(objects.resolve("locked", "held", null).lastModified()).isEqualTo(day(2)); // dated at the evaluation's midnight
        String freeMarker = objects.resolve("locked", "z-free", null).versionId();
        lifecycle.evaluate(day(4)); // noncurrent since day 2, due on day 4: the locked ones stay, and keep no other key from expiring
        assertThat(versionIds("locked")).hasSize(6).contains(retained.versionId(), held.versionId(), governed.versionId())
                .doesNotContain(free.versionId());
        assertThat(events).containsExactlyInAnyOrder("LifecycleExpiration:DeleteMarkerCreated retained",
                "LifecycleExpiration:DeleteMarkerCreated held", "LifecycleExpiration:DeleteMarkerCreated governed",
                "LifecycleExpiration:DeleteMarkerCreated z-free", "LifecycleExpiration:Delete z-free " + free.versionId(),
                "LifecycleExpiration:Delete z-free " + freeMarker); // the marker left alone, expired too

        clock.advance(Duration.ofDays(20)); // the clock's now is past the retention: the day-9 evaluation must not act on it
        lifecycle.evaluate(day(9));
        assertThat(versionIds("locked")).contains(retained.versionId(), governed.versionId());
        lifecycle.evaluate(day(10)); // retention until day 10 has passed at day 10's midnight: gone, GOVERNANCE too (no bypass needed)
        assertThat(versionIds("locked")).doesNotContain(retained.versionId(), governed.versionId()).contains(held.versionId());
        assertThat(events).contains("LifecycleExpiration:Delete retained " + retained.versionId(),
                "LifecycleExpiration:Delete governed " + governed.versionId());

        objects.update("locked", "held", held.versionId(), v -> objects.objectLock().withLegalHold(v, "OFF"));
        lifecycle.evaluate(day(11));
        assertThat(versionIds("locked")).doesNotContain(held.versionId());
    }

    ObjectVersion putLocked(String bucket, String key, ObjectLockState lock) {
        ObjectAttributes a = new ObjectAttributes(OWNER, "STANDARD", Map.of(), Map.of(), Map.of(), null, lock);
        ObjectEngine.PendingPut put = objects.beginPut(bucket, key, a, WriteCondition.NONE, Integrity.NONE);
        put.write(java.nio.ByteBuffer.wrap(bytes(10, key.hashCode())));
        return put.commit(null);
    }

    @Test
    void noncurrentVersionsTransition() {
        versionedBucket("bkt");
        ObjectVersion v1 = put("bkt", "k", BIG, "STANDARD", Map.of());
        clock.advance(Duration.ofDays(2));
        put("bkt", "k", BIG, "STANDARD", Map.of());
        configure("bkt", new Rule("nct", true, null, all(), null, List.of(),
                List.of(new NoncurrentTransition(30, null, "STANDARD_IA")), null, null));
        lifecycle.evaluate(day(32));
        assertThat(objects.resolve("bkt", "k", v1.versionId()).storageClass()).isEqualTo("STANDARD");
        lifecycle.evaluate(day(33));
        assertThat(objects.resolve("bkt", "k", v1.versionId()).storageClass()).isEqualTo("STANDARD_IA");
        assertThat(current("bkt", "k").storageClass()).isEqualTo("STANDARD"); // the current version is not noncurrent
    }

    // ---- incomplete uploads

    @Test
    void incompleteUploadsAreAbortedDaysAfterInitiation() {
        bucket("bkt");
        clock.advance(Duration.ofHours(5));
        MultipartUpload old = uploads.create("bkt", "logs/big", attrs(), null, null);
        MultipartUpload other = uploads.create("bkt", "data/big", attrs(), null, null);
        uploadPart("bkt", "logs/big", old.uploadId(), 1, bytes(1024, 1));
        configure("bkt", new Rule("abort", true, null, prefix("logs/"), null, List.of(), List.of(), null, 7));
        assertThat(lifecycle.abortOf("bkt", "logs/big", old.initiated())).isEqualTo(new LifecycleEngine.Due(day(8), "abort"));
        lifecycle.evaluate(day(7));
        assertThat(uploads.find("bkt", "logs/big", old.uploadId())).isNotNull();
        EvaluationCounts c = lifecycle.evaluate(day(8));
        assertThat(c.aborted()).isEqualTo(1);
        assertThat(uploads.find("bkt", "logs/big", old.uploadId())).isNull();
        assertThat(uploads.find("bkt", "data/big", other.uploadId())).isNotNull();
    }

    // ---- scale and the daily timer

    @Test
    void aBucketLargerThanABatchIsEvaluatedWhole() {
        bucket("bkt");
        for (int i = 0; i < 2_500; i++) {
            put("bkt", String.format("k%05d", i), 1, "STANDARD", Map.of());
        }
        configure("bkt", rule("exp", all(), new Expiration(1, null, null), List.of()));
        EvaluationCounts c = lifecycle.evaluate(day(2));
        assertThat(c.examined()).isEqualTo(2_500);
        assertThat(c.expired()).isEqualTo(2_500);
        assertThat(listings.versions("bkt", "", null, null, null, 10).items()).isEmpty();
    }

    @Test
    void theDailyTimerRunsEachMissedEvaluationInOrderAndSurvivesARestart() {
        versionedBucket("bkt");
        put("bkt", "k", BIG, "STANDARD", Map.of());
        configure("bkt", rule("r", all(), null, List.of(new Transition(30, null, "STANDARD_IA"), new Transition(60, null, "GLACIER"))));
        try (Scheduler scheduler = new Scheduler(clock)) {
            lifecycle.start(scheduler);
            clock.advance(Duration.ofDays(40)); // evaluations of days 1..40 ran before advance returned
            assertThat(current("bkt", "k").storageClass()).isEqualTo("STANDARD_IA");
            lifecycle.stop();
        }
        reopen(); // a restart: the next run (day 41) is read back from the store
        lifecycle();
        try (Scheduler scheduler = new Scheduler(clock)) {
            lifecycle.start(scheduler);
            clock.advance(Duration.ofDays(21));
            assertThat(current("bkt", "k").storageClass()).isEqualTo("GLACIER");
            lifecycle.stop();
        }
        // each of the two steps happened once, in order: IA on day 31, GLACIER on day 61
        assertThat(events).containsExactly("LifecycleTransition k STANDARD_IA", "LifecycleTransition k GLACIER");
    }

    @Test
    void aConfigurationIsReadBackAndDeleted() {
        bucket("bkt");
        assertThat(lifecycle.find("bkt")).isNull();
        configure("bkt", rule("r", all(), new Expiration(1, null, null), List.of()));
        assertThat(lifecycle.require("bkt").rules()).extracting(Rule::id).containsExactly("r");
        lifecycle.delete("bkt");
        assertAws(() -> lifecycle.require("bkt"), "NoSuchLifecycleConfiguration", 404);
    }

    List<String> versionIds(String bucket) {
        return listings.versions(bucket, "", null, null, null, 1000).items().stream()
                .map(v -> v.version().versionId()).toList();
    }
}
