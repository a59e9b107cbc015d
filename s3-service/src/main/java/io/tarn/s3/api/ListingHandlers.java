package io.tarn.s3.api;

import io.tarn.core.paging.PageTokens;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.engine.ListingEngine;
import io.tarn.s3.engine.ListingEngine.Listing;
import io.tarn.s3.engine.ListingEngine.VersionEntry;
import io.tarn.s3.engine.restore.RestoreEngine;
import io.tarn.s3.model.ListedVersion;
import io.tarn.s3.model.MultipartUpload;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** ListObjects, ListObjectsV2, ListObjectVersions and ListMultipartUploads. */
final class ListingHandlers {

    private final ListingEngine listings;
    private final ContinuationTokens tokens;
    private final RestoreEngine restores;

    ListingHandlers(ListingEngine listings, PageTokens tokens, RestoreEngine restores) {
        this.restores = restores;
        this.listings = listings;
        this.tokens = new ContinuationTokens(tokens);
    }

    ServiceResponse listV1(S3Call call) {
        Encoder enc = Encoder.of(call);
        String prefix = nonNull(call.query("prefix"));
        String delimiter = delimiter(call);
        String marker = call.query("marker");
        int max = maxKeys(call, "max-keys");
        Listing<ListedVersion> page = listings.objects(call.bucket(), prefix, delimiter, marker, max);
        XmlWriter xml = new XmlWriter().start("ListBucketResult", S3Call.XMLNS)
                // v1 encodes Key, Marker, NextMarker, Delimiter and common prefixes, not Prefix (what botocore decodes)
                .element("Name", call.bucket()).element("Prefix", prefix).element("Marker", enc.apply(nonNull(marker)));
        if (page.truncated() && delimiter != null) {
            xml.element("NextMarker", enc.apply(page.nextMarker()));
        }
        xml.element("MaxKeys", max).element("Delimiter", enc.apply(delimiter)).element("IsTruncated", page.truncated());
        contents(xml, page, enc, true, wantsRestoreStatus(call));
        xml.element("EncodingType", enc.type());
        return S3Call.ok(xml.end());
    }

    ServiceResponse listV2(S3Call call) {
        Encoder enc = Encoder.of(call);
        String prefix = nonNull(call.query("prefix"));
        String delimiter = delimiter(call);
        String token = call.query("continuation-token");
        String startAfter = call.query("start-after");
        int max = maxKeys(call, "max-keys");
        String scope = "ListObjectsV2\n" + call.bucket() + "\n" + prefix;
        String after = token != null ? tokens.open(scope, token) : startAfter;
        Listing<ListedVersion> page = listings.objects(call.bucket(), prefix, delimiter, after, max);
        XmlWriter xml = new XmlWriter().start("ListBucketResult", S3Call.XMLNS)
                .element("Name", call.bucket()).element("Prefix", enc.apply(prefix));
        if (startAfter != null) {
            xml.element("StartAfter", enc.apply(startAfter));
        }
        if (token != null) {
            xml.element("ContinuationToken", token);
        }
        if (page.truncated()) {
            xml.element("NextContinuationToken", tokens.issue(scope, page.nextMarker()));
        }
        xml.element("KeyCount", page.items().size() + page.commonPrefixes().size()).element("MaxKeys", max)
                .element("Delimiter", enc.apply(delimiter)).element("IsTruncated", page.truncated());
        contents(xml, page, enc, "true".equals(call.query("fetch-owner")), wantsRestoreStatus(call));
        xml.element("EncodingType", enc.type());
        return S3Call.ok(xml.end());
    }

    /** {@code x-amz-optional-object-attributes: RestoreStatus}, the one optional attribute S3 defines. */
    private static boolean wantsRestoreStatus(S3Call call) {
        String asked = call.header("x-amz-optional-object-attributes");
        if (asked == null) {
            return false;
        }
        if (!asked.trim().equals("RestoreStatus")) {
            throw S3Errors.INVALID_ARGUMENT.exception("Invalid attribute name specified.")
                    .with("ArgumentName", "x-amz-optional-object-attributes").with("ArgumentValue", asked);
        }
        return true;
    }

    /** A listed archived object's restore, when it has one: in progress, or restored until its expiry. */
    private void restoreStatus(XmlWriter xml, ListedVersion v) {
        restores.active(v.storageClass(), v.seq()).ifPresent(r -> {
            xml.start("RestoreStatus").element("IsRestoreInProgress", r.inProgress());
            if (!r.inProgress()) {
                xml.element("RestoreExpiryDate", S3Call.isoDate(r.expiresAt()));
            }
            xml.end();
        });
    }

    private void contents(XmlWriter xml, Listing<ListedVersion> page, Encoder enc, boolean owner, boolean restoreStatus) {
        for (ListedVersion v : page.items()) {
            xml.start("Contents").element("Key", enc.apply(v.key())).element("LastModified", S3Call.isoDate(v.lastModified()))
                    .element("ETag", v.etag()).element("Size", v.size()).element("StorageClass", v.storageClass());
            if (v.checksum() != null) {
                xml.element("ChecksumAlgorithm", v.checksum().algorithm()).element("ChecksumType", v.checksum().type());
            }
            if (owner) {
                xml.start("Owner").element("ID", Acls.canonicalId(v.owner())).end();
            }
            if (restoreStatus) {
                restoreStatus(xml, v);
            }
            xml.end();
        }
        commonPrefixes(xml, page.commonPrefixes(), enc);
    }

    ServiceResponse listVersions(S3Call call) {
        Encoder enc = Encoder.of(call);
        String prefix = nonNull(call.query("prefix"));
        String delimiter = delimiter(call);
        String keyMarker = call.query("key-marker");
        String versionIdMarker = call.query("version-id-marker");
        if (versionIdMarker != null && !versionIdMarker.isEmpty() && (keyMarker == null || keyMarker.isEmpty())) {
            throw S3Errors.INVALID_ARGUMENT.exception("A version-id marker cannot be specified without a key marker.")
                    .with("ArgumentName", "version-id-marker").with("ArgumentValue", versionIdMarker);
        }
        int max = maxKeys(call, "max-keys");
        boolean restoreStatus = wantsRestoreStatus(call);
        Listing<VersionEntry> page = listings.versions(call.bucket(), prefix, delimiter, keyMarker, versionIdMarker, max);
        XmlWriter xml = new XmlWriter().start("ListVersionsResult", S3Call.XMLNS)
                .element("Name", call.bucket()).element("Prefix", enc.apply(prefix))
                .element("KeyMarker", enc.apply(nonNull(keyMarker))).element("VersionIdMarker", nonNull(versionIdMarker));
        if (page.truncated()) {
            xml.element("NextKeyMarker", enc.apply(page.nextMarker()));
            if (page.nextMarkerItem() != null) {
                xml.element("NextVersionIdMarker", page.nextMarkerItem().version().versionId());
            }
        }
        xml.element("MaxKeys", max).element("Delimiter", enc.apply(delimiter)).element("IsTruncated", page.truncated());
        for (VersionEntry e : page.items()) {
            ListedVersion v = e.version();
            xml.start(v.deleteMarker() ? "DeleteMarker" : "Version").element("Key", enc.apply(v.key()))
                    .element("VersionId", v.versionId()).element("IsLatest", e.latest())
                    .element("LastModified", S3Call.isoDate(v.lastModified()));
            if (!v.deleteMarker()) {
                xml.element("ETag", v.etag()).element("Size", v.size()).element("StorageClass", v.storageClass());
                if (v.checksum() != null) {
                    xml.element("ChecksumAlgorithm", v.checksum().algorithm()).element("ChecksumType", v.checksum().type());
                }
            }
            xml.start("Owner").element("ID", Acls.canonicalId(v.owner())).end();
            if (restoreStatus && !v.deleteMarker()) {
                restoreStatus(xml, v);
            }
            xml.end();
        }
        commonPrefixes(xml, page.commonPrefixes(), enc);
        xml.element("EncodingType", enc.type());
        return S3Call.ok(xml.end());
    }

    ServiceResponse listUploads(S3Call call) {
        Encoder enc = Encoder.of(call);
        String prefix = nonNull(call.query("prefix"));
        String delimiter = delimiter(call);
        String keyMarker = call.query("key-marker");
        String uploadIdMarker = call.query("upload-id-marker");
        int max = maxKeys(call, "max-uploads");
        Listing<MultipartUpload> page = listings.uploads(call.bucket(), prefix, delimiter, keyMarker, uploadIdMarker, max);
        XmlWriter xml = new XmlWriter().start("ListMultipartUploadsResult", S3Call.XMLNS)
                .element("Bucket", call.bucket()).element("KeyMarker", enc.apply(nonNull(keyMarker)))
                .element("UploadIdMarker", nonNull(uploadIdMarker));
        if (page.truncated()) {
            xml.element("NextKeyMarker", enc.apply(page.nextMarker()));
            if (page.nextMarkerItem() != null) {
                xml.element("NextUploadIdMarker", page.nextMarkerItem().uploadId());
            }
        }
        xml.element("Prefix", enc.apply(prefix)).element("Delimiter", enc.apply(delimiter)).element("MaxUploads", max)
                .element("IsTruncated", page.truncated());
        for (MultipartUpload u : page.items()) {
            xml.start("Upload").element("Key", enc.apply(u.key())).element("UploadId", u.uploadId())
                    .start("Initiator").element("ID", Acls.canonicalId(u.owner())).end()
                    .start("Owner").element("ID", Acls.canonicalId(u.owner())).end()
                    .element("StorageClass", u.storageClass()).element("Initiated", S3Call.isoDate(u.initiated()));
            if (u.checksumAlgorithm() != null) {
                xml.element("ChecksumAlgorithm", u.checksumAlgorithm()).element("ChecksumType", u.checksumType());
            }
            xml.end();
        }
        commonPrefixes(xml, page.commonPrefixes(), enc);
        xml.element("EncodingType", enc.type());
        return S3Call.ok(xml.end());
    }

    private static void commonPrefixes(XmlWriter xml, java.util.List<String> prefixes, Encoder enc) {
        for (String p : prefixes) {
            xml.start("CommonPrefixes").element("Prefix", enc.apply(p)).end();
        }
    }

    /** {@code delimiter=} with no value is no delimiter, and is not echoed back, as S3 does. */
    private static @Nullable String delimiter(S3Call call) {
        String delimiter = call.query("delimiter");
        return delimiter == null || delimiter.isEmpty() ? null : delimiter;
    }

    static int maxKeys(S3Call call, String name) {
        return Math.min(call.intQuery(name, S3Limits.MAX_KEYS_PER_LIST), S3Limits.MAX_KEYS_PER_LIST);
    }

    private static String nonNull(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** {@code encoding-type=url}: keys, prefixes and delimiters URL-encoded in the answer. */
    record Encoder(@Nullable String type) {
        static Encoder of(S3Call call) {
            String type = call.query("encoding-type");
            if (type != null && !type.equals("url")) {
                throw S3Errors.INVALID_ARGUMENT.exception("Invalid Encoding Method specified in Request")
                        .with("ArgumentName", "encoding-type").with("ArgumentValue", type);
            }
            return new Encoder(type);
        }

        @Nullable String apply(@Nullable String value) {
            if (value == null || type == null) {
                return value;
            }
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/")
                    .replace("%7E", "~");
        }
    }
}
