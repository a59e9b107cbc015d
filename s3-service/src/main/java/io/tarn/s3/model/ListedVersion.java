package io.tarn.s3.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What listings show of an {@link ObjectVersion}, decoded from the same stored record. Listings
 * read a thousand records a page; leaving out the parts, headers, metadata, tags and ACL (which
 * the decoder then skips) halves the cost of decoding them. Ignoring the other fields here, not
 * only in the mapper, makes the decoder skip them instead of buffering them for the constructor.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListedVersion(
        String key,
        String versionId,
        long seq,
        boolean deleteMarker,
        Instant lastModified,
        long size,
        String etag,
        String owner,
        String storageClass,
        @Nullable StoredChecksum checksum) {}
