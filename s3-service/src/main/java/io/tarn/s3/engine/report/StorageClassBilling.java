package io.tarn.s3.engine.report;

import java.time.Duration;

/**
 * What S3 bills an object of each storage class for, beyond its size and time (S3 User Guide,
 * "Understanding and managing Amazon S3 storage classes", and Amazon S3 pricing): minimum billable
 * sizes, the archive classes' per-object overhead, and minimum storage durations.
 */
public final class StorageClassBilling {

    /** STANDARD_IA, ONEZONE_IA and GLACIER_IR bill a smaller object as 128 KiB. */
    static final long MINIMUM_BILLABLE_BYTES = 128 * 1024;
    /** Index and metadata S3 keeps for each archived object, billed at the archive class's rate. */
    static final long ARCHIVE_INDEX_BYTES = 32 * 1024;
    /** The name and metadata S3 keeps for each archived object so listings work, billed at STANDARD's rate. */
    static final long ARCHIVE_STANDARD_BYTES = 8 * 1024;

    private StorageClassBilling() {}

    /** How long an object is billed in {@code storageClass} at least, however soon it leaves. */
    public static Duration minimumDuration(String storageClass) {
        switch (storageClass) {
            case "STANDARD_IA":
            case "ONEZONE_IA":
                return Duration.ofDays(30);
            case "GLACIER_IR":
            case "GLACIER":
                return Duration.ofDays(90);
            case "DEEP_ARCHIVE":
                return Duration.ofDays(180);
            default:
                return Duration.ZERO;
        }
    }

    /** The bytes an object of {@code size} is billed for at its own class's rate. */
    public static long billableBytes(String storageClass, long size) {
        switch (storageClass) {
            case "STANDARD_IA":
            case "ONEZONE_IA":
            case "GLACIER_IR":
                return Math.max(size, MINIMUM_BILLABLE_BYTES);
            case "GLACIER":
            case "DEEP_ARCHIVE":
                return size + ARCHIVE_INDEX_BYTES;
            default:
                return size;
        }
    }

    /** The bytes an object in {@code storageClass} adds to the bucket's STANDARD bill (archived objects' names and metadata). */
    public static long standardOverheadBytes(String storageClass) {
        return storageClass.equals("GLACIER") || storageClass.equals("DEEP_ARCHIVE") ? ARCHIVE_STANDARD_BYTES : 0;
    }

    /**
     * The whole days still due when an object that entered {@code storageClass} {@code stayed} ago
     * leaves it (deleted, overwritten or transitioned): the minimum duration less the time spent,
     * rounded up to a day; 0 once the minimum has passed.
     */
    public static long earlyDeletionDays(String storageClass, Duration stayed) {
        Duration remaining = minimumDuration(storageClass).minus(stayed);
        if (remaining.isNegative() || remaining.isZero()) {
            return 0;
        }
        long days = remaining.toDays();
        return remaining.equals(Duration.ofDays(days)) ? days : days + 1;
    }
}
