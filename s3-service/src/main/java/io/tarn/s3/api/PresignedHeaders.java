package io.tarn.s3.api;

import io.tarn.core.spi.ServiceRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * S3 takes the {@code x-amz-*} parameters of a presigned URL's query as the request's headers
 * (metadata, ACL, storage class, tagging...): a URL can carry what a browser could not send as
 * headers. Headers actually sent win; the signature's own parameters are not headers.
 */
final class PresignedHeaders {

    private static final String AMZ_PREFIX = "x-amz-";
    private static final Set<String> SIGNATURE_PARAMETERS = Set.of("x-amz-algorithm", "x-amz-credential", "x-amz-date",
            "x-amz-expires", "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token");

    private PresignedHeaders() {}

    static ServiceRequest apply(ServiceRequest request) {
        Map<String, List<String>> query = request.query();
        boolean presigned = query.containsKey("X-Amz-Signature")
                || query.containsKey("Signature") && query.containsKey("AWSAccessKeyId");
        if (!presigned) {
            return request;
        }
        Map<String, List<String>> headers = null;
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            String name = p.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(AMZ_PREFIX) && !SIGNATURE_PARAMETERS.contains(name) && !request.headers().containsKey(name)) {
                if (headers == null) {
                    headers = new LinkedHashMap<>(request.headers());
                }
                headers.put(name, List.copyOf(p.getValue()));
            }
        }
        return headers == null ? request : new ServiceRequest(request.context(), request.method(), request.path(), query,
                headers, request.body());
    }
}
