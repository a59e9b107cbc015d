package io.tarn.s3.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A multipart upload in progress (schema 1): what the completed object will carry, and the data
 * key its parts are encrypted under.
 *
 * @param checksumAlgorithm the algorithm CreateMultipartUpload named, or null
 * @param checksumType {@code COMPOSITE} or {@code FULL_OBJECT} when an algorithm was named
 */
public record MultipartUpload(
        int schema,
        String uploadId,
        String bucket,
        String key,
        Instant initiated,
        String owner,
        String storageClass,
        Map<String, String> headers,
        Map<String, String> metadata,
        Map<String, String> tags,
        byte[] wrappedKey,
        @Nullable String checksumAlgorithm,
        @Nullable String checksumType,
        @Nullable AccessControl acl,
        @Nullable ObjectLockState lock,
        @Nullable ObjectSse sse) {

    public static final int SCHEMA = 1;

    /** An upload encrypted with SSE-S3 (records written before {@code sse} existed read so too). */
    public MultipartUpload(int schema, String uploadId, String bucket, String key, Instant initiated, String owner, String storageClass,
            Map<String, String> headers, Map<String, String> metadata, Map<String, String> tags, byte[] wrappedKey,
            @Nullable String checksumAlgorithm, @Nullable String checksumType, @Nullable AccessControl acl,
            @Nullable ObjectLockState lock) {
        this(schema, uploadId, bucket, key, initiated, owner, storageClass, headers, metadata, tags, wrappedKey, checksumAlgorithm,
                checksumType, acl, lock, null);
    }

    /** An upload that asked for no Object Lock settings (records written before they existed read so too). */
    public MultipartUpload(int schema, String uploadId, String bucket, String key, Instant initiated, String owner, String storageClass,
            Map<String, String> headers, Map<String, String> metadata, Map<String, String> tags, byte[] wrappedKey,
            @Nullable String checksumAlgorithm, @Nullable String checksumType, @Nullable AccessControl acl) {
        this(schema, uploadId, bucket, key, initiated, owner, storageClass, headers, metadata, tags, wrappedKey, checksumAlgorithm,
                checksumType, acl, null);
    }

    public MultipartUpload {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        // tags keep the order they were given in: S3 returns them so (Map.copyOf would shuffle them)
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }
}
