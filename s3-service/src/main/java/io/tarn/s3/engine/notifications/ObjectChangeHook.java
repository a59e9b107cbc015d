package io.tarn.s3.engine.notifications;

import io.tarn.core.store.Batch;
import io.tarn.s3.model.ObjectVersion;
import java.util.function.LongSupplier;

/**
 * What the object engine tells of each change, inside the batch that makes it: a notification
 * written there is committed with the change or not at all, so a crash never loses one.
 */
public interface ObjectChangeHook {

    ObjectChangeHook NONE = new ObjectChangeHook() {
        @Override
        public void changed(Batch batch, String bucket, String eventName, ObjectVersion version, LongSupplier sequencer) {}
    };

    /**
     * @param eventName the event without its {@code s3:} prefix ({@code ObjectCreated:Put})
     * @param version the version created, deleted or changed (a delete marker for DeleteMarkerCreated)
     * @param sequencer a number greater than that of every earlier change of the key (asked only when needed)
     */
    void changed(Batch batch, String bucket, String eventName, ObjectVersion version, LongSupplier sequencer);

    /** A null version was removed by a newer one taking its place, inside that batch; S3 tells no event of it. */
    default void versionReplaced(Batch batch, String bucket, ObjectVersion replaced) {}

    /** A version's storage class was rewritten in place (a lifecycle transition), inside that batch; no event of its own. */
    default void storageClassChanged(Batch batch, String bucket, ObjectVersion before, ObjectVersion after) {}

    /** Called once the batch holding the changes is committed: delivery may begin. */
    default void committed() {}
}
