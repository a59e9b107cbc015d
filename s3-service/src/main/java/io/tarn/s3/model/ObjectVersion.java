package io.tarn.s3.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One version of an object, or a delete marker (schema 1). The bytes are in the blob store,
 * encrypted under a data key that is stored here wrapped by S3's master key.
 *
 * @param seq the store-wide write sequence: orders versions and is encoded in {@code versionId}
 * @param versionId the id clients see: {@code null} for the null version
 * @param headers stored content headers by lower-case name (content-type, cache-control...)
 * @param metadata user metadata, names lower-case without the {@code x-amz-meta-} prefix
 */
// the fields a listing shows first, so that ListedVersion.read stops before the parts and headers
@JsonPropertyOrder({"schema", "key", "versionId", "seq", "deleteMarker", "lastModified", "size", "etag", "owner", "storageClass",
        "checksum"})
public record ObjectVersion(
        int schema,
        String key,
        String versionId,
        long seq,
        boolean deleteMarker,
        Instant lastModified,
        long size,
        String etag,
        String owner,
        String storageClass,
        Map<String, String> headers,
        Map<String, String> metadata,
        Map<String, String> tags,
        List<StoredPart> parts,
        byte @Nullable [] wrappedKey,
        @Nullable StoredChecksum checksum,
        @Nullable AccessControl acl,
        @Nullable ObjectLockState lock,
        @Nullable ObjectSse sse) {

    public static final int SCHEMA = 1;

    /** A version encrypted with SSE-S3 (records written before {@code sse} existed read so too). */
    public ObjectVersion(int schema, String key, String versionId, long seq, boolean deleteMarker, Instant lastModified, long size,
            String etag, String owner, String storageClass, Map<String, String> headers, Map<String, String> metadata,
            Map<String, String> tags, List<StoredPart> parts, byte @Nullable [] wrappedKey, @Nullable StoredChecksum checksum,
            @Nullable AccessControl acl, @Nullable ObjectLockState lock) {
        this(schema, key, versionId, seq, deleteMarker, lastModified, size, etag, owner, storageClass, headers, metadata, tags, parts,
                wrappedKey, checksum, acl, lock, null);
    }

    /** A version without Object Lock settings (records written before they existed read so too). */
    public ObjectVersion(int schema, String key, String versionId, long seq, boolean deleteMarker, Instant lastModified, long size,
            String etag, String owner, String storageClass, Map<String, String> headers, Map<String, String> metadata,
            Map<String, String> tags, List<StoredPart> parts, byte @Nullable [] wrappedKey, @Nullable StoredChecksum checksum,
            @Nullable AccessControl acl) {
        this(schema, key, versionId, seq, deleteMarker, lastModified, size, etag, owner, storageClass, headers, metadata, tags, parts,
                wrappedKey, checksum, acl, null);
    }
    public static final String NULL_VERSION = "null";

    public ObjectVersion {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        // tags keep the order they were given in: S3 returns them so (Map.copyOf would shuffle them)
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public boolean isNullVersion() {
        return NULL_VERSION.equals(versionId);
    }

    public ObjectVersion withTags(Map<String, String> newTags) {
        return new ObjectVersion(schema, key, versionId, seq, deleteMarker, lastModified, size, etag, owner, storageClass,
                headers, metadata, newTags, parts, wrappedKey, checksum, acl, lock, sse);
    }

    public ObjectVersion withAcl(AccessControl newAcl) {
        return new ObjectVersion(schema, key, versionId, seq, deleteMarker, lastModified, size, etag, owner, storageClass,
                headers, metadata, tags, parts, wrappedKey, checksum, newAcl, lock);
    }

    public ObjectVersion withLock(@Nullable ObjectLockState newLock) {
        return new ObjectVersion(schema, key, versionId, seq, deleteMarker, lastModified, size, etag, owner, storageClass,
                headers, metadata, tags, parts, wrappedKey, checksum, acl, newLock, sse);
    }

    /** The same version in another storage class (a lifecycle transition): the bytes do not move. */
    public ObjectVersion withStorageClass(String newClass) {
        return new ObjectVersion(schema, key, versionId, seq, deleteMarker, lastModified, size, etag, owner, newClass,
                headers, metadata, tags, parts, wrappedKey, checksum, acl, lock, sse);
    }
}
