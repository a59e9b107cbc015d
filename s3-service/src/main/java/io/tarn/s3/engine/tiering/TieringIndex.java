package io.tarn.s3.engine.tiering;

import io.tarn.core.store.Batch;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.engine.notifications.ObjectChangeHook;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.util.function.LongSupplier;

/**
 * Keeps the tier state of monitored versions in the batch of the change that makes or removes
 * them (a version written in INTELLIGENT_TIERING starts in Frequent Access; one deleted or replaced
 * takes its state with it), then tells the next hook (event notifications).
 */
final class TieringIndex implements ObjectChangeHook {

    static final String INTELLIGENT_TIERING = "INTELLIGENT_TIERING";

    private final EmulatorClock clock;
    private final ObjectChangeHook next;

    TieringIndex(EmulatorClock clock, ObjectChangeHook next) {
        this.clock = clock;
        this.next = next;
    }

    /** Whether S3 moves this version between tiers: INTELLIGENT_TIERING objects of 128 KiB or more. */
    static boolean monitored(ObjectVersion v) {
        return !v.deleteMarker() && INTELLIGENT_TIERING.equals(v.storageClass()) && v.size() >= TierState.MONITORED_FROM_BYTES;
    }

    @Override
    public void changed(Batch batch, String bucket, String eventName, ObjectVersion version, LongSupplier sequencer) {
        if (monitored(version)) {
            if (eventName.startsWith("ObjectCreated:")) {
                batch.put(S3Keys.tier(version.seq()), TierState.frequent(bucket, version.key(), version.lastModified()));
            } else if (eventName.equals("ObjectRemoved:Delete")) {
                batch.delete(S3Keys.tier(version.seq()));
            }
        }
        next.changed(batch, bucket, eventName, version, sequencer);
    }

    @Override
    public void versionReplaced(Batch batch, String bucket, ObjectVersion replaced) {
        if (monitored(replaced)) {
            batch.delete(S3Keys.tier(replaced.seq()));
        }
        next.versionReplaced(batch, bucket, replaced);
    }

    @Override
    public void storageClassChanged(Batch batch, String bucket, ObjectVersion before, ObjectVersion after) {
        if (monitored(after) && !monitored(before)) {
            // "objects that are uploaded or transitioned to S3 Intelligent-Tiering are stored in Frequent Access"
            batch.put(S3Keys.tier(after.seq()), TierState.frequent(bucket, after.key(), clock.instant()));
        } else if (monitored(before) && !monitored(after)) {
            batch.delete(S3Keys.tier(before.seq()));
        }
        next.storageClassChanged(batch, bucket, before, after);
    }

    @Override
    public void committed() {
        next.committed();
    }
}
