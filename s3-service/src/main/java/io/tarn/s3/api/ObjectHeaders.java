package io.tarn.s3.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.engine.encryption.EncryptionRequest;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.ObjectVersion;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Object headers both ways: what a write stores from its request headers, and what a read answers. */
final class ObjectHeaders {

    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** Content headers S3 stores with an object and returns on GET and HEAD. */
    static final List<String> STORED = List.of("content-type", "cache-control", "content-disposition", "content-encoding",
            "content-language", "expires", "x-amz-website-redirect-location");
    /**
     * Storage classes of a general purpose bucket: stored and reported, as on AWS. GLACIER and
     * DEEP_ARCHIVE objects refuse reads until restored (engine.restore).
     */
    static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
            "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE");
    /** Headers of features not built (appends to directory buckets): refused, never ignored. */
    private static final List<String> NOT_BUILT = List.of("x-amz-write-offset-bytes");
    private static final String META = "x-amz-meta-";

    private ObjectHeaders() {}

    /** What a PutObject, CopyObject (with REPLACE) or CreateMultipartUpload stores besides the bytes. */
    static ObjectAttributes attributes(S3Call call, BucketMeta bucket, boolean withTags) {
        for (String header : NOT_BUILT) {
            if (call.header(header) != null) {
                throw notImplemented(header);
            }
        }
        EncryptionRequest encryption = EncryptionHeaders.write(call);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : STORED) {
            String value = call.header(name);
            if (name.equals("content-encoding") && value != null) {
                value = withoutAwsChunked(value);
            }
            if (value != null && !value.isEmpty()) {
                headers.put(name, value);
            }
        }
        headers.putIfAbsent("content-type", "binary/octet-stream");
        String storageClass = storageClass(call);
        String tagging = call.header("x-amz-tagging");
        Map<String, String> tags = withTags && tagging != null ? Tags.fromHeader(tagging, S3Limits.MAX_OBJECT_TAGS) : Map.of();
        String owner = Acls.objectOwner(call, bucket);
        AccessControl acl = Acls.fromHeaders(call, owner, bucket.owner());
        Acls.checkEnforced(bucket, acl);
        return new ObjectAttributes(owner, storageClass, headers, userMetadata(call), tags, acl,
                ObjectLockHeaders.requested(call), encryption);
    }

    /** A header (or query parameter) for a feature Tarn has not built: refused, as S3 refuses what it does not implement. */
    static AwsException notImplemented(String header) {
        return S3Errors.NOT_IMPLEMENTED.exception("A header you provided implies functionality that is not implemented")
                .with("Header", header);
    }

    /**
     * The x-amz-storage-class of a write, STANDARD when absent. OUTPOSTS, SNOW, EXPRESS_ONEZONE
     * and the FSx classes belong to other kinds of bucket: InvalidStorageClass here, as on AWS.
     */
    static String storageClass(S3Call call) {
        String storageClass = call.header("x-amz-storage-class");
        if (storageClass == null) {
            return "STANDARD";
        }
        if (!STORAGE_CLASSES.contains(storageClass)) {
            throw S3Errors.INVALID_STORAGE_CLASS.exception("The storage class you specified is not valid")
                    .with("StorageClassRequested", storageClass);
        }
        return storageClass;
    }

    static Map<String, String> userMetadata(S3Call call) {
        Map<String, String> metadata = new LinkedHashMap<>();
        int size = 0;
        for (Map.Entry<String, List<String>> h : call.request().headers().entrySet()) {
            if (h.getKey().startsWith(META)) {
                String name = h.getKey().substring(META.length());
                String value = String.join(",", h.getValue());
                metadata.put(name, value);
                size += name.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (size > S3Limits.MAX_USER_METADATA_BYTES) {
            throw S3Errors.METADATA_TOO_LARGE.exception("Your metadata headers exceed the maximum allowed metadata size.")
                    .with("Size", Integer.toString(size)).with("MaxSizeAllowed", Integer.toString(S3Limits.MAX_USER_METADATA_BYTES));
        }
        return metadata;
    }

    /**
     * Content-Encoding as sent, byte for byte, but for the {@code aws-chunked} token that only
     * framed this upload's body (S3 drops it and keeps the rest, spacing included).
     */
    private static @Nullable String withoutAwsChunked(String encoding) {
        StringBuilder kept = new StringBuilder();
        boolean dropped = false;
        for (String e : encoding.split(",", -1)) {
            if (e.trim().equalsIgnoreCase("aws-chunked")) {
                dropped = true;
            } else {
                kept.append(kept.length() == 0 && dropped ? e.stripLeading() : (kept.length() == 0 ? e : "," + e));
            }
        }
        if (!dropped) {
            return encoding;
        }
        String rest = kept.toString();
        return rest.isBlank() ? null : rest;
    }

    /** The headers of a GET or HEAD of {@code v}, with the response-* overrides of {@code call}. */
    static Map<String, String> of(ObjectVersion v, S3Call call, boolean versioned) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("last-modified", HTTP_DATE.format(v.lastModified()));
        out.put("etag", v.etag());
        out.putAll(v.headers());
        v.metadata().forEach((k, val) -> out.put(META + k, val));
        out.put("accept-ranges", "bytes");
        EncryptionHeaders.answer(out, v.sse(), EncryptionHeaders.customerKey(call, false), false);
        if (!"STANDARD".equals(v.storageClass())) {
            out.put("x-amz-storage-class", v.storageClass());
        }
        if (versioned) {
            out.put("x-amz-version-id", v.versionId());
        }
        if (!v.tags().isEmpty()) {
            out.put("x-amz-tagging-count", Integer.toString(v.tags().size()));
        }
        ObjectLockHeaders.put(out, v.lock());
        for (String name : List.of("content-type", "content-language", "expires", "cache-control", "content-disposition",
                "content-encoding")) {
            String override = call.query("response-" + name);
            if (override != null) {
                out.put(name, override);
            }
        }
        return out;
    }

    /** A write's answer names the version it made, unless that is the null version. */
    static ServiceResponse withVersionId(ServiceResponse response, ObjectVersion v) {
        if (!v.isNullVersion()) {
            response.withHeader("x-amz-version-id", v.versionId());
        }
        return response;
    }

    static void putChecksum(Map<String, String> headers, ObjectVersion v) {
        if (v.checksum() != null) {
            headers.put("x-amz-checksum-" + v.checksum().algorithm().toLowerCase(Locale.ROOT), v.checksum().value());
            headers.put("x-amz-checksum-type", v.checksum().type());
        }
    }
}
