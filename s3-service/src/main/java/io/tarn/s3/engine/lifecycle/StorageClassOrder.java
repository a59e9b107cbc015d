package io.tarn.s3.engine.lifecycle;

import java.util.List;
import java.util.Set;

/**
 * The lifecycle "waterfall" (S3 User Guide, Transitioning objects using Amazon S3 Lifecycle):
 * objects move only down this list, never back up; REDUCED_REDUNDANCY may move to any class.
 */
final class StorageClassOrder {

    private static final List<String> WATERFALL = List.of("STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA",
            "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE");
    /** Classes an object must spend 30 days in STANDARD before entering. */
    static final Set<String> INFREQUENT_ACCESS = Set.of("STANDARD_IA", "ONEZONE_IA");
    /** Classes that take objects under 128 KiB when the bucket's minimum size is varies_by_storage_class. */
    static final Set<String> TAKE_SMALL_OBJECTS = Set.of("GLACIER", "DEEP_ARCHIVE", "GLACIER_IR");
    static final long SMALL_OBJECT_BYTES = 128 * 1024;

    private StorageClassOrder() {}

    /** Whether an object in {@code from} may transition to {@code to}. */
    static boolean canMove(String from, String to) {
        if (from.equals("REDUCED_REDUNDANCY")) {
            return WATERFALL.contains(to) && !to.equals("STANDARD");
        }
        int a = WATERFALL.indexOf(from);
        int b = WATERFALL.indexOf(to);
        return a >= 0 && b > a;
    }

    static int rank(String storageClass) {
        return WATERFALL.indexOf(storageClass);
    }
}
