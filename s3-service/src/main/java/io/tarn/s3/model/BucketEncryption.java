package io.tarn.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * A bucket's default encryption (schema 1), applied to new objects whose write names none; a
 * bucket without this record has S3's default, SSE-S3.
 *
 * @param algorithm {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse}
 * @param kmsMasterKeyId the KMS key as given (id, alias or ARN), or null: {@code aws/s3}
 */
public record BucketEncryption(int schema, String algorithm, @Nullable String kmsMasterKeyId, boolean bucketKeyEnabled) {

    public static final int SCHEMA = 1;
    /** What every bucket has unless configured otherwise (S3 encrypts every new object since January 2023). */
    public static final BucketEncryption DEFAULT = new BucketEncryption(SCHEMA, "AES256", null, false);
}
