package io.tarn.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * A bucket's Object Lock configuration (schema 1), stored at {@link S3Keys#objectLock}: present
 * once Object Lock is enabled, which can never be undone; the default retention is optional.
 *
 * @param defaultMode {@code GOVERNANCE} or {@code COMPLIANCE}, or null when there is no default retention
 * @param defaultDays the default retention in days, or 0
 * @param defaultYears the default retention in years, or 0 (exactly one of days and years is set with a mode)
 */
public record BucketObjectLock(int schema, @Nullable String defaultMode, int defaultDays, int defaultYears) {

    public static final int SCHEMA = 1;

    /** Object Lock enabled, no default retention. */
    public static BucketObjectLock enabled() {
        return new BucketObjectLock(SCHEMA, null, 0, 0);
    }

    public boolean hasDefaultRetention() {
        return defaultMode != null;
    }
}
