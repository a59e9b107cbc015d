package io.tarn.s3.engine.lock;

import io.tarn.core.error.AwsException;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.BucketObjectLock;
import io.tarn.s3.model.ObjectLockState;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * S3 Object Lock: a bucket's configuration and default retention, the lock of each new version,
 * and the rules that refuse deleting or weakening a locked version. Retention ends when the
 * emulator clock passes its date: every check compares with the clock's now, so no timer is needed.
 */
public final class ObjectLockEngine {

    /** S3's answer to a write naming lock settings for a bucket without Object Lock. */
    static final String MISSING_CONFIGURATION = "Bucket is missing Object Lock Configuration";

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final BucketEngine buckets;

    public ObjectLockEngine(Keyspace keyspace, EmulatorClock clock, BucketEngine buckets) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.buckets = buckets;
    }

    /**
     * The bucket's Object Lock configuration, or null. Object Lock needs versioning Enabled (and
     * then keeps it so), so a bucket without versioning is answered without a read.
     */
    public @Nullable BucketObjectLock configuration(String bucket) {
        BucketMeta b = buckets.require(bucket);
        if (!b.versioningEnabled()) {
            return null;
        }
        return keyspace.get(S3Keys.objectLock(bucket), BucketObjectLock.class).orElse(null);
    }

    /** GetObjectLockConfiguration: ObjectLockConfigurationNotFoundError when Object Lock is not enabled. */
    public BucketObjectLock requireConfiguration(String bucket) {
        BucketObjectLock config = configuration(bucket);
        if (config == null) {
            throw S3Errors.OBJECT_LOCK_CONFIGURATION_NOT_FOUND.exception("Object Lock configuration does not exist for this bucket")
                    .with("BucketName", bucket);
        }
        return config;
    }

    /**
     * PutObjectLockConfiguration: enables Object Lock on a bucket whose versioning is Enabled (as
     * AWS allows since 2023) or replaces its default retention.
     */
    public void putConfiguration(String bucket, BucketObjectLock config) {
        BucketMeta b = buckets.require(bucket);
        if (!b.versioningEnabled()) {
            throw S3Errors.INVALID_BUCKET_STATE.exception("Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration")
                    .with("BucketName", bucket);
        }
        keyspace.put(S3Keys.objectLock(bucket), config);
    }

    /** PutBucketVersioning: a bucket with Object Lock keeps versioning Enabled. */
    public void checkVersioningChange(String bucket, String status) {
        if (!status.equals("Enabled") && configuration(bucket) != null) {
            throw S3Errors.INVALID_BUCKET_STATE.exception(
                    "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.")
                    .with("BucketName", bucket);
        }
    }

    /** Put/GetObjectRetention and Put/GetObjectLegalHold: InvalidRequest on a bucket without Object Lock. */
    public void requireEnabledForObjects(String bucket) {
        if (configuration(bucket) == null) {
            throw S3Errors.INVALID_REQUEST.exception(MISSING_CONFIGURATION);
        }
    }

    /**
     * Whether an upload to {@code bucket} asking for {@code requested} gets lock settings (its own
     * or the bucket's default retention): S3 then wants its body's digest.
     */
    public boolean locksUpload(String bucket, @Nullable ObjectLockState requested) {
        if (requested != null && !requested.isEmpty()) {
            return true;
        }
        BucketObjectLock config = configuration(bucket);
        return config != null && config.hasDefaultRetention();
    }

    /** Before a write's body is taken: lock settings need a bucket with Object Lock. */
    public void checkRequested(String bucket, @Nullable ObjectLockState requested) {
        if (requested != null && !requested.isEmpty() && configuration(bucket) == null) {
            throw S3Errors.INVALID_REQUEST.exception(MISSING_CONFIGURATION);
        }
        checkFuture(requested);
    }

    private void checkFuture(@Nullable ObjectLockState requested) {
        if (requested != null && requested.retainUntil() != null && !requested.retainUntil().isAfter(clock.instant())) {
            throw S3Errors.INVALID_ARGUMENT.exception("The retain until date must be in the future!");
        }
    }

    /**
     * The lock of a version created at {@code created}: what the write asked for, else the
     * bucket's default retention counted from the creation (a legal hold asked for is kept
     * either way). Null when the version has no lock at all.
     */
    public @Nullable ObjectLockState forNewVersion(String bucket, @Nullable ObjectLockState requested, Instant created) {
        BucketObjectLock config = configuration(bucket);
        if (config == null) {
            if (requested != null && !requested.isEmpty()) {
                throw S3Errors.INVALID_REQUEST.exception(MISSING_CONFIGURATION);
            }
            return null;
        }
        checkFuture(requested);
        ObjectLockState lock = requested != null ? requested : new ObjectLockState(null, null, null);
        if (!lock.hasRetention() && config.hasDefaultRetention()) {
            lock = lock.withRetention(config.defaultMode(), defaultRetainUntil(config, created));
        }
        return lock.isEmpty() ? null : lock;
    }

    /** Default retention is counted in calendar days or years from the version's creation, in UTC. */
    static Instant defaultRetainUntil(BucketObjectLock config, Instant created) {
        var at = created.atZone(ZoneOffset.UTC);
        return (config.defaultYears() > 0 ? at.plusYears(config.defaultYears()) : at.plusDays(config.defaultDays())).toInstant();
    }

    /**
     * DeleteObject of a version (or DeleteObjects naming one): refused while a legal hold is on, or
     * its retention has not passed, unless it is GOVERNANCE and the request bypasses governance.
     */
    public void checkDeletable(ObjectVersion version, boolean bypassGovernance) {
        if (protects(version, bypassGovernance, clock.instant())) {
            throw protectedByLock();
        }
    }

    /**
     * Whether a legal hold or a retention not yet passed at {@code at} keeps {@code version} from
     * being deleted (a GOVERNANCE retention not, with the bypass). Lifecycle expirations ask it, as
     * of their evaluation's midnight, to skip such a version.
     */
    public boolean protects(ObjectVersion version, boolean bypassGovernance, Instant at) {
        ObjectLockState lock = version.lock();
        if (lock == null) {
            return false;
        }
        return lock.legalHoldOn()
                || (lock.retainedAt(at) && !(bypassGovernance && ObjectLockState.GOVERNANCE.equals(lock.mode())));
    }

    private static AwsException protectedByLock() {
        return S3Errors.ACCESS_DENIED.exception("Access Denied because object protected by object lock.");
    }

    /**
     * PutObjectRetention on {@code version} (under its key's lock): the new retention, or null
     * ({@code mode} and {@code retainUntil} null) to remove it. While a retention protects the
     * version it can always be extended (or GOVERNANCE made COMPLIANCE); shortening, removing or
     * turning COMPLIANCE into GOVERNANCE is AccessDenied, except for a GOVERNANCE retention with
     * the bypass. An expired retention can be replaced freely.
     */
    public ObjectVersion withRetention(ObjectVersion version, @Nullable String mode, @Nullable Instant retainUntil,
            boolean bypassGovernance) {
        Instant now = clock.instant();
        if (retainUntil != null && !retainUntil.isAfter(now)) {
            throw S3Errors.INVALID_ARGUMENT.exception("The retain until date must be in the future!");
        }
        ObjectLockState current = version.lock() != null ? version.lock() : new ObjectLockState(null, null, null);
        if (current.retainedAt(now) && !weakeningAllowed(current, mode, retainUntil, bypassGovernance)) {
            throw S3Errors.ACCESS_DENIED.exception("Access Denied");
        }
        ObjectLockState changed = current.withRetention(mode, retainUntil);
        return version.withLock(changed.isEmpty() ? null : changed);
    }

    private static boolean weakeningAllowed(ObjectLockState current, @Nullable String mode, @Nullable Instant retainUntil,
            boolean bypassGovernance) {
        if (ObjectLockState.GOVERNANCE.equals(current.mode()) && bypassGovernance) {
            return true;
        }
        if (mode == null || retainUntil == null || retainUntil.isBefore(current.retainUntil())) {
            return false; // removed or shortened
        }
        // same mode, or GOVERNANCE strengthened to COMPLIANCE; never COMPLIANCE weakened to GOVERNANCE
        return mode.equals(current.mode()) || mode.equals(ObjectLockState.COMPLIANCE);
    }

    /** PutObjectLegalHold: ON or OFF at any time, by anyone allowed to call it. */
    public ObjectVersion withLegalHold(ObjectVersion version, String status) {
        ObjectLockState current = version.lock() != null ? version.lock() : new ObjectLockState(null, null, null);
        return version.withLock(current.withLegalHold(status));
    }

    public Instant now() {
        return clock.instant();
    }
}
