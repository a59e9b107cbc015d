package io.tarn.core.spi;

import java.util.List;
import java.util.Map;

/** A service's own admin endpoint under {@code /_tarn/<service>/<path>} (JSON in and out). */
@FunctionalInterface
public interface AdminRoute {

    /**
     * @param method upper-case HTTP method
     * @param query decoded query parameters
     * @param body the request body (JSON, may be empty)
     * @return the answer; errors as {@link io.tarn.core.error.AwsException}
     */
    ServiceResponse handle(String method, Map<String, List<String>> query, byte[] body);

    /** The key of a route that serves every sub-path no other route names ({@code /_tarn/firehose/<stream>}). */
    String ANY = "*";

    /** As above, told the sub-path: what a route under {@link #ANY} reads its resource from. */
    default ServiceResponse handle(String method, String path, Map<String, List<String>> query, byte[] body) {
        return handle(method, query, body);
    }
}
