package io.tarn.s3.engine.restore;

import io.tarn.core.error.AwsException;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.notifications.ObjectChange;
import io.tarn.s3.engine.notifications.ObjectChangeHook;
import io.tarn.s3.engine.notifications.RequestOrigin;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * RestoreObject for archived objects (GLACIER, DEEP_ARCHIVE, and INTELLIGENT_TIERING's archive
 * tiers through {@link ArchiveTiers}) on the emulator clock: a restore
 * takes its tier's time, then a restored copy is readable for {@code Days}, until midnight UTC of
 * the day after (S3 User Guide, "Restoring an archived object": the expiry is the completion time
 * plus Days, rounded to the next day at midnight UTC). Until then, reads of an archived object's
 * bytes answer InvalidObjectState.
 *
 * <p>Records and their due changes are stored; a sweep on the core {@link Scheduler} applies what
 * is due and {@link #recover} re-arms it after a restart. Each change is told to the object
 * engine's change hook in the batch that makes it ({@code ObjectRestore:Post}, {@code :Completed},
 * {@code :Delete}), so its event is never lost.
 */
public final class RestoreEngine {

    /** The outcome of a RestoreObject: {@code extended} when a restored copy existed (200), else a new restore (202). */
    public record Outcome(boolean extended, RestoreRecord record) {}

    /** A restore as a listing shows it: in progress, or restored until {@code expiresAt}. */
    public record Status(boolean inProgress, Instant expiresAt) {}

    private static final int SWEEP_BATCH = 500;
    /** The class whose objects are archived by tier (engine.tiering) rather than by class. */
    private static final String TIERED_CLASS = "INTELLIGENT_TIERING";

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final RestoreDelay delay;
    private final ObjectEngine objects;
    /** Objects archived in a tier of their class (Intelligent-Tiering), restored back into it. */
    private volatile ArchiveTiers tiers = ArchiveTiers.NONE;
    /** Set at shutdown: timers still queued must not touch a closed store. */
    private volatile boolean closed;

    public RestoreEngine(Keyspace keyspace, ObjectEngine objects, EmulatorClock clock, Scheduler scheduler, RestoreDelay delay) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.delay = delay;
        this.objects = objects;
        objects.beforeRead(this::checkReadable); // every read of bytes (GET, copies, the object store port)
    }

    /** Restores the archive tiers of {@code archiveTiers} too (INTELLIGENT_TIERING's). */
    public void archiveTiers(ArchiveTiers archiveTiers) {
        this.tiers = archiveTiers;
    }

    /** Re-arms the sweep for what was due when the server stopped, or since: at start. */
    public void recover() {
        armNext();
    }

    /**
     * Restores {@code v} of {@code bucket} for {@code days} at {@code tier}. InvalidObjectState when
     * it is not archived (GLACIER_IR included); RestoreAlreadyInProgress (409) while a restore runs.
     */
    public synchronized Outcome restore(String bucket, ObjectVersion v, @Nullable Integer days, RestoreTier tier) {
        if (v.storageClass().equals(TIERED_CLASS)) {
            return restoreFromTier(bucket, v, days, tier);
        }
        if (!ArchiveClasses.isArchived(v.storageClass())) {
            throw S3Errors.INVALID_OBJECT_STATE.exception("Restore is not allowed for the object's current storage class")
                    .with("StorageClass", v.storageClass());
        }
        if (days == null) {
            // what AWS answers a GLACIER restore without Days (aws-sdk-ruby#2380)
            throw S3Errors.MALFORMED_XML.exception(
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
        Instant now = clock.instant();
        RestoreRecord existing = record(v.seq());
        if (existing != null && existing.ongoing(now)) {
            throw S3Errors.RESTORE_ALREADY_IN_PROGRESS.exception("Object restore is already in progress");
        }
        if (existing != null && existing.restored(now)) {
            // S3 counts the new period from now, not from the first restore
            RestoreRecord extended = existing.withExpiry(days, expiry(now, days));
            keyspace.write(b -> b
                    .delete(S3Keys.restoreTimer(existing.expiresAt().toEpochMilli(), v.seq(), RestoreTimer.EXPIRE))
                    .put(S3Keys.restore(v.seq()), extended)
                    .put(S3Keys.restoreTimer(extended.expiresAt().toEpochMilli(), v.seq(), RestoreTimer.EXPIRE),
                            new RestoreTimer(v.seq(), RestoreTimer.EXPIRE, extended.expiresAt())));
            scheduler.at(extended.expiresAt(), this::sweep);
            return new Outcome(true, extended);
        }
        Duration takes = delay.draw(tier.window(v.storageClass()));
        Instant readyAt = now.plus(takes);
        RequestOrigin origin = RequestOrigin.current();
        RestoreRecord record = new RestoreRecord(bucket, v.key(), v.seq(), v.versionId(), v.storageClass(), tier.wireName(), days, now,
                readyAt, expiry(readyAt, days), origin == null ? null : origin.principalId());
        ObjectChangeHook changes = objects.changes();
        keyspace.write(b -> {
            if (existing != null) { // an expired copy whose sweep has not run yet
                b.delete(S3Keys.restoreTimer(existing.expiresAt().toEpochMilli(), v.seq(), RestoreTimer.EXPIRE));
            }
            b.put(S3Keys.restore(v.seq()), record)
                    .put(S3Keys.restoreTimer(readyAt.toEpochMilli(), v.seq(), RestoreTimer.READY),
                            new RestoreTimer(v.seq(), RestoreTimer.READY, readyAt));
            changes.changed(b, ObjectChange.of(bucket, "ObjectRestore:Post", v, null));
        });
        changes.committed();
        scheduler.at(readyAt, this::sweep);
        return new Outcome(false, record);
    }

    /**
     * The restore of an object in an archive tier of its class: no Days ("restore requests for S3
     * Intelligent-Tiering objects don't accept the days value"; AWS answers InvalidArgument), the
     * matching Glacier class's times, and at completion the object is in Frequent Access again.
     */
    private Outcome restoreFromTier(String bucket, ObjectVersion v, @Nullable Integer days, RestoreTier tier) {
        if (days != null) {
            throw S3Errors.INVALID_ARGUMENT.exception(
                    "INTELLIGENT_TIERING objects are not subject to restore expiry. Do not specify Days when restoring this object")
                    .with("ArgumentName", "Days").with("ArgumentValue", days.toString());
        }
        String archiveTier = tiers.archiveTier(v);
        if (archiveTier == null) {
            throw S3Errors.INVALID_OBJECT_STATE.exception("Restore is not allowed for the object's current storage class")
                    .with("StorageClass", v.storageClass());
        }
        if (record(v.seq()) != null) { // removed when the object is back in Frequent Access
            throw S3Errors.RESTORE_ALREADY_IN_PROGRESS.exception("Object restore is already in progress");
        }
        Instant now = clock.instant();
        Instant readyAt = now.plus(delay.draw(tier.window(ArchiveTiers.retrievalClassOf(archiveTier))));
        RequestOrigin origin = RequestOrigin.current();
        RestoreRecord record = new RestoreRecord(bucket, v.key(), v.seq(), v.versionId(), v.storageClass(), tier.wireName(), 0, now,
                readyAt, readyAt, origin == null ? null : origin.principalId());
        ObjectChangeHook changes = objects.changes();
        keyspace.write(b -> {
            b.put(S3Keys.restore(v.seq()), record)
                    .put(S3Keys.restoreTimer(readyAt.toEpochMilli(), v.seq(), RestoreTimer.READY),
                            new RestoreTimer(v.seq(), RestoreTimer.READY, readyAt));
            changes.changed(b, ObjectChange.of(bucket, "ObjectRestore:Post", v, null));
        });
        changes.committed();
        scheduler.at(readyAt, this::sweep);
        return new Outcome(false, record);
    }

    /** Midnight UTC of the day after {@code from} plus {@code days}. */
    static Instant expiry(Instant from, int days) {
        return from.plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }

    /** The {@code x-amz-restore} header of {@code v}, when it has a restore in progress or a restored copy. */
    public Optional<String> header(ObjectVersion v) {
        if (!ArchiveClasses.isArchived(v.storageClass()) && !v.storageClass().equals(TIERED_CLASS)) {
            return Optional.empty();
        }
        RestoreRecord r = record(v.seq());
        Instant now = clock.instant();
        if (r == null || !(r.ongoing(now) || r.restored(now))) {
            return Optional.empty();
        }
        if (r.ongoing(now)) {
            return Optional.of("ongoing-request=\"true\"");
        }
        return Optional.of("ongoing-request=\"false\", expiry-date=\"" + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .withZone(java.time.ZoneOffset.UTC).format(r.expiresAt()) + "\"");
    }

    /** The {@code x-amz-archive-status} of {@code v}: the archive tier of its class it sits in, if any. */
    public Optional<String> archiveStatus(ObjectVersion v) {
        return v.storageClass().equals(TIERED_CLASS) ? Optional.ofNullable(tiers.archiveTier(v)) : Optional.empty();
    }

    /**
     * The restore in progress or restored copy of an archived version, for a listing's RestoreStatus
     * (an archive tier's restore only while in progress: it leaves no copy behind).
     */
    public Optional<Status> active(String storageClass, long seq) {
        if (!ArchiveClasses.isArchived(storageClass) && !storageClass.equals(TIERED_CLASS)) {
            return Optional.empty();
        }
        RestoreRecord r = record(seq);
        Instant now = clock.instant();
        return r != null && (r.ongoing(now) || r.restored(now)) ? Optional.of(new Status(r.ongoing(now), r.expiresAt())) : Optional.empty();
    }

    /** InvalidObjectState (403) for an archived version without a restored copy. */
    public void checkReadable(ObjectVersion v) {
        if (v.deleteMarker() || !ArchiveClasses.isArchived(v.storageClass())) {
            return;
        }
        RestoreRecord r = record(v.seq());
        if (r == null || !r.restored(clock.instant())) {
            throw archived(v);
        }
    }

    private static AwsException archived(ObjectVersion v) {
        return S3Errors.INVALID_OBJECT_STATE.exception("The operation is not valid for the object's storage class")
                .with("StorageClass", v.storageClass());
    }

    public @Nullable RestoreRecord record(long seq) {
        return keyspace.get(S3Keys.restore(seq), RestoreRecord.class).orElse(null);
    }

    /** Applies every due change: completions announced and their expiry stored; expired copies dropped. */
    synchronized void sweep() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        while (true) {
            List<Entry> batch = keyspace.scan(S3Keys.restoreTimers(), null, SWEEP_BATCH);
            int applied = 0;
            for (Entry e : batch) {
                RestoreTimer t = e.value(RestoreTimer.class);
                if (t.due().isAfter(now)) {
                    break;
                }
                apply(t);
                applied++;
            }
            if (applied < SWEEP_BATCH) {
                break;
            }
        }
        armNext();
    }

    private void apply(RestoreTimer t) {
        RestoreRecord r = record(t.seq());
        ObjectVersion version = r == null ? null : keyspace.get(S3Keys.version(r.bucket(), r.key(), r.seq()), ObjectVersion.class).orElse(null);
        boolean versionExists = version != null;
        boolean current = r != null && (t.kind().equals(RestoreTimer.READY) ? r.readyAt() : r.expiresAt()).equals(t.due());
        ObjectChangeHook changes = objects.changes();
        boolean fromTier = r != null && r.storageClass().equals(TIERED_CLASS);
        keyspace.write(b -> {
            b.delete(S3Keys.restoreTimer(t.due().toEpochMilli(), t.seq(), t.kind()));
            if (r == null || !current) {
                return; // superseded (an extension moved the expiry)
            }
            if (!versionExists) {
                b.delete(S3Keys.restore(t.seq())); // the version was deleted: nothing to tell
                b.delete(S3Keys.restoreTimer(r.expiresAt().toEpochMilli(), t.seq(), RestoreTimer.EXPIRE));
            } else if (fromTier) {
                // back in Frequent Access: no restored copy that expires
                b.delete(S3Keys.restore(t.seq()));
                tiers.restored(b, r.bucket(), r.key(), r.seq(), t.due());
                objects.ledger().restored(b, r.bucket(), r.storageClass(), version.size());
                changes.changed(b, ObjectChange.of(r.bucket(), "ObjectRestore:Completed", version, null).at(t.due())
                        .onBehalfOf(r.requester()));
            } else if (t.kind().equals(RestoreTimer.EXPIRE)) {
                b.delete(S3Keys.restore(t.seq())); // the restored copy goes
                changes.changed(b, ObjectChange.of(r.bucket(), "ObjectRestore:Delete", version, null).at(t.due()));
            } else {
                b.put(S3Keys.restoreTimer(r.expiresAt().toEpochMilli(), t.seq(), RestoreTimer.EXPIRE),
                        new RestoreTimer(t.seq(), RestoreTimer.EXPIRE, r.expiresAt()));
                objects.ledger().restored(b, r.bucket(), r.storageClass(), version.size()); // a completed restore, counted with its completion
                changes.changed(b, ObjectChange.of(r.bucket(), "ObjectRestore:Completed", version, null).at(t.due())
                        .onBehalfOf(r.requester()).restoredUntil(r.expiresAt()));
            }
        });
        changes.committed();
    }

    /** Stops applying due changes: the store is about to close. */
    public void close() {
        closed = true;
    }

    /** Arms the sweep for the earliest stored change (at once when it is already due). */
    private void armNext() {
        List<Entry> first = keyspace.scan(S3Keys.restoreTimers(), null, 1);
        if (!first.isEmpty()) {
            scheduler.at(first.get(0).value(RestoreTimer.class).due(), this::sweep);
        }
    }
}
