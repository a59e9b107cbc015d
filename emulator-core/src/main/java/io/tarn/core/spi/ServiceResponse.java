package io.tarn.core.spi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer to write back: status, headers and a body held in memory. */
public record ServiceResponse(int status, Map<String, String> headers, byte[] body) {

    public static ServiceResponse of(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        return new ServiceResponse(status, headers, body);
    }

    public static ServiceResponse of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public ServiceResponse withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
