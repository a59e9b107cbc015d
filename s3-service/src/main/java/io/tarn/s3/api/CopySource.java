package io.tarn.s3.api;

import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.Preconditions;
import io.tarn.s3.model.ObjectVersion;
import org.jspecify.annotations.Nullable;

/** The object {@code x-amz-copy-source} names ({@code bucket/key[?versionId=...]}, URL-encoded), resolved and its conditions checked. */
final class CopySource {

    private CopySource() {}

    /** What the header names: the source's bucket, key and version (null: the latest). */
    record Named(String bucket, String key, @Nullable String versionId) {}

    static Named named(S3Call call) {
        String header = call.header("x-amz-copy-source");
        if (header == null) {
            throw new IllegalStateException("routed as a copy without x-amz-copy-source");
        }
        String source = header;
        String versionId = null;
        int q = source.indexOf('?');
        if (q >= 0) {
            String query = source.substring(q + 1);
            source = source.substring(0, q);
            if (query.startsWith("versionId=")) {
                versionId = S3Address.decode(query.substring("versionId=".length()));
            }
        }
        if (call.header("x-amz-copy-source-version-id") != null) {
            versionId = call.header("x-amz-copy-source-version-id");
        }
        source = S3Address.decode(source);
        if (source.startsWith("/")) {
            source = source.substring(1);
        }
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw S3Errors.INVALID_ARGUMENT.exception("Invalid copy source object key").with("ArgumentName", "x-amz-copy-source")
                    .with("ArgumentValue", header);
        }
        return new Named(source.substring(0, slash), source.substring(slash + 1), versionId);
    }

    static ObjectVersion resolve(S3Call call, ObjectEngine objects) {
        Named named = named(call);
        String versionId = named.versionId();
        String expectedOwner = call.header("x-amz-source-expected-bucket-owner");
        if (expectedOwner != null && !objects.bucketOwner(named.bucket()).equals(expectedOwner.trim())) {
            throw S3Errors.ACCESS_DENIED.exception("Access Denied");
        }
        ObjectVersion v = objects.resolve(named.bucket(), named.key(), versionId);
        if (v.deleteMarker()) {
            throw versionId == null
                    ? S3Errors.NO_SUCH_KEY.exception("The specified key does not exist.").with("Key", v.key())
                    : S3Errors.INVALID_REQUEST.exception("The source of a copy request may not specifically refer to a delete marker by version id.");
        }
        new Preconditions(call.header("x-amz-copy-source-if-match"), call.header("x-amz-copy-source-if-none-match"),
                call.header("x-amz-copy-source-if-modified-since"), call.header("x-amz-copy-source-if-unmodified-since"))
                .check(v, true);
        return v;
    }

    /** Whether the copy source names a version ({@code ?versionId=}), rather than the latest. */
    static boolean namesVersion(S3Call call) {
        String header = call.header("x-amz-copy-source");
        return (header != null && header.contains("?versionId=")) || call.header("x-amz-copy-source-version-id") != null;
    }

    static String bucketOf(S3Call call) {
        String s = S3Address.decode(call.header("x-amz-copy-source"));
        s = s.startsWith("/") ? s.substring(1) : s;
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }

    /** The version id header of a copy's answer, when the source had a real one. */
    static @Nullable String sourceVersionId(ObjectVersion v) {
        return v.isNullVersion() ? null : v.versionId();
    }
}
