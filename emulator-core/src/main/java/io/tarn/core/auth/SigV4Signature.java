package io.tarn.core.auth;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a request claims about its SigV4 signature, from the {@code Authorization} header or a
 * presigned URL's query. Nothing here is verified yet: {@link SigV4Verifier#verify} does that.
 *
 * @param date yyyyMMdd, the credential scope's date
 * @param signedHeaders as the client listed them (lower-case for every SDK)
 * @param signature lower-case hex, as sent
 * @param amzDate yyyyMMdd'T'HHmmss'Z': X-Amz-Date, or the Date header converted
 * @param expiresSeconds X-Amz-Expires of a presigned URL, else 0
 * @param sessionToken X-Amz-Security-Token, from the header or the query
 */
public record SigV4Signature(
        String accessKeyId,
        String date,
        String region,
        String service,
        List<String> signedHeaders,
        String signature,
        String amzDate,
        boolean presigned,
        long expiresSeconds,
        @Nullable String sessionToken) implements SignatureClaim {

    public SigV4Signature {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        signedHeaders = List.copyOf(signedHeaders);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(amzDate, "amzDate");
    }

    /** The credential scope, the third line of the string to sign. */
    public String scope() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }
}
