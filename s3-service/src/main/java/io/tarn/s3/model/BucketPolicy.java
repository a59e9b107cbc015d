package io.tarn.s3.model;

/**
 * A bucket's policy (schema 1), stored at {@link S3Keys#bucketPolicy}: the JSON document as the
 * owner put it, which GetBucketPolicy answers; the engine compiles it when it is read after a change.
 */
public record BucketPolicy(int schema, String document) {

    public static final int SCHEMA = 1;

    public static BucketPolicy of(String document) {
        return new BucketPolicy(SCHEMA, document);
    }
}
