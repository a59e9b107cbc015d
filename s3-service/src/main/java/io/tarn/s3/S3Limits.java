package io.tarn.s3;

/** S3's limits, from the S3 User Guide ("Amazon S3 multipart upload limits", "Working with object metadata"). */
public final class S3Limits {

    /** The largest single PutObject / UploadPart body: 5 GiB. */
    public static final long MAX_PUT_BYTES = 5L << 30;
    /** The largest object: 5 TiB. */
    public static final long MAX_OBJECT_BYTES = 5L << 40;
    /** Every part but the last is at least 5 MiB. */
    public static final long MIN_PART_BYTES = 5L << 20;
    public static final int MAX_PARTS = 10_000;
    /** Keys are at most 1,024 bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;
    /** User-defined metadata: 2 KB, names and values in UTF-8. */
    public static final int MAX_USER_METADATA_BYTES = 2048;
    public static final int MAX_OBJECT_TAGS = 10;
    public static final int MAX_BUCKET_TAGS = 50;
    public static final int MAX_TAG_KEY_CHARS = 128;
    public static final int MAX_TAG_VALUE_CHARS = 256;
    public static final int MAX_KEYS_PER_LIST = 1000;
    public static final int MAX_DELETE_OBJECTS = 1000;
    /** Buckets per account (the default quota). */
    public static final int MAX_BUCKETS = 10_000;
    /** Request bodies that are not object data (XML configurations, Delete): S3 caps these far lower. */
    public static final long MAX_XML_BODY_BYTES = 2L << 20;

    /** A browser POST's form fields and boundaries before the file: 20 KB ("HTML forms"). */
    public static final int MAX_POST_PRE_DATA_BYTES = 20 * 1024;

    private S3Limits() {}
}
