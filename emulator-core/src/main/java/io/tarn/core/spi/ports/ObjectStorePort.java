package io.tarn.core.spi.ports;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What S3 offers the other services (Glue crawlers read through it; Firehose and S3 notifications
 * write through it): the current objects of a bucket with S3's own checks, in process. Errors
 * are thrown as {@link io.tarn.core.error.AwsException} with S3's codes ({@code NoSuchBucket},
 * {@code NoSuchKey}).
 */
public interface ObjectStorePort {

    /** An object as a listing shows it. */
    record ObjectSummary(String key, long size, String etag, Instant lastModified, String storageClass) {}

    /** A page of a listing; {@code nextStartAfter} is null on the last page. */
    record ObjectPage(List<ObjectSummary> objects, @Nullable String nextStartAfter) {}

    /**
     * The current objects of {@code bucket} whose keys start with {@code prefix}, after
     * {@code startAfter} (null: from the start), in S3's key order, at most {@code maxKeys}.
     */
    ObjectPage list(String bucket, String prefix, @Nullable String startAfter, int maxKeys);

    /** HeadObject of the current version. */
    ObjectSummary head(String bucket, String key);

    /**
     * Bytes {@code [offset, offset + length)} of the current version (clipped to its size), read
     * lazily: a crawler reading a Parquet footer never reads the rest. The caller closes it.
     */
    InputStream read(String bucket, String key, long offset, long length);

    /** Writes an object's bytes to the stream it is given; the stream is closed by the port. */
    @FunctionalInterface
    interface BodyWriter {
        void writeTo(java.io.OutputStream out) throws java.io.IOException;
    }

    /**
     * PutObject of the bytes {@code body} writes, streamed into S3 with S3's own checks, versioning
     * and encryption at rest. {@code kmsKeyId} null means S3's default (SSE-S3); else SSE-KMS with
     * that key, as {@code x-amz-server-side-encryption: aws:kms} would ask. Answers the ETag.
     */
    String write(String bucket, String key, String contentType, @Nullable String kmsKeyId, BodyWriter body);
}
