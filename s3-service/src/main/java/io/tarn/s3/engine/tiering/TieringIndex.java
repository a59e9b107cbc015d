package io.tarn.s3.engine.tiering;

import io.tarn.core.store.Batch;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.engine.notifications.ObjectChange;
import io.tarn.s3.engine.notifications.ObjectChangeHook;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;

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
    public void changed(Batch batch, ObjectChange change) {
        ObjectVersion version = change.version();
        String eventName = change.eventName();
        if (eventName.equals("LifecycleTransition")) {
            if (monitored(version)) {
                // "objects that are uploaded or transitioned to S3 Intelligent-Tiering are stored in Frequent Access"
                batch.put(S3Keys.tier(version.seq()), TierState.frequent(change.bucket(), version.key(),
                        change.at() != null ? change.at() : clock.instant()));
            } else {
                batch.delete(S3Keys.tier(version.seq())); // moved out of the class, if it was in it
            }
        } else if (monitored(version)) {
            if (eventName.startsWith("ObjectCreated:")) {
                batch.put(S3Keys.tier(version.seq()), TierState.frequent(change.bucket(), version.key(), version.lastModified()));
            } else if (eventName.equals("ObjectRemoved:Delete") || eventName.equals("LifecycleExpiration:Delete")) {
                batch.delete(S3Keys.tier(version.seq()));
            }
        }
        next.changed(batch, change);
    }

    @Override
    public void versionReplaced(Batch batch, String bucket, ObjectVersion replaced) {
        if (monitored(replaced)) {
            batch.delete(S3Keys.tier(replaced.seq()));
        }
        next.versionReplaced(batch, bucket, replaced);
    }

    @Override
    public void committed() {
        next.committed();
    }
}
