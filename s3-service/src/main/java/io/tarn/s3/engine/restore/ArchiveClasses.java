package io.tarn.s3.engine.restore;

import java.util.Set;

/** The storage classes whose objects cannot be read until restored. */
public final class ArchiveClasses {

    public static final String GLACIER = "GLACIER";
    public static final String DEEP_ARCHIVE = "DEEP_ARCHIVE";
    public static final Set<String> ALL = Set.of(GLACIER, DEEP_ARCHIVE);

    private ArchiveClasses() {}

    /** GLACIER_IR (Instant Retrieval) is not archived: its objects read at once. */
    public static boolean isArchived(String storageClass) {
        return ALL.contains(storageClass);
    }
}
