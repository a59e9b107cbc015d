package io.tarn.glue.engine.crawler.layout;

import java.util.Locale;

/**
 * An include path, {@code s3://bucket/prefix}, split into its bucket and key prefix (without a
 * leading slash; a folder's keeps its trailing slash when given one).
 */
record S3Location(String bucket, String prefix) {

    private static final String SCHEME = "s3://";

    static S3Location parse(String path) {
        String trimmed = path.trim();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith(SCHEME) || trimmed.length() == SCHEME.length()) {
            throw new IllegalArgumentException("Not an S3 path: " + path);
        }
        String rest = trimmed.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The URI of a key in this bucket. */
    String uri(String key) {
        return SCHEME + bucket + "/" + key;
    }
}
