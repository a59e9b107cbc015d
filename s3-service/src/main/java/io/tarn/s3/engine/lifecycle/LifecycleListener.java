package io.tarn.s3.engine.lifecycle;

import io.tarn.s3.model.ObjectVersion;

/**
 * Told of what the daily evaluation did, at the points S3 emits its {@code LifecycleTransition}
 * and {@code LifecycleExpiration:*} events. Event notifications are built elsewhere and connect
 * here; until then {@link #NONE} is wired in.
 */
public interface LifecycleListener {

    LifecycleListener NONE = new LifecycleListener() {};

    /** {@code version} (as it now is) moved to its new storage class: LifecycleTransition. */
    default void transitioned(String bucket, ObjectVersion version) {}

    /** A version was deleted for good: LifecycleExpiration:Delete. */
    default void deleted(String bucket, ObjectVersion version) {}

    /** A current version expired in a versioned bucket and {@code marker} was added: LifecycleExpiration:DeleteMarkerCreated. */
    default void deleteMarkerCreated(String bucket, String key, String markerVersionId) {}
}
