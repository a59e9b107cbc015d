package io.tarn.glue.engine.crawler;

import io.tarn.glue.GlueErrors;
import org.jspecify.annotations.Nullable;

/** An S3 target's include path, {@code s3://bucket} or {@code s3://bucket/prefix}: its bucket and key prefix. */
public record S3Location(String bucket, String prefix) {

    private static final String SCHEME = "s3://";

    public static S3Location parse(@Nullable String path) {
        if (path == null || !path.startsWith(SCHEME) || path.length() == SCHEME.length()) {
            throw GlueErrors.INVALID_INPUT.exception("Invalid S3 target path: %s (expected s3://bucket/prefix)", path);
        }
        String rest = path.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash == 0) {
            throw GlueErrors.INVALID_INPUT.exception("Invalid S3 target path: %s (expected s3://bucket/prefix)", path);
        }
        return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The include path as a URI, the form table locations take. */
    public String uri() {
        return SCHEME + bucket + "/" + prefix;
    }

    /**
     * The key prefix whose objects the target covers: a path naming a folder covers what is under it
     * ({@code s3://b/data} covers {@code data/...}, never {@code database/...}); a path naming one object covers it alone.
     */
    public String folderPrefix() {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }
}
