package io.tarn.core.auth;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An S3 SigV2 claim, from {@code Authorization: AWS <key>:<signature>} or a presigned URL's
 * {@code AWSAccessKeyId}, {@code Signature} and {@code Expires}. Verified by {@link SigV2Verifier}.
 *
 * @param signature base64, as sent
 * @param expires a presigned URL's Expires, else null
 * @param expiresParam Expires exactly as sent (it is signed as written), else null
 * @param resource the path-style path the signature covers ({@code /bucket/key}, still
 *     percent-encoded), whatever the addressing style; subresources are added from the query
 */
public record SigV2Signature(
        String accessKeyId,
        String signature,
        @Nullable Instant expires,
        @Nullable String expiresParam,
        String resource,
        @Nullable String sessionToken) implements SignatureClaim {

    public SigV2Signature {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(resource, "resource");
    }

    @Override
    public boolean presigned() {
        return expires != null;
    }
}
