package io.tarn.s3.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One rule of a bucket's CORS configuration, as PutBucketCors gave it. */
public record CorsRule(
        @Nullable String id,
        List<String> allowedOrigins,
        List<String> allowedMethods,
        List<String> allowedHeaders,
        List<String> exposeHeaders,
        @Nullable Integer maxAgeSeconds) {

    public CorsRule {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    }
}
