package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.BodySink;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.MultipartEngine;
import io.tarn.s3.engine.MultipartEngine.CompletedPart;
import io.tarn.s3.engine.ObjectEncryption;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.checksum.ChecksumAlgorithm;
import io.tarn.s3.engine.encryption.CustomerKey;
import io.tarn.s3.model.ObjectSse;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.CompletedUpload;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.UploadedPart;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload and ListParts. */
final class MultipartHandlers {

    private final BucketEngine buckets;
    private final ObjectEngine objects;
    private final MultipartEngine uploads;
    private final LifecycleHandlers lifecycle;

    MultipartHandlers(BucketEngine buckets, ObjectEngine objects, MultipartEngine uploads, LifecycleHandlers lifecycle) {
        this.buckets = buckets;
        this.objects = objects;
        this.uploads = uploads;
        this.lifecycle = lifecycle;
    }

    ServiceResponse create(S3Call call) {
        EncryptionHeaders.write(call); // the encryption headers are checked before the bucket, as S3 does
        BucketMeta bucket = buckets.require(call.bucket());
        String algorithmName = call.header("x-amz-checksum-algorithm");
        ChecksumAlgorithm algorithm = null;
        if (algorithmName != null) {
            algorithm = ChecksumAlgorithm.fromWire(algorithmName);
            if (algorithm == null) {
                throw S3Errors.INVALID_REQUEST.exception("Checksum algorithm provided is unsupported.");
            }
        }
        String type = call.header("x-amz-checksum-type");
        if (type != null && !type.equals("COMPOSITE") && !type.equals("FULL_OBJECT")) {
            throw S3Errors.INVALID_REQUEST.exception("Value for x-amz-checksum-type header is invalid.");
        }
        ObjectEngine.ObjectAttributes attributes = ObjectHeaders.attributes(call, bucket, true);
        MultipartUpload upload = uploads.create(call.bucket(), call.key(), attributes, algorithm, type);
        ServiceResponse response = S3Call.ok(new XmlWriter().start("InitiateMultipartUploadResult", S3Call.XMLNS)
                .element("Bucket", call.bucket()).element("Key", call.key()).element("UploadId", upload.uploadId()).end());
        EncryptionHeaders.answer(response, upload.sse(), attributes.encryption() == null ? null : attributes.encryption().customerKey(),
                true);
        lifecycle.addAbort(response, call.bucket(), call.key(), upload.initiated());
        if (upload.checksumAlgorithm() != null) {
            response.withHeader("x-amz-checksum-algorithm", upload.checksumAlgorithm());
            response.withHeader("x-amz-checksum-type", upload.checksumType());
        }
        return response;
    }

    BodySink uploadPart(S3Call call) {
        CustomerKey customerKey = EncryptionHeaders.customerKey(call, false);
        int partNumber = partNumber(call);
        UploadBody body = UploadBody.of(call);
        MultipartEngine.PendingPart part = uploads.beginPart(call.bucket(), call.key(), call.query("uploadId"), partNumber,
                body.integrity(), customerKey);
        try {
            ObjectLockHeaders.requireDigest(objects.objectLock(), call.bucket(), part.upload().lock(), body.integrity(), call, "Put Part");
        } catch (RuntimeException e) {
            part.abort();
            throw e;
        }
        return Uploads.sink(body, part, trailer -> {
            UploadedPart p = part.commit(trailer);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("etag", '"' + p.stored().etag() + '"');
            EncryptionHeaders.answer(headers, part.upload().sse(), customerKey, false);
            if (p.stored().checksum() != null && body.integrity().algorithm() != null) {
                headers.put(body.integrity().algorithm().headerName(), p.stored().checksum());
            }
            return S3Call.empty(200, headers);
        });
    }

    private static int partNumber(S3Call call) {
        String value = call.query("partNumber");
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            MultipartEngine.checkPartNumber(n);
            return n;
        } catch (NumberFormatException e) {
            throw S3Errors.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive")
                    .with("ArgumentName", "partNumber").with("ArgumentValue", String.valueOf(value));
        }
    }

    ServiceResponse uploadPartCopy(S3Call call) {
        CustomerKey customerKey = EncryptionHeaders.customerKey(call, false);
        CustomerKey sourceKey = EncryptionHeaders.customerKey(call, true);
        int partNumber = partNumber(call);
        MultipartUpload upload = uploads.require(call.bucket(), call.key(), call.query("uploadId"));
        ObjectVersion source = CopySource.resolve(call, objects);
        ObjectEncryption.checkCustomerKey(source.sse(), sourceKey);
        long offset = 0;
        long length = source.size();
        String range = call.header("x-amz-copy-source-range");
        if (range != null) {
            ByteRange r = ByteRange.parse(range, source.size());
            if (r == null || !range.trim().matches("bytes=\\d+-\\d+")) {
                throw S3Errors.INVALID_ARGUMENT.exception("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
                        .with("ArgumentName", "x-amz-copy-source-range").with("ArgumentValue", range);
            }
            if (r.last() >= source.size() || Long.parseLong(range.replaceAll(".*-", "").trim()) >= source.size()) {
                throw S3Errors.INVALID_RANGE.exception("The requested range is not satisfiable")
                        .with("RangeRequested", range).with("ActualObjectSize", Long.toString(source.size()))
                        .withHeader("content-range", "bytes */" + source.size());
            }
            offset = r.first();
            length = r.length();
        }
        UploadedPart p = uploads.copyPart(call.bucket(), call.key(), call.query("uploadId"), partNumber, source, sourceKey, offset,
                length, customerKey);
        XmlWriter xml = new XmlWriter().start("CopyPartResult", S3Call.XMLNS)
                .element("ETag", '"' + p.stored().etag() + '"').element("LastModified", S3Call.isoDate(p.lastModified()));
        if (upload.checksumAlgorithm() != null) {
            xml.element("Checksum" + upload.checksumAlgorithm(), p.stored().checksum());
        }
        ServiceResponse response = S3Call.ok(xml.end());
        EncryptionHeaders.answer(response, upload.sse(), customerKey, false);
        String sourceVersion = CopySource.sourceVersionId(source);
        if (sourceVersion != null) {
            response.withHeader("x-amz-copy-source-version-id", sourceVersion);
        }
        return response;
    }

    ServiceResponse complete(S3Call call) {
        String uploadId = call.query("uploadId");
        MultipartUpload upload = uploads.find(call.bucket(), call.key(), uploadId); // null: completed (a retry?) or unknown
        S3XmlReader doc = S3XmlReader.parse(call.request().body(), "CompleteMultipartUpload");
        String type = call.header("x-amz-checksum-type");
        if (upload != null && upload.checksumType() != null && type != null && !type.equals(upload.checksumType())) {
            throw S3Errors.INVALID_REQUEST.exception(
                    "The upload was created using the %s checksum mode. The complete request must use the same checksum mode.",
                    upload.checksumType());
        }
        String algorithm = upload == null ? null : upload.checksumAlgorithm();
        String checksumElement = algorithm == null ? null : "Checksum" + algorithm;
        List<CompletedPart> parts = new ArrayList<>();
        for (S3XmlReader p : doc.children("Part")) {
            String number = p.text("PartNumber");
            if (number == null) {
                throw S3XmlReader.malformed();
            }
            try {
                parts.add(new CompletedPart(Integer.parseInt(number.trim()), p.text("ETag"),
                        checksumElement == null ? null : p.text(checksumElement)));
            } catch (NumberFormatException e) {
                throw S3XmlReader.malformed();
            }
        }
        String expected = algorithm == null ? null : call.header("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT));
        CompletedUpload done = uploads.complete(call.bucket(), call.key(), uploadId, parts, ObjectHandlers.writeCondition(call),
                expected, mpObjectSize(call));
        XmlWriter xml = new XmlWriter().start("CompleteMultipartUploadResult", S3Call.XMLNS)
                .element("Location", "/" + call.bucket() + "/" + call.key())
                .element("Bucket", call.bucket()).element("Key", call.key()).element("ETag", done.etag());
        if (done.checksum() != null) {
            xml.element("Checksum" + done.checksum().algorithm(), done.checksum().value())
                    .element("ChecksumType", done.checksum().type());
        }
        ServiceResponse response = S3Call.ok(xml.end());
        ObjectSse sse = upload != null ? upload.sse() : completedSse(call, done);
        if (sse == null || !sse.customerKey()) { // S3's answer to a completion has no SSE-C headers
            EncryptionHeaders.answer(response, sse, null, false);
        }
        if (!done.isNullVersion()) {
            response.withHeader("x-amz-version-id", done.versionId());
        }
        return response;
    }

    /** The encryption of the object a completion made, for a retried completion (whose upload is gone). */
    private @Nullable ObjectSse completedSse(S3Call call, CompletedUpload done) {
        try {
            return objects.resolve(call.bucket(), call.key(), done.versionId()).sse();
        } catch (io.tarn.core.error.AwsException gone) {
            return null;
        }
    }

    /** {@code x-amz-mp-object-size}: the size the client expects the object to have; checked against the parts' total. */
    private static @Nullable Long mpObjectSize(S3Call call) {
        String value = call.header("x-amz-mp-object-size");
        if (value == null) {
            return null;
        }
        try {
            long size = Long.parseLong(value.trim());
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw S3Errors.INVALID_ARGUMENT.exception("The value of x-amz-mp-object-size must be a non-negative integer")
                .with("ArgumentName", "x-amz-mp-object-size").with("ArgumentValue", value);
    }

    ServiceResponse abort(S3Call call) {
        uploads.abort(call.bucket(), call.key(), call.query("uploadId"));
        return S3Call.empty(204);
    }

    ServiceResponse listParts(S3Call call) {
        String uploadId = call.query("uploadId");
        MultipartUpload upload = uploads.require(call.bucket(), call.key(), uploadId);
        int max = ListingHandlers.maxKeys(call, "max-parts");
        int marker = call.intQuery("part-number-marker", 0);
        List<UploadedPart> parts = uploads.parts(uploadId, marker, max + 1);
        boolean truncated = parts.size() > max;
        if (truncated) {
            parts = parts.subList(0, max);
        }
        XmlWriter xml = new XmlWriter().start("ListPartsResult", S3Call.XMLNS)
                .element("Bucket", call.bucket()).element("Key", call.key()).element("UploadId", uploadId)
                .element("PartNumberMarker", marker)
                .element("NextPartNumberMarker", parts.isEmpty() ? marker : parts.get(parts.size() - 1).partNumber())
                .element("MaxParts", max).element("IsTruncated", truncated)
                .start("Initiator").element("ID", Acls.canonicalId(upload.owner())).end()
                .start("Owner").element("ID", Acls.canonicalId(upload.owner())).end()
                .element("StorageClass", upload.storageClass());
        if (upload.checksumAlgorithm() != null) {
            xml.element("ChecksumAlgorithm", upload.checksumAlgorithm()).element("ChecksumType", upload.checksumType());
        }
        for (UploadedPart p : parts) {
            xml.start("Part").element("PartNumber", p.partNumber()).element("LastModified", S3Call.isoDate(p.lastModified()))
                    .element("ETag", '"' + p.stored().etag() + '"').element("Size", p.stored().size());
            if (upload.checksumAlgorithm() != null) {
                xml.element("Checksum" + upload.checksumAlgorithm(), p.stored().checksum());
            }
            xml.end();
        }
        ServiceResponse response = S3Call.ok(xml.end());
        lifecycle.addAbort(response, call.bucket(), call.key(), upload.initiated());
        return response;
    }
}
