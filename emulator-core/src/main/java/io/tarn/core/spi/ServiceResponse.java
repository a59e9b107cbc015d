package io.tarn.core.spi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An answer to write back: status, headers, and a body either held in memory or, for large
 * bodies, a {@link BodySource} streamed to the client (then {@code body} is empty).
 */
public record ServiceResponse(int status, Map<String, String> headers, byte[] body, @Nullable BodySource stream) {

    private static final byte[] EMPTY = new byte[0];

    public ServiceResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    public static ServiceResponse of(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        return new ServiceResponse(status, headers, body);
    }

    public static ServiceResponse of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A response whose body streams from {@code source}; its length becomes the Content-Length. */
    public static ServiceResponse streaming(int status, Map<String, String> headers, BodySource source) {
        return new ServiceResponse(status, headers, EMPTY, source);
    }

    public ServiceResponse withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
