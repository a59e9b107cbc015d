package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.lock.ObjectLockEngine;
import io.tarn.s3.model.BucketObjectLock;
import io.tarn.s3.model.ObjectLockState;
import io.tarn.s3.model.ObjectVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Object Lock on the manual clock, as the S3 User Guide describes it ("How S3 Object Lock works",
 * "Configuring S3 Object Lock"): versions under retention or legal hold refuse deletion, a
 * GOVERNANCE retention yields to the bypass, a COMPLIANCE one to nothing but time, and a plain
 * DELETE still adds a delete marker.
 */
class ObjectLockEngineTest extends EngineFixture {

    private static final String B = "locked";
    private ObjectLockEngine lock;

    @BeforeEach
    void lockedBucket() {
        lock = objects.objectLock();
        buckets.create(B, OWNER, new BucketEngine.NewBucket("us-east-1", null, null, acl(), Map.of(), true));
    }

    private ObjectVersion putLocked(String key, ObjectLockState requested) {
        ObjectAttributes a = attrs();
        ObjectAttributes withLock = new ObjectAttributes(a.owner(), a.storageClass(), a.headers(), a.metadata(), a.tags(), a.acl(), requested);
        ObjectEngine.PendingPut put = objects.beginPut(B, key, withLock, WriteCondition.NONE, Integrity.NONE);
        writeInChunks(bytes(100, 1), put::write);
        return put.commit(null);
    }

    private ObjectLockState retention(String mode, Duration from) {
        return new ObjectLockState(mode, clock.instant().plus(from), null);
    }

    @Test
    void aBucketCreatedWithObjectLockIsVersionedAndCannotBeSuspended() {
        assertThat(buckets.require(B).versioning()).isEqualTo("Enabled");
        assertThat(lock.requireConfiguration(B)).isEqualTo(BucketObjectLock.enabled());
        assertAws(() -> lock.checkVersioningChange(B, "Suspended"), "InvalidBucketState", 409);
        lock.checkVersioningChange(B, "Enabled"); // a no-op change is allowed

        bucket("plain");
        assertAws(() -> lock.requireConfiguration("plain"), "ObjectLockConfigurationNotFoundError", 404);
        lock.checkVersioningChange("plain", "Suspended");
    }

    @Test
    void objectLockNeedsVersioningEnabledToBeTurnedOnLater() {
        bucket("later");
        assertAws(() -> lock.putConfiguration("later", BucketObjectLock.enabled()), "InvalidBucketState", 409);
        versioning("later", "Enabled");
        lock.putConfiguration("later", BucketObjectLock.enabled());
        assertThat(lock.configuration("later")).isNotNull();
        assertAws(() -> lock.checkVersioningChange("later", "Suspended"), "InvalidBucketState", 409);
    }

    @Test
    void lockSettingsOnABucketWithoutObjectLockAreRefused() {
        versionedBucket("plain");
        ObjectAttributes a = attrs();
        ObjectAttributes withLock = new ObjectAttributes(a.owner(), a.storageClass(), a.headers(), a.metadata(), a.tags(), a.acl(),
                new ObjectLockState(null, null, "ON"));
        assertAws(() -> objects.beginPut("plain", "k", withLock, WriteCondition.NONE, Integrity.NONE), "InvalidRequest", 400);
        assertAws(() -> lock.requireEnabledForObjects("plain"), "InvalidRequest", 400);
    }

    @Test
    void aRetainUntilDateInThePastIsRefused() {
        assertAws(() -> putLocked("k", retention("GOVERNANCE", Duration.ofSeconds(-1))), "InvalidArgument", 400);
        ObjectVersion v = put(B, "k", bytes(10, 2));
        assertAws(() -> lock.withRetention(v, "GOVERNANCE", clock.instant(), false), "InvalidArgument", 400);
    }

    @Test
    void complianceRetentionRefusesDeletionUntilTheClockPassesIt() {
        ObjectVersion v = putLocked("k", retention("COMPLIANCE", Duration.ofDays(10)));
        assertThat(v.lock().mode()).isEqualTo("COMPLIANCE");

        assertAws(() -> objects.delete(B, "k", v.versionId(), OWNER, WriteCondition.NONE, true), "AccessDenied", 403);
        // a plain DELETE adds a delete marker over the protected version
        ObjectEngine.Deleted marker = objects.delete(B, "k", null, OWNER);
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(objects.resolve(B, "k", v.versionId()).etag()).isEqualTo(v.etag());
        objects.delete(B, "k", marker.versionId(), OWNER); // markers carry no lock

        clock.advance(Duration.ofDays(10).minusSeconds(1));
        assertAws(() -> objects.delete(B, "k", v.versionId(), OWNER), "AccessDenied", 403);
        clock.advance(Duration.ofSeconds(1)); // retain-until reached: no longer protected
        assertThat(objects.delete(B, "k", v.versionId(), OWNER).versionId()).isEqualTo(v.versionId());
        assertAws(() -> objects.resolve(B, "k", v.versionId()), "NoSuchVersion", 404);
    }

    @Test
    void governanceRetentionYieldsToTheBypassOnly() {
        ObjectVersion v = putLocked("k", retention("GOVERNANCE", Duration.ofDays(1)));
        assertAws(() -> objects.delete(B, "k", v.versionId(), OWNER, WriteCondition.NONE, false), "AccessDenied", 403);
        objects.delete(B, "k", v.versionId(), OWNER, WriteCondition.NONE, true);
        assertAws(() -> objects.resolve(B, "k", v.versionId()), "NoSuchVersion", 404);
    }

    @Test
    void aLegalHoldRefusesDeletionWhateverTheBypassUntilItIsOff() {
        ObjectVersion v = putLocked("k", new ObjectLockState(null, null, "ON"));
        clock.advance(Duration.ofDays(3650));
        assertAws(() -> objects.delete(B, "k", v.versionId(), OWNER, WriteCondition.NONE, true), "AccessDenied", 403);
        objects.update(B, "k", v.versionId(), o -> lock.withLegalHold(o, "OFF"));
        assertThat(objects.resolve(B, "k", v.versionId()).lock().legalHold()).isEqualTo("OFF");
        objects.delete(B, "k", v.versionId(), OWNER);
    }

    @Test
    void retentionCanBeExtendedButNotShortenedOrRemovedWithoutTheBypass() {
        ObjectVersion v = putLocked("k", retention("GOVERNANCE", Duration.ofDays(5)));
        Instant until = v.lock().retainUntil();

        ObjectVersion extended = lock.withRetention(v, "GOVERNANCE", until.plus(Duration.ofDays(1)), false);
        assertThat(extended.lock().retainUntil()).isEqualTo(until.plus(Duration.ofDays(1)));
        assertAws(() -> lock.withRetention(v, "GOVERNANCE", until.minus(Duration.ofDays(1)), false), "AccessDenied", 403);
        assertAws(() -> lock.withRetention(v, null, null, false), "AccessDenied", 403);

        ObjectVersion shortened = lock.withRetention(v, "GOVERNANCE", until.minus(Duration.ofDays(1)), true);
        assertThat(shortened.lock().retainUntil()).isEqualTo(until.minus(Duration.ofDays(1)));
        assertThat(lock.withRetention(v, null, null, true).lock()).isNull();

        // GOVERNANCE may be strengthened to COMPLIANCE, which then yields to nothing but time
        ObjectVersion compliance = lock.withRetention(v, "COMPLIANCE", until, false);
        assertAws(() -> lock.withRetention(compliance, "GOVERNANCE", until.plus(Duration.ofDays(1)), true), "AccessDenied", 403);
        assertAws(() -> lock.withRetention(compliance, "COMPLIANCE", until.minusSeconds(1), true), "AccessDenied", 403);
        assertAws(() -> lock.withRetention(compliance, null, null, true), "AccessDenied", 403);
        assertThat(lock.withRetention(compliance, "COMPLIANCE", until.plusSeconds(1), false).lock().retainUntil())
                .isEqualTo(until.plusSeconds(1));

        clock.advance(Duration.ofDays(6)); // expired: anything goes
        assertThat(lock.withRetention(compliance, null, null, false).lock()).isNull();
    }

    @Test
    void theBucketsDefaultRetentionAppliesToNewVersionsFromTheirCreation() {
        lock.putConfiguration(B, new BucketObjectLock(BucketObjectLock.SCHEMA, "COMPLIANCE", 30, 0));
        clock.advance(Duration.ofHours(5));
        ObjectVersion v = put(B, "k", bytes(10, 3));
        assertThat(v.lock()).isEqualTo(new ObjectLockState("COMPLIANCE", v.lastModified().plus(Duration.ofDays(30)), null));
        // what a write asks for wins over the default; a legal hold alone still gets the default retention
        ObjectVersion asked = putLocked("k", retention("GOVERNANCE", Duration.ofDays(2)));
        assertThat(asked.lock().mode()).isEqualTo("GOVERNANCE");
        ObjectVersion held = putLocked("k", new ObjectLockState(null, null, "ON"));
        assertThat(held.lock().mode()).isEqualTo("COMPLIANCE");
        assertThat(held.lock().legalHold()).isEqualTo("ON");

        lock.putConfiguration(B, new BucketObjectLock(BucketObjectLock.SCHEMA, "GOVERNANCE", 0, 1));
        ObjectVersion yearly = put(B, "y", bytes(10, 4));
        assertThat(yearly.lock().retainUntil()).isEqualTo(Instant.parse("2025-01-01T05:00:00Z")); // 2024 is a leap year
    }

    @Test
    void multipartUploadsAndCopiesTakeTheLockTheyAskFor() {
        ObjectAttributes a = attrs();
        ObjectLockState requested = retention("COMPLIANCE", Duration.ofDays(1));
        var upload = uploads.create(B, "mp", new ObjectAttributes(a.owner(), a.storageClass(), a.headers(), a.metadata(), a.tags(),
                a.acl(), requested), null, null);
        var part = uploadPart(B, "mp", upload.uploadId(), 1, bytes(100, 5));
        ObjectVersion done = completed(uploads.complete(B, "mp", upload.uploadId(), List.of(part), WriteCondition.NONE, null, null));
        assertThat(done.lock()).isEqualTo(requested);

        // a copy never takes the source's lock
        ObjectVersion copy = objects.copy(done, B, "copy", attrs(), null, WriteCondition.NONE);
        assertThat(copy.lock()).isNull();
        objects.delete(B, "copy", copy.versionId(), OWNER);
    }

    @Test
    void locksSurviveARestart() {
        ObjectVersion v = putLocked("k", new ObjectLockState("COMPLIANCE", clock.instant().plus(Duration.ofDays(1)), "ON"));
        reopen();
        lock = objects.objectLock();
        assertThat(objects.resolve(B, "k", v.versionId()).lock()).isEqualTo(v.lock());
        assertThat(lock.requireConfiguration(B)).isEqualTo(BucketObjectLock.enabled());
        assertAws(() -> objects.delete(B, "k", v.versionId(), OWNER), "AccessDenied", 403);
    }

    @Test
    void deletingTheBucketForgetsItsObjectLock() {
        buckets.delete(B, uploads);
        buckets.create(B, OWNER, "us-east-1", null, acl());
        versioning(B, "Enabled");
        assertThat(lock.configuration(B)).isNull();
    }
}
