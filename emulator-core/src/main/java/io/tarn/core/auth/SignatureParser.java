package io.tarn.core.auth;

import io.tarn.core.spi.Protocol;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request's signature claim: SigV2 where the service accepts it (S3), else SigV4
 * ({@link SigV4Parser}). S3 refuses a request that carries more than one.
 */
public final class SignatureParser {

    private SignatureParser() {}

    /**
     * @param headers lower-case names
     * @param query decoded names and values
     * @param protocol the service's protocol family, which decides how a malformed claim is refused
     * @param sigV2Resource the path-style path a SigV2 signature would cover; null when the
     *     service does not accept SigV2
     * @return null for an anonymous request
     * @throws io.tarn.core.error.AwsException for a malformed claim
     */
    public static @Nullable SignatureClaim parse(Map<String, List<String>> headers, Map<String, List<String>> query,
            Protocol protocol, @Nullable String sigV2Resource) {
        List<String> values = headers.get("authorization");
        String authorization = values == null || values.isEmpty() ? null : values.get(0).trim();
        if (protocol == Protocol.REST_XML) {
            checkOneMechanism(authorization, query);
        }
        if (sigV2Resource != null) {
            if (authorization != null && authorization.startsWith(SigV2Parser.SCHEME + " ")) {
                return SigV2Parser.fromHeader(authorization, headers, sigV2Resource);
            }
            if (authorization == null && !query.containsKey("X-Amz-Algorithm") && SigV2Parser.inQuery(query)) {
                return SigV2Parser.fromQuery(query, headers, sigV2Resource);
            }
        }
        return SigV4Parser.parse(headers, query, protocol);
    }

    private static void checkOneMechanism(@Nullable String authorization, Map<String, List<String>> query) {
        int mechanisms = (authorization != null ? 1 : 0) + (query.containsKey("X-Amz-Algorithm") ? 1 : 0)
                + (SigV2Parser.inQuery(query) ? 1 : 0);
        if (mechanisms > 1) {
            throw MalformedSignature.invalidAuthorization("Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                    + "parameter, Signature query string parameter or the Authorization header should be specified",
                    authorization != null ? authorization : "");
        }
    }
}
