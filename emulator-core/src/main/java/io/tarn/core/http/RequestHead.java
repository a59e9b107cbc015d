package io.tarn.core.http;

import io.tarn.core.spi.ServiceRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The head of an HTTP request, decoded once: what routing and authentication read.
 *
 * @param rawPath the path as received (percent-encoded)
 * @param rawQuery the query string as received, without '?' (may be empty)
 * @param query decoded query parameters
 * @param headers lower-case names
 * @param secure whether the request came over TLS
 * @param sourceIp the client's address ({@code aws:SourceIp}), null when not known
 */
public record RequestHead(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        boolean secure,
        @Nullable String sourceIp) {

    /** A request that came over plain HTTP from an unknown address. */
    public RequestHead(String method, String rawPath, String rawQuery, Map<String, List<String>> query,
            Map<String, List<String>> headers) {
        this(method, rawPath, rawQuery, query, headers, false, null);
    }

    public RequestHead(String method, String rawPath, String rawQuery, Map<String, List<String>> query,
            Map<String, List<String>> headers, boolean secure) {
        this(method, rawPath, rawQuery, query, headers, secure, null);
    }

    public @Nullable String header(String lowerCaseName) {
        return ServiceRequest.first(headers, lowerCaseName);
    }

    public @Nullable String queryParam(String name) {
        return ServiceRequest.first(query, name);
    }
}
