package io.tarn.core.auth;

import io.tarn.core.auth.MalformedSignature.S3;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads S3's SigV2 claims, refusing malformed ones with S3's codes: the header
 * {@code AWS <key>:<signature>} and the query form {@code AWSAccessKeyId}, {@code Signature},
 * {@code Expires} (seconds since the epoch) that boto3 still makes for presigned URLs.
 */
final class SigV2Parser {

    static final String SCHEME = "AWS";

    private SigV2Parser() {}

    /** Whether the query carries SigV2 parameters (the request means to be a SigV2 presigned URL). */
    static boolean inQuery(Map<String, List<String>> query) {
        return query.containsKey("AWSAccessKeyId") || query.containsKey("Signature");
    }

    /** @param authorization the header, trimmed, starting with "AWS " */
    static SigV2Signature fromHeader(String authorization, Map<String, List<String>> headers, String resource) {
        String credentials = authorization.substring(SCHEME.length()).trim();
        int colon = credentials.lastIndexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1) {
            throw MalformedSignature.invalidAuthorization(
                    "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature", authorization);
        }
        if (first(headers, "date") == null && first(headers, "x-amz-date") == null) {
            throw S3.ACCESS_DENIED.exception(MalformedSignature.NO_VALID_DATE);
        }
        return new SigV2Signature(credentials.substring(0, colon), credentials.substring(colon + 1), null, null,
                resource, first(headers, "x-amz-security-token"));
    }

    static SigV2Signature fromQuery(Map<String, List<String>> query, Map<String, List<String>> headers, String resource) {
        String accessKeyId = first(query, "AWSAccessKeyId");
        String signature = first(query, "Signature");
        String expires = first(query, "Expires");
        if (isEmpty(accessKeyId) || isEmpty(signature) || isEmpty(expires)) {
            throw S3.ACCESS_DENIED.exception("Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }
        Instant expiry;
        try {
            expiry = Instant.ofEpochSecond(Long.parseLong(expires));
        } catch (NumberFormatException | DateTimeException e) {
            throw S3.ACCESS_DENIED.exception("Invalid date (should be seconds since epoch): " + expires);
        }
        String token = first(query, "x-amz-security-token");
        if (token == null) {
            token = first(headers, "x-amz-security-token");
        }
        // A client that did not escape '+' in the base64 signature sent it as a form-encoded space.
        return new SigV2Signature(accessKeyId, signature.replace(' ', '+'), expiry, expires,
                resource, token);
    }

    private static boolean isEmpty(@Nullable String value) {
        return value == null || value.isEmpty();
    }

    private static @Nullable String first(Map<String, List<String>> map, String name) {
        List<String> values = map.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
