package io.tarn.s3.engine;

import io.tarn.s3.engine.checksum.ChecksumAlgorithm;
import org.jspecify.annotations.Nullable;

/**
 * What a client declared about a body it sends, to be checked against the bytes received.
 *
 * @param contentMd5 the Content-MD5 header (base64), or null
 * @param algorithm the flexible checksum to compute, or null
 * @param expectedChecksum its value from a header (base64); null when it comes in a trailer or not at all
 * @param declaredSha256 x-amz-content-sha256 when it is a hex digest of the body (not a streaming or unsigned marker)
 */
public record Integrity(
        @Nullable String contentMd5,
        @Nullable ChecksumAlgorithm algorithm,
        @Nullable String expectedChecksum,
        @Nullable String declaredSha256) {

    public static final Integrity NONE = new Integrity(null, null, null, null);
}
