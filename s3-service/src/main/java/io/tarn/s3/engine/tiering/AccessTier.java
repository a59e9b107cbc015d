package io.tarn.s3.engine.tiering;

/**
 * The access tiers of the INTELLIGENT_TIERING storage class, in the order objects move down them
 * ("How S3 Intelligent-Tiering works", S3 User Guide). The last two are archives: their objects
 * must be restored before they can be read, and are opted into by a bucket's configuration.
 */
public enum AccessTier {
    FREQUENT_ACCESS,
    INFREQUENT_ACCESS,
    ARCHIVE_INSTANT_ACCESS,
    ARCHIVE_ACCESS,
    DEEP_ARCHIVE_ACCESS;

    public boolean archived() {
        return this == ARCHIVE_ACCESS || this == DEEP_ARCHIVE_ACCESS;
    }

    /** Whether this tier is further down than {@code other}. */
    boolean below(AccessTier other) {
        return ordinal() > other.ordinal();
    }
}
