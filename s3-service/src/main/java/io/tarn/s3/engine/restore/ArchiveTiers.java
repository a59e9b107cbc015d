package io.tarn.s3.engine.restore;

import io.tarn.core.store.Batch;
import io.tarn.s3.model.ObjectVersion;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Objects archived inside their storage class rather than by it: INTELLIGENT_TIERING's Archive
 * Access and Deep Archive Access tiers (engine.tiering). Their restore takes the time of the
 * matching Glacier class and then moves the object back to Frequent Access for good, with no
 * restored copy and no {@code Days}.
 */
public interface ArchiveTiers {

    ArchiveTiers NONE = new ArchiveTiers() {
        @Override
        public @Nullable String archiveTier(ObjectVersion v) {
            return null;
        }

        @Override
        public void restored(Batch batch, String bucket, String key, long seq, Instant at) {}
    };

    /** {@code ARCHIVE_ACCESS} or {@code DEEP_ARCHIVE_ACCESS} when {@code v} sits in one, else null. */
    @Nullable String archiveTier(ObjectVersion v);

    /** The restore of version {@code seq} completed at {@code at}: it is to be in Frequent Access, written in {@code batch}. */
    void restored(Batch batch, String bucket, String key, long seq, Instant at);

    /**
     * The archive class whose retrieval times a tier's restore takes ("Understanding archive
     * retrieval options": Archive Access as S3 Glacier Flexible Retrieval, Deep Archive Access as
     * S3 Glacier Deep Archive, Expedited for the first only).
     */
    static String retrievalClassOf(String archiveTier) {
        return archiveTier.equals("DEEP_ARCHIVE_ACCESS") ? ArchiveClasses.DEEP_ARCHIVE : ArchiveClasses.GLACIER;
    }
}
