package io.tarn.s3.api;

import io.tarn.core.spi.BodySink;
import io.tarn.core.spi.ServiceResponse;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One row of S3's routing table: the method, whether the request names a bucket or an object,
 * the subresource query parameter it requires (null: none of S3's subresources may be present),
 * and a header it requires ({@code x-amz-copy-source} tells CopyObject from PutObject).
 */
record S3Route(String method, Target target, @Nullable String subresource, @Nullable String header, String operation,
        @Nullable Handler handler, @Nullable StreamingHandler streaming) {

    enum Target { SERVICE, BUCKET, OBJECT }

    @FunctionalInterface
    interface Handler {
        ServiceResponse handle(S3Call call);
    }

    @FunctionalInterface
    interface StreamingHandler {
        BodySink open(S3Call call);
    }

    /**
     * Every query parameter that selects another S3 operation (from S3's API model). A request
     * with one that no route claims answers NotImplemented, never the plain operation.
     */
    static final Set<String> SUBRESOURCES = Set.of("abac", "accelerate", "acl", "analytics", "attributes", "cors", "delete",
            "encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "list-type", "location", "logging",
            "metadataConfiguration", "metadataInventoryTable", "metadataJournalTable", "metadataTable", "metrics", "notification",
            "object-lock", "ownershipControls", "policy", "policyStatus", "publicAccessBlock", "renameObject", "replication",
            "requestPayment", "restore", "retention", "select", "session", "tagging", "torrent", "uploadId", "uploads",
            "versioning", "versions", "website");

    static S3Route of(String method, Target target, @Nullable String subresource, String operation, Handler handler) {
        return new S3Route(method, target, subresource, null, operation, handler, null);
    }

    static S3Route streaming(String method, Target target, @Nullable String subresource, String operation, StreamingHandler handler) {
        return new S3Route(method, target, subresource, null, operation, null, handler);
    }

    S3Route whenHeader(String name) {
        return new S3Route(method, target, subresource, name, operation, handler, streaming);
    }

    boolean matches(String requestMethod, Target requestTarget, Set<String> query, java.util.function.Predicate<String> hasHeader) {
        if (!method.equals(requestMethod) || target != requestTarget) {
            return false;
        }
        if (header != null && !hasHeader.test(header)) {
            return false;
        }
        if (subresource != null) {
            return query.contains(subresource);
        }
        for (String q : query) {
            if (SUBRESOURCES.contains(q)) {
                return false;
            }
        }
        return true;
    }
}
