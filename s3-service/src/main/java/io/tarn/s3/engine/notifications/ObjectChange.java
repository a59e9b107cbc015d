package io.tarn.s3.engine.notifications;

import io.tarn.s3.model.ObjectVersion;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One change of an object version, as the engine making it tells it ({@link ObjectChangeHook}):
 * the facts an event needs, none of its JSON, so the sink alone decides what is sent.
 *
 * @param eventName the event without its {@code s3:} prefix ({@code ObjectCreated:Put}, {@code LifecycleTransition})
 * @param version the version created, deleted or changed, as it now is (a delete marker for DeleteMarkerCreated)
 * @param sequencer a number greater than that of every earlier change of the key, asked only when needed;
 *     null for the store-wide sequence's next
 * @param at when S3 made the change, for one it makes by itself (a lifecycle evaluation's midnight, a
 *     restore's due instant); null for now
 * @param onBehalfOf the principal S3 acts for when no request is being served (who asked for a restore
 *     that has now completed); null for S3 itself
 * @param restoredUntil for {@code ObjectRestore:Completed}: when the restored copy expires
 * @param accessTier for {@code IntelligentTiering}: the archive access tier the object moved to
 */
public record ObjectChange(
        String bucket,
        String eventName,
        ObjectVersion version,
        @Nullable LongSupplier sequencer,
        @Nullable Instant at,
        @Nullable String onBehalfOf,
        @Nullable Instant restoredUntil,
        @Nullable String accessTier) {

    /** A change made now, by the request being served (if any). */
    public static ObjectChange of(String bucket, String eventName, ObjectVersion version, @Nullable LongSupplier sequencer) {
        return new ObjectChange(bucket, eventName, version, sequencer, null, null, null, null);
    }

    /** A change S3 makes by itself as of {@code when}. */
    public ObjectChange at(Instant when) {
        return new ObjectChange(bucket, eventName, version, sequencer, when, onBehalfOf, restoredUntil, accessTier);
    }

    public ObjectChange onBehalfOf(@Nullable String principalId) {
        return new ObjectChange(bucket, eventName, version, sequencer, at, principalId, restoredUntil, accessTier);
    }

    public ObjectChange restoredUntil(Instant expiry) {
        return new ObjectChange(bucket, eventName, version, sequencer, at, onBehalfOf, expiry, accessTier);
    }

    public ObjectChange toAccessTier(String tier) {
        return new ObjectChange(bucket, eventName, version, sequencer, at, onBehalfOf, restoredUntil, tier);
    }
}
