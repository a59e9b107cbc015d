package io.tarn.s3.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a CompleteMultipartUpload answered (schema 1), kept for a while after it so that the same
 * request sent again (an SDK retrying after a lost response) gets the same answer, as S3 gives it,
 * rather than NoSuchUpload.
 *
 * @param parts the completed parts as {@code number:etag} (etag unquoted), in order: a retry must name the same
 * @param versionId the version the upload became ({@code null} for the null version)
 */
public record CompletedUpload(
        int schema,
        String uploadId,
        String bucket,
        String key,
        Instant completed,
        List<String> parts,
        String etag,
        String versionId,
        @Nullable StoredChecksum checksum) {

    public static final int SCHEMA = 1;

    public CompletedUpload {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public boolean isNullVersion() {
        return ObjectVersion.NULL_VERSION.equals(versionId);
    }
}
