package io.tarn.core.http;

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
 */
public record RequestHead(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> query,
        Map<String, List<String>> headers) {

    public @Nullable String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public @Nullable String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
