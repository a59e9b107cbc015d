package io.tarn.s3.engine.notifications;

import io.tarn.core.store.Batch;
import io.tarn.s3.model.ObjectVersion;
import java.util.function.LongSupplier;

/**
 * What the engines tell of each change of an object (the object engine's writes and deletes, a
 * restore's request, completion and expiry, lifecycle transitions and expirations), inside the
 * batch that makes it: a notification written there is committed with the change or not at all,
 * so a crash never loses one. The object engine holds the one hook; the others tell it through
 * {@code ObjectEngine.changes()}.
 */
@FunctionalInterface
public interface ObjectChangeHook {

    ObjectChangeHook NONE = (batch, change) -> {};

    void changed(Batch batch, ObjectChange change);

    /** A change made now by the request being served. */
    default void changed(Batch batch, String bucket, String eventName, ObjectVersion version, LongSupplier sequencer) {
        changed(batch, ObjectChange.of(bucket, eventName, version, sequencer));
    }

    /** A null version was removed by a newer one taking its place, inside that batch; S3 tells no event of it. */
    default void versionReplaced(Batch batch, String bucket, ObjectVersion replaced) {}

    /** Called once the batch holding the changes is committed: delivery may begin. */
    default void committed() {}
}
