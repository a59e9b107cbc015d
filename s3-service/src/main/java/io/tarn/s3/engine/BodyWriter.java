package io.tarn.s3.engine;

import io.tarn.core.store.blob.BlobRef;
import io.tarn.core.store.blob.BlobWriter;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.checksum.Checksum;
import io.tarn.s3.engine.checksum.ChecksumAlgorithm;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Streams one body (an object, a part) into the blob store while computing what S3 checks and
 * returns: the MD5 (ETag), the flexible checksum, the SHA-256 a signed request declared. Nothing
 * is visible until {@link #finish} has verified all of them and committed the blob.
 */
final class BodyWriter {

    /** What a verified, committed body is. */
    record Written(BlobRef blob, long size, byte[] md5, @Nullable String checksum) {
        String md5Hex() {
            return HexFormat.of().formatHex(md5);
        }
    }

    private final BlobWriter blob;
    private final Integrity integrity;
    private final long maxBytes;
    private final MessageDigest md5 = digest("MD5");
    private final @Nullable MessageDigest sha256;
    private final @Nullable Checksum checksum;
    private long size;
    private boolean done;

    BodyWriter(BlobWriter blob, Integrity integrity, long maxBytes) {
        this.blob = blob;
        this.integrity = integrity;
        this.maxBytes = maxBytes;
        this.sha256 = integrity.declaredSha256() != null ? digest("SHA-256") : null;
        this.checksum = integrity.algorithm() != null ? integrity.algorithm().newChecksum() : null;
    }

    void write(ByteBuffer data) {
        size += data.remaining();
        if (size > maxBytes) {
            throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size")
                    .with("ProposedSize", Long.toString(size)).with("MaxSizeAllowed", Long.toString(maxBytes));
        }
        if (checksum != null) {
            checksum.update(data);
        }
        if (sha256 != null) {
            sha256.update(data.duplicate());
        }
        md5.update(data.duplicate());
        blob.write(data);
    }

    /**
     * Verifies the body against what was declared (a header, or {@code trailerChecksum} sent after
     * the body) and commits it.
     */
    Written finish(@Nullable String trailerChecksum) {
        byte[] digest = md5.digest();
        String md5Header = integrity.contentMd5();
        if (md5Header != null && !MessageDigest.isEqual(decodeMd5(md5Header), digest)) {
            throw S3Errors.BAD_DIGEST.exception("The Content-MD5 you specified did not match what we received.")
                    .with("ExpectedDigest", md5Header).with("CalculatedDigest", Base64.getEncoder().encodeToString(digest));
        }
        if (sha256 != null) {
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (!actual.equalsIgnoreCase(integrity.declaredSha256())) {
                throw S3Errors.SHA256_MISMATCH.exception("The provided 'x-amz-content-sha256' header does not match what was computed.")
                        .with("ClientComputedContentSHA256", integrity.declaredSha256()).with("S3ComputedContentSHA256", actual);
            }
        }
        String value = null;
        if (checksum != null) {
            value = checksum.base64();
            String expected = integrity.expectedChecksum() != null ? integrity.expectedChecksum() : trailerChecksum;
            if (expected != null && !expected.equals(value)) {
                throw S3Errors.BAD_DIGEST.exception("The %s you specified did not match the calculated checksum.",
                        integrity.algorithm().name());
            }
        }
        BlobRef ref = blob.commit();
        done = true;
        return new Written(ref, size, digest, value);
    }

    /** Drops what was written; safe after {@link #finish} failed. */
    void abort() {
        if (!done) {
            done = true;
            blob.abort();
        }
    }

    static byte[] decodeMd5(String header) {
        try {
            byte[] md5 = Base64.getDecoder().decode(header.trim());
            if (md5.length == 16) {
                return md5;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw S3Errors.INVALID_DIGEST.exception("The Content-MD5 you specified was invalid.").with("Content-MD5", header);
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
