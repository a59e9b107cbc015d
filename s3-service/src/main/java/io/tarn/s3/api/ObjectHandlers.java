package io.tarn.s3.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.BodySink;
import io.tarn.core.spi.BodySource;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.ObjectEncryption;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.analytics.AccessRecorder;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.ObjectReader;
import io.tarn.s3.engine.Preconditions;
import io.tarn.s3.engine.encryption.CustomerKey;
import io.tarn.s3.engine.restore.RestoreEngine;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.StoredPart;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** PutObject, GetObject, HeadObject and DeleteObject. */
final class ObjectHandlers {

    private static final long SEND_WHOLE_UP_TO = 256 * 1024;

    private final BucketEngine buckets;
    private final ObjectEngine objects;
    private final RestoreEngine restores;
    private final LifecycleHandlers lifecycle;
    /** Told of every GET's bytes: storage class analysis (engine/analytics); null when it is not running. */
    private volatile @Nullable AccessRecorder gets;

    /** How DeleteObjects authorizes each key (a refused key is an error entry of the answer, as in S3). */
    @FunctionalInterface
    interface KeyAccess {
        KeyAccess ANYONE = (call, key, versionId) -> { };

        void check(S3Call call, String key, @org.jspecify.annotations.Nullable String versionId);
    }

    private final KeyAccess deleteAccess;

    ObjectHandlers(BucketEngine buckets, ObjectEngine objects, RestoreEngine restores, LifecycleHandlers lifecycle) {
        this(buckets, objects, restores, lifecycle, KeyAccess.ANYONE);
    }

    ObjectHandlers(BucketEngine buckets, ObjectEngine objects, RestoreEngine restores, LifecycleHandlers lifecycle,
            KeyAccess deleteAccess) {
        this.buckets = buckets;
        this.objects = objects;
        this.restores = restores;
        this.lifecycle = lifecycle;
        this.deleteAccess = deleteAccess;
    }

    BodySink put(S3Call call) {
        EncryptionHeaders.write(call); // the encryption headers are checked before the bucket, as S3 does
        BucketMeta bucket = buckets.require(call.bucket());
        UploadBody body = UploadBody.of(call);
        if (body.declaredLength() > S3Limits.MAX_PUT_BYTES) {
            throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size")
                    .with("ProposedSize", Long.toString(body.declaredLength())).with("MaxSizeAllowed", Long.toString(S3Limits.MAX_PUT_BYTES));
        }
        ObjectAttributes attributes = ObjectHeaders.attributes(call, bucket, true);
        ObjectLockHeaders.requireDigest(objects.objectLock(), call.bucket(), attributes.lock(), body.integrity(), call, "Put Object");
        ObjectEngine.PendingPut put = objects.beginPut(call.bucket(), call.key(), attributes, writeCondition(call), body.integrity());
        return Uploads.sink(body, put, trailer -> {
            ObjectVersion v = put.commit(trailer);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("etag", v.etag());
            EncryptionHeaders.answer(headers, v.sse(), attributes.encryption() == null ? null : attributes.encryption().customerKey(), true);
            ObjectHeaders.putChecksum(headers, v);
            lifecycle.addExpiration(headers, call.bucket(), v);
            return ObjectHeaders.withVersionId(S3Call.empty(200, headers), v);
        });
    }

    private boolean isCurrent(S3Call call, ObjectVersion v) {
        try {
            return objects.resolve(call.bucket(), call.key(), null).seq() == v.seq();
        } catch (AwsException gone) {
            return false;
        }
    }

    static WriteCondition writeCondition(S3Call call) {
        String ifNoneMatch = call.header("if-none-match");
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            throw ObjectHeaders.notImplemented("If-None-Match");
        }
        return new WriteCondition(call.header("if-match"), ifNoneMatch);
    }

    /** Counts each GET's bytes for storage class analysis. */
    void countGets(AccessRecorder recorder) {
        this.gets = recorder;
    }

    ServiceResponse get(S3Call call) {
        return read(call, false);
    }

    ServiceResponse head(S3Call call) {
        return read(call, true);
    }

    private ServiceResponse read(S3Call call, boolean headOnly) {
        CustomerKey customerKey = EncryptionHeaders.read(call);
        BucketMeta bucket = buckets.require(call.bucket());
        ObjectVersion v = readable(objects, call, headOnly ? "HEAD" : "GET");
        if (!headOnly) {
            restores.checkReadable(v); // archived until restored; HEAD shows x-amz-restore instead
        }
        ObjectEncryption.checkCustomerKey(v.sse(), customerKey); // HEAD too: an SSE-C object's metadata needs its key
        new Preconditions(call.header("if-match"), call.header("if-none-match"), call.header("if-modified-since"),
                call.header("if-unmodified-since")).check(v, false);
        Map<String, String> headers = ObjectHeaders.of(v, call, bucket.versioning() != null);
        restores.header(v).ifPresent(restore -> headers.put("x-amz-restore", restore));
        restores.archiveStatus(v).ifPresent(tier -> headers.put("x-amz-archive-status", tier));
        if (call.query("versionId") == null || isCurrent(call, v)) {
            lifecycle.addExpiration(headers, call.bucket(), v); // a rule's Expiration applies to the current version only
        }
        String rangeHeader = call.header("range");
        boolean checksumMode = "ENABLED".equalsIgnoreCase(call.header("x-amz-checksum-mode"));
        String partNumber = call.query("partNumber");
        ByteRange range = null;
        if (partNumber != null) {
            if (rangeHeader != null) {
                throw S3Errors.INVALID_REQUEST.exception("Cannot specify both Range header and partNumber query parameter");
            }
            int part = call.intQuery("partNumber", 1);
            range = partRange(v, part);
            headers.put("x-amz-mp-parts-count", Integer.toString(v.parts().size()));
            if (checksumMode) {
                putPartChecksum(headers, v, part);
            }
        } else if (rangeHeader != null) {
            range = ByteRange.parse(rangeHeader, v.size());
        }
        if (range == null && checksumMode) {
            ObjectHeaders.putChecksum(headers, v);
        }
        int status = range == null ? 200 : 206;
        long offset = range == null ? 0 : range.first();
        long length = range == null ? v.size() : range.length();
        if (range != null) {
            headers.put("content-range", range.contentRange(v.size()));
        }
        headers.put("content-length", Long.toString(length));
        AccessRecorder recorder = gets;
        if (!headOnly && recorder != null) {
            recorder.recordGet(call.bucket(), v, length);
        }
        if (headOnly || length == 0) {
            return S3Call.empty(status, headers);
        }
        ObjectReader reader = objects.open(v, offset, length, customerKey);
        if (length <= SEND_WHOLE_UP_TO) {
            return new ServiceResponse(status, headers, readAll(reader, (int) length));
        }
        return ServiceResponse.streaming(status, headers, new BodySource() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public @Nullable ByteBuffer next() {
                return reader.next();
            }

            @Override
            public void close() {
                reader.close();
            }
        });
    }

    /** Small answers are read whole: one write instead of a streamed body's hand-offs between threads. */
    private static byte[] readAll(ObjectReader reader, int length) {
        try (reader) {
            ByteBuffer all = ByteBuffer.allocate(length);
            for (ByteBuffer chunk = reader.next(); chunk != null; chunk = reader.next()) {
                all.put(chunk);
            }
            return all.array();
        }
    }

    /**
     * The checksum of one part, as S3 answers a GET or HEAD with partNumber: a composite object's
     * part has its own checksum (the part's bytes, so a client can check them); a full-object
     * checksum covers every part, so it is given only when the one part is the whole object.
     */
    private static void putPartChecksum(Map<String, String> headers, ObjectVersion v, int part) {
        if (v.checksum() == null) {
            return;
        }
        boolean composite = v.checksum().type().equals("COMPOSITE") && v.etag().contains("-");
        if (composite && v.parts().get(part - 1).checksum() != null) {
            headers.put("x-amz-checksum-" + v.checksum().algorithm().toLowerCase(Locale.ROOT), v.parts().get(part - 1).checksum());
            headers.put("x-amz-checksum-type", "COMPOSITE");
        } else if (!composite && v.parts().size() == 1) {
            ObjectHeaders.putChecksum(headers, v);
        }
    }

    private static ByteRange partRange(ObjectVersion v, int partNumber) {
        if (partNumber < 1 || partNumber > v.parts().size()) {
            throw S3Errors.INVALID_PART_NUMBER.exception("The requested partnumber is not satisfiable")
                    .with("PartNumberRequested", Integer.toString(partNumber))
                    .with("ActualPartCount", Integer.toString(v.parts().size()));
        }
        long first = 0;
        for (int i = 0; i < partNumber - 1; i++) {
            first += v.parts().get(i).size();
        }
        StoredPart p = v.parts().get(partNumber - 1);
        return new ByteRange(first, first + p.size() - 1);
    }

    /** The version a read names (latest, or ?versionId=); a delete marker is answered with its error. */
    static ObjectVersion readable(ObjectEngine objects, S3Call call, String method) {
        String versionId = call.query("versionId");
        ObjectVersion v = call.addressed() != null ? call.addressed() : objects.resolve(call.bucket(), call.key(), versionId);
        if (v.deleteMarker()) {
            throw deleteMarker(v, versionId != null, method);
        }
        return v;
    }

    /** A GET or HEAD that found a delete marker: 404 for the latest version, 405 for a named one. */
    static AwsException deleteMarker(ObjectVersion marker, boolean named, String method) {
        AwsException error = named
                ? S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.")
                        .with("Method", method).with("ResourceType", "DeleteMarker")
                        .withHeader("last-modified", ObjectHeaders.HTTP_DATE.format(marker.lastModified()))
                        .withHeader("allow", "DELETE")
                : S3Errors.NO_SUCH_KEY.exception("The specified key does not exist.").with("Key", marker.key());
        return error.withHeader("x-amz-delete-marker", "true").withHeader("x-amz-version-id", marker.versionId());
    }

    ServiceResponse delete(S3Call call) {
        for (String directoryBucketOnly : List.of("x-amz-if-match-last-modified-time", "x-amz-if-match-size")) {
            if (call.header(directoryBucketOnly) != null) {
                throw ObjectHeaders.notImplemented(directoryBucketOnly);
            }
        }
        ObjectEngine.Deleted deleted = objects.delete(call.bucket(), call.key(), call.query("versionId"), call.account(),
                new WriteCondition(call.header("if-match"), null), ObjectLockHeaders.bypassGovernance(call));
        Map<String, String> headers = new LinkedHashMap<>();
        if (deleted.deleteMarker()) {
            headers.put("x-amz-delete-marker", "true");
        }
        if (deleted.versionId() != null) {
            headers.put("x-amz-version-id", deleted.versionId());
        }
        return S3Call.empty(204, headers);
    }

    /** DeleteObjects: up to 1,000 keys, errors per key, quiet mode reporting only the errors. */
    ServiceResponse deleteObjects(S3Call call) {
        buckets.require(call.bucket());
        io.tarn.s3.api.xml.S3XmlReader doc = io.tarn.s3.api.xml.S3XmlReader.parse(call.request().body(), "Delete");
        boolean quiet = "true".equalsIgnoreCase(doc.text("Quiet"));
        var targets = doc.children("Object");
        if (targets.isEmpty() || targets.size() > S3Limits.MAX_DELETE_OBJECTS) {
            throw io.tarn.s3.api.xml.S3XmlReader.malformed();
        }
        boolean bypassGovernance = ObjectLockHeaders.bypassGovernance(call);
        XmlWriter xml = new XmlWriter().start("DeleteResult", S3Call.XMLNS);
        for (var target : targets) {
            String key = target.text("Key");
            if (key == null) {
                throw io.tarn.s3.api.xml.S3XmlReader.malformed();
            }
            String versionId = target.text("VersionId");
            try {
                if (target.text("LastModifiedTime") != null || target.text("Size") != null) { // directory buckets only
                    throw ObjectHeaders.notImplemented(target.text("Size") != null ? "Size" : "LastModifiedTime");
                }
                deleteAccess.check(call, key, versionId);
                ObjectEngine.Deleted d = objects.delete(call.bucket(), key, versionId, call.account(),
                        new WriteCondition(target.text("ETag"), null), bypassGovernance);
                if (!quiet) {
                    xml.start("Deleted").element("Key", key).element("VersionId", versionId);
                    if (d.deleteMarker()) {
                        xml.element("DeleteMarker", "true").element("DeleteMarkerVersionId", d.versionId());
                    }
                    xml.end();
                }
            } catch (io.tarn.core.error.AwsException e) {
                xml.start("Error").element("Key", key).element("VersionId", versionId).element("Code", e.code())
                        .element("Message", e.getMessage()).end();
            }
        }
        return S3Call.ok(xml.end());
    }
}
