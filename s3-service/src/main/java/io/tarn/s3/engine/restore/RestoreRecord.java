package io.tarn.s3.engine.restore;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The restore of one object version (stored under {@code S3Keys.restore(seq)}): in progress until
 * {@code readyAt}, then a restored copy readable until {@code expiresAt}. The state is derived from
 * the clock, so reads are right even before the timer that announces the change has run.
 * {@code requester} is the principal who asked for it (null in records written before it was
 * kept): the completion's event names them.
 */
public record RestoreRecord(
        String bucket,
        String key,
        long seq,
        String versionId,
        String storageClass,
        String tier,
        int days,
        Instant requestedAt,
        Instant readyAt,
        Instant expiresAt,
        @Nullable String requester) {

    public boolean ongoing(Instant now) {
        return now.isBefore(readyAt);
    }

    /** Whether a restored copy exists at {@code now}. */
    public boolean restored(Instant now) {
        return !now.isBefore(readyAt) && now.isBefore(expiresAt);
    }

    public RestoreRecord withExpiry(int newDays, Instant newExpiry) {
        return new RestoreRecord(bucket, key, seq, versionId, storageClass, tier, newDays, requestedAt, readyAt, newExpiry, requester);
    }
}
