package io.tarn.s3.engine.tiering;

import java.time.Instant;

/**
 * Where one INTELLIGENT_TIERING version is (stored under {@code S3Keys.tier(seq)}): its tier and
 * when it was last accessed (written, read or restored), from which its days without access count.
 * The version record itself never changes: S3 reports INTELLIGENT_TIERING whatever the tier.
 */
public record TierState(String bucket, String key, AccessTier tier, Instant lastAccess) {

    /** Objects under 128 KiB are not monitored and stay in Frequent Access ("How S3 Intelligent-Tiering works"). */
    public static final long MONITORED_FROM_BYTES = 128 * 1024;

    static TierState frequent(String bucket, String key, Instant at) {
        return new TierState(bucket, key, AccessTier.FREQUENT_ACCESS, at);
    }

    TierState movedTo(AccessTier newTier) {
        return new TierState(bucket, key, newTier, lastAccess);
    }
}
