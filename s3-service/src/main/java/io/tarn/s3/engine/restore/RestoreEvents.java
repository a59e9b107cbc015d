package io.tarn.s3.engine.restore;

import java.time.Instant;

/**
 * Told when a restore is requested, completes and its restored copy expires: S3's
 * {@code ObjectRestore:Post}, {@code ObjectRestore:Completed} and {@code ObjectRestore:Delete}
 * events. The notifications engine listens here; until it is connected, {@link #NONE}.
 */
public interface RestoreEvents {

    RestoreEvents NONE = new RestoreEvents() {
        @Override
        public void posted(String bucket, String key, String versionId, Instant at) {}

        @Override
        public void completed(String bucket, String key, String versionId, Instant at, Instant expiry) {}

        @Override
        public void expired(String bucket, String key, String versionId, Instant at) {}
    };

    /** A new restore was accepted (202), not an extension of a restored copy. */
    void posted(String bucket, String key, String versionId, Instant at);

    /** The restored copy is readable from {@code at} until {@code expiry}. */
    void completed(String bucket, String key, String versionId, Instant at, Instant expiry);

    /** The restored copy expired: the object is archived only again. */
    void expired(String bucket, String key, String versionId, Instant at);
}
