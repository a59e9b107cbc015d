package io.tarn.core.spi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A decoded HTTP request, as a service handler sees it.
 *
 * @param context the request's id, namespace and caller
 * @param method upper-case HTTP method
 * @param path the raw (still percent-encoded) path
 * @param query decoded query parameters, in order
 * @param headers headers with lower-case names
 * @param body the request body, aggregated up to the service's limit
 */
public record ServiceRequest(
        RequestContext context,
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body) {

    public @Nullable String header(String lowerCaseName) {
        return first(headers, lowerCaseName);
    }

    public @Nullable String queryParam(String name) {
        return first(query, name);
    }

    /** The first value of {@code name} in a multi-valued map of headers or query parameters. */
    public static @Nullable String first(Map<String, List<String>> values, String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() ? null : all.get(0);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
