package io.tarn.s3.api;

import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.core.spi.Caller;
import io.tarn.s3.model.BucketMeta;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The global and S3 context keys of one request (IAM's and S3's condition key references),
 * computed only when a policy reads them: building all two dozen for every request cost a GET
 * more than evaluating a 20-statement policy did. Keys arrive normalized (lower case, a tag key's
 * case kept after its {@code /}).
 *
 * @param bucket the bucket acted on, null for an action on no existing bucket (ListBuckets, CreateBucket)
 */
record RequestKeys(S3Call call, RequestPrincipal principal, @Nullable BucketMeta bucket) implements ContextKeys.Source {

    /** The request headers S3 offers as {@code s3:<header>} keys. */
    private static final Set<String> HEADER_KEYS = Set.of("x-amz-acl", "x-amz-copy-source", "x-amz-metadata-directive",
            "x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id",
            "x-amz-server-side-encryption-customer-algorithm", "x-amz-storage-class", "x-amz-grant-read", "x-amz-grant-write",
            "x-amz-grant-read-acp", "x-amz-grant-write-acp", "x-amz-grant-full-control", "x-amz-website-redirect-location",
            "x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold",
            "x-amz-content-sha256");
    private static final String REQUEST_TAG = "s3:requestobjecttag/";

    /** A context with these keys, to which the caller may still put others (s3:ExistingObjectTag/...). */
    static ContextKeys.Builder of(S3Call call, RequestPrincipal principal, @Nullable BucketMeta bucket) {
        return ContextKeys.builder().source(new RequestKeys(call, principal, bucket));
    }

    @Override
    public @Nullable List<String> values(String key) {
        if (key.startsWith(REQUEST_TAG)) {
            String value = requestTags().get(key.substring(REQUEST_TAG.length()));
            return value == null ? null : List.of(value);
        }
        if (key.equals("s3:requestobjecttagkeys")) {
            List<String> keys = new ArrayList<>(requestTags().keySet());
            return keys.isEmpty() ? null : keys;
        }
        if (key.startsWith("s3:x-amz-") && HEADER_KEYS.contains(key.substring(3))) {
            return one(call.header(key.substring(3)));
        }
        return one(single(key));
    }

    private @Nullable String single(String key) {
        switch (key) {
            case "aws:currenttime": return Second.of(call.request().context().now()).iso();
            case "aws:epochtime": return Second.of(call.request().context().now()).epoch();
            case "aws:useragent": return call.header("user-agent");
            case "aws:referer": return call.header("referer");
            case "aws:securetransport": return Boolean.toString(call.request().context().secureTransport());
            case "aws:sourceip": return call.request().context().sourceIp();
            case "s3:resourceaccount": return bucket == null ? null : bucket.owner();
            case "s3:versionid": return call.query("versionId");
            case "s3:prefix": return call.query("prefix"); // only listings take these parameters
            case "s3:delimiter": return call.query("delimiter");
            case "s3:max-keys": return call.query("max-keys");
            default: break;
        }
        if (principal.isAnonymous()) {
            return switch (key) {
                case "aws:principaltype" -> "Anonymous";
                case "aws:userid" -> "anonymous";
                default -> null;
            };
        }
        Caller caller = call.request().context().caller();
        return switch (key) {
            case "aws:principalaccount" -> principal.account();
            case "aws:principalarn" -> principal.arn();
            case "aws:userid" -> caller.userId();
            case "aws:principaltype" -> principal.kind() == RequestPrincipal.Kind.ROOT ? "Account"
                    : principal.kind() == RequestPrincipal.Kind.ROLE_SESSION ? "AssumedRole" : "User";
            case "aws:username" -> principal.kind() == RequestPrincipal.Kind.USER
                    ? principal.arn().substring(principal.arn().lastIndexOf('/') + 1) : null;
            case "s3:authtype" -> authType();
            case "s3:signatureversion" -> signatureVersion();
            default -> null;
        };
    }

    private static @Nullable List<String> one(@Nullable String value) {
        return value == null ? null : List.of(value);
    }

    /** s3:authType: how the request was signed. */
    private @Nullable String authType() {
        if (call.header("authorization") != null) {
            return "REST-HEADER";
        }
        return call.query("X-Amz-Signature") != null || call.query("Signature") != null ? "REST-QUERY-STRING" : null;
    }

    /** s3:signatureversion: AWS4-HMAC-SHA256 or (SigV2) AWS. */
    private @Nullable String signatureVersion() {
        String authorization = call.header("authorization");
        if (authorization != null) {
            return authorization.startsWith("AWS4-") ? "AWS4-HMAC-SHA256" : "AWS";
        }
        return call.query("X-Amz-Signature") != null ? "AWS4-HMAC-SHA256" : call.query("Signature") != null ? "AWS" : null;
    }

    /** s3:RequestObjectTag/<key> and s3:RequestObjectTagKeys from x-amz-tagging (a URL-encoded query string), in its order. */
    private java.util.Map<String, String> requestTags() {
        String tagging = call.header("x-amz-tagging");
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
        if (tagging == null || tagging.isEmpty()) {
            return tags;
        }
        for (String pair : tagging.split("&")) {
            int eq = pair.indexOf('=');
            tags.put(S3Address.decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : S3Address.decode(pair.substring(eq + 1)));
        }
        return tags;
    }

    /**
     * aws:CurrentTime and aws:EpochTime of one second: the last one asked is kept, so the two are
     * formatted once a second rather than at every request.
     */
    private record Second(long epochSecond, String iso, String epoch) {

        private static volatile Second last = new Second(Long.MIN_VALUE, "", "");

        static Second of(java.time.Instant now) {
            Second s = last;
            if (s.epochSecond() != now.getEpochSecond()) {
                s = new Second(now.getEpochSecond(), DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)),
                        Long.toString(now.getEpochSecond()));
                last = s;
            }
            return s;
        }
    }
}
