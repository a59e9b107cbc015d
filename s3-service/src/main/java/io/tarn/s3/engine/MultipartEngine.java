package io.tarn.s3.engine;

import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.checksum.ChecksumAlgorithm;
import io.tarn.s3.engine.encryption.CustomerKey;
import io.tarn.s3.engine.checksum.MultipartChecksums;
import io.tarn.s3.model.CompletedUpload;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import io.tarn.s3.model.StoredChecksum;
import io.tarn.s3.model.StoredPart;
import io.tarn.s3.model.UploadedPart;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Multipart uploads: parts stream into the blob store under the upload's data key; completing
 * checks the part list and commits a version that points at the parts' blobs, so no byte is
 * copied or rewritten.
 */
public final class MultipartEngine {

    /** A part named in CompleteMultipartUpload. */
    public record CompletedPart(int partNumber, @Nullable String etag, @Nullable String checksum) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * How long a completed upload still answers a repeated CompleteMultipartUpload. AWS does not
     * document its window; SDK retries come within seconds, so an hour covers them with room.
     */
    static final Duration COMPLETED_KEPT = Duration.ofHours(1);

    private final Keyspace keyspace;
    private final ObjectEngine objects;
    private final BucketEngine buckets;

    public MultipartEngine(Keyspace keyspace, ObjectEngine objects, BucketEngine buckets) {
        this.keyspace = keyspace;
        this.objects = objects;
        this.buckets = buckets;
    }

    public MultipartUpload create(String bucket, String key, ObjectAttributes attributes, @Nullable ChecksumAlgorithm algorithm,
            @Nullable String checksumType) {
        buckets.require(bucket);
        ObjectEngine.checkKey(key);
        objects.objectLock().checkRequested(bucket, attributes.lock());
        String type = algorithm == null ? null : checksumType != null ? checksumType : defaultType(algorithm);
        if (algorithm != null && "FULL_OBJECT".equals(type) && !algorithm.isCrc()) {
            throw S3Errors.INVALID_REQUEST.exception("The FULL_OBJECT checksum type cannot be used with the %s checksum algorithm.",
                    algorithm.name());
        }
        if (algorithm != null && "COMPOSITE".equals(type) && algorithm == ChecksumAlgorithm.CRC64NVME) {
            throw S3Errors.INVALID_REQUEST.exception("The COMPOSITE checksum type cannot be used with the CRC64NVME checksum algorithm.");
        }
        // ids sort by creation within a key, as ListMultipartUploads orders them
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String uploadId = String.format("%016x", objects.nextSeq()) + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ObjectEncryption.Sealed sealed = objects.sealUpload(bucket, key, attributes.encryption());
        MultipartUpload upload = new MultipartUpload(MultipartUpload.SCHEMA, uploadId, bucket, key, objects.now(), attributes.owner(),
                attributes.storageClass(), attributes.headers(), attributes.metadata(), attributes.tags(), sealed.wrappedKey(),
                algorithm == null ? null : algorithm.name(), type, attributes.acl(), attributes.lock(), sealed.sse());
        keyspace.put(S3Keys.upload(bucket, key, uploadId), upload);
        return upload;
    }

    private static String defaultType(ChecksumAlgorithm algorithm) {
        return algorithm == ChecksumAlgorithm.CRC64NVME ? "FULL_OBJECT" : "COMPOSITE";
    }

    /** The upload in progress, or null (never started, aborted or completed); NoSuchBucket first. */
    public @Nullable MultipartUpload find(String bucket, String key, String uploadId) {
        buckets.require(bucket);
        return keyspace.get(S3Keys.upload(bucket, key, uploadId), MultipartUpload.class).orElse(null);
    }

    public MultipartUpload require(String bucket, String key, String uploadId) {
        buckets.require(bucket);
        return keyspace.get(S3Keys.upload(bucket, key, uploadId), MultipartUpload.class).orElseThrow(() -> noSuchUpload(uploadId));
    }

    private static RuntimeException noSuchUpload(String uploadId) {
        return S3Errors.NO_SUCH_UPLOAD.exception(
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")
                .with("UploadId", uploadId);
    }

    public static void checkPartNumber(int partNumber) {
        if (partNumber < 1 || partNumber > S3Limits.MAX_PARTS) {
            throw S3Errors.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive")
                    .with("ArgumentName", "partNumber").with("ArgumentValue", Integer.toString(partNumber));
        }
    }

    /** An UploadPart in progress. */
    public final class PendingPart implements PendingBody {
        private final MultipartUpload upload;
        private final int partNumber;
        private final BodyWriter body;

        private PendingPart(MultipartUpload upload, int partNumber, Integrity integrity, @Nullable CustomerKey customerKey) {
            checkCustomerKey(upload, customerKey);
            this.upload = upload;
            this.partNumber = partNumber;
            this.body = new BodyWriter(objects.blobs().create(objects.openUpload(upload, customerKey)), integrity,
                    S3Limits.MAX_PUT_BYTES);
        }

        /** The upload this part belongs to. */
        public MultipartUpload upload() {
            return upload;
        }

        @Override
        public void write(ByteBuffer data) {
            body.write(data);
        }

        public UploadedPart commit(@Nullable String trailerChecksum) {
            BodyWriter.Written w = body.finish(trailerChecksum);
            return store(upload, partNumber, new StoredPart(w.blob(), w.size(), w.md5Hex(), w.checksum()));
        }

        @Override
        public void abort() {
            body.abort();
        }
    }

    /**
     * The SSE-C key of an UploadPart (or UploadPartCopy) against its upload's, with S3's messages:
     * an upload created with a customer key needs that same key on every part.
     */
    private static void checkCustomerKey(MultipartUpload upload, @Nullable CustomerKey given) {
        boolean customer = upload.sse() != null && upload.sse().customerKey();
        if (customer && given == null) {
            throw S3Errors.INVALID_REQUEST.exception(
                    "The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.");
        }
        if (!customer && given != null) {
            throw S3Errors.INVALID_REQUEST.exception(
                    "The multipart upload initiate did not request encryption. Subsequent part requests must not include encryption parameters.");
        }
        if (customer) {
            try {
                ObjectEncryption.checkCustomerKey(upload.sse(), given);
            } catch (io.tarn.core.error.AwsException wrongKey) {
                throw S3Errors.INVALID_REQUEST.exception("The provided encryption parameters did not match the ones used originally.");
            }
        }
    }

    public PendingPart beginPart(String bucket, String key, String uploadId, int partNumber, Integrity integrity) {
        return beginPart(bucket, key, uploadId, partNumber, integrity, null);
    }

    /** As above, with the part's SSE-C key (required when the upload was created with one). */
    public PendingPart beginPart(String bucket, String key, String uploadId, int partNumber, Integrity integrity,
            @Nullable CustomerKey customerKey) {
        checkPartNumber(partNumber);
        MultipartUpload upload = require(bucket, key, uploadId);
        if (upload.checksumAlgorithm() != null && integrity.algorithm() != null
                && !upload.checksumAlgorithm().equals(integrity.algorithm().name())) {
            throw S3Errors.INVALID_REQUEST.exception("Checksum Type mismatch occurred, expected checksum Type: %s, actual checksum Type: %s",
                    upload.checksumAlgorithm().toLowerCase(java.util.Locale.ROOT),
                    integrity.algorithm().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (upload.checksumAlgorithm() != null && integrity.algorithm() == null) {
            // the upload promised a checksum per part: compute it even when the client sent none
            integrity = new Integrity(integrity.contentMd5(), ChecksumAlgorithm.valueOf(upload.checksumAlgorithm()), null,
                    integrity.declaredSha256());
        }
        return new PendingPart(upload, partNumber, integrity, customerKey);
    }

    /** UploadPartCopy: a range of {@code source} becomes part {@code partNumber}, re-encrypted under the upload's key. */
    public UploadedPart copyPart(String bucket, String key, String uploadId, int partNumber, ObjectVersion source, long offset,
            long length) {
        return copyPart(bucket, key, uploadId, partNumber, source, null, offset, length, null);
    }

    /** As above, with the source's SSE-C key ({@code sourceKey}) and the upload's ({@code customerKey}), where they have one. */
    public UploadedPart copyPart(String bucket, String key, String uploadId, int partNumber, ObjectVersion source,
            @Nullable CustomerKey sourceKey, long offset, long length, @Nullable CustomerKey customerKey) {
        checkPartNumber(partNumber);
        MultipartUpload upload = require(bucket, key, uploadId);
        Integrity integrity = upload.checksumAlgorithm() == null ? Integrity.NONE
                : new Integrity(null, ChecksumAlgorithm.valueOf(upload.checksumAlgorithm()), null, null);
        PendingPart part = new PendingPart(upload, partNumber, integrity, customerKey);
        try (ObjectReader reader = objects.open(source, offset, length, sourceKey)) {
            for (ByteBuffer chunk = reader.next(); chunk != null; chunk = reader.next()) {
                part.write(chunk);
            }
            return part.commit(null);
        } catch (RuntimeException e) {
            part.abort();
            throw e;
        }
    }

    private synchronized UploadedPart store(MultipartUpload upload, int partNumber, StoredPart stored) {
        // the upload may have been completed or aborted while the part streamed in
        if (keyspace.get(S3Keys.upload(upload.bucket(), upload.key(), upload.uploadId())) == null) {
            objects.deleteBytes(List.of(stored));
            throw noSuchUpload(upload.uploadId());
        }
        UploadedPart part = new UploadedPart(UploadedPart.SCHEMA, partNumber, objects.now(), stored);
        UploadedPart replaced = keyspace.get(S3Keys.part(upload.uploadId(), partNumber), UploadedPart.class).orElse(null);
        keyspace.put(S3Keys.part(upload.uploadId(), partNumber), part);
        if (replaced != null) {
            objects.deleteBytes(List.of(replaced.stored()));
        }
        return part;
    }

    /** Parts of an upload in number order, after {@code afterPart}. */
    public List<UploadedPart> parts(String uploadId, int afterPart, int limit) {
        List<Entry> entries = keyspace.scan(S3Keys.parts(uploadId), S3Keys.part(uploadId, afterPart + 1), limit);
        List<UploadedPart> out = new ArrayList<>(entries.size());
        entries.forEach(e -> out.add(e.value(UploadedPart.class)));
        return out;
    }

    /** Uploads of a bucket in key order, then initiation order. */
    public void scanUploads(String bucket, @Nullable String fromKey, Predicate<MultipartUpload> visitor) {
        keyspace.scan(S3Keys.uploads(bucket), fromKey == null ? null : S3Keys.uploads(bucket).with(fromKey),
                e -> visitor.test(e.value(MultipartUpload.class)));
    }

    /**
     * Completes an upload: the named parts, in ascending order, each but the last at least 5 MiB,
     * become the object's bytes as they are; parts not named are dropped.
     */
    public synchronized CompletedUpload complete(String bucket, String key, String uploadId, List<CompletedPart> named,
            WriteCondition condition, @Nullable String expectedChecksum, @Nullable Long expectedSize) {
        MultipartUpload upload = find(bucket, key, uploadId);
        if (upload == null) {
            return completedBefore(bucket, key, uploadId, named);
        }
        if (named.isEmpty()) {
            throw S3Errors.MALFORMED_XML.exception(
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
        Map<Integer, UploadedPart> uploaded = new TreeMap<>();
        keyspace.scan(S3Keys.parts(uploadId), null, e -> {
            UploadedPart p = e.value(UploadedPart.class);
            uploaded.put(p.partNumber(), p);
            return true;
        });
        List<StoredPart> parts = new ArrayList<>();
        MessageDigest etags = BodyWriter.digest("MD5");
        long size = 0;
        int previous = 0;
        for (int i = 0; i < named.size(); i++) {
            CompletedPart c = named.get(i);
            if (c.partNumber() <= previous) {
                throw S3Errors.INVALID_PART_ORDER.exception(
                        "The list of parts was not in ascending order. Parts must be ordered by part number.").with("UploadId", uploadId);
            }
            previous = c.partNumber();
            UploadedPart p = uploaded.get(c.partNumber());
            if (p == null || (c.etag() != null && !unquote(c.etag().trim()).equals(p.stored().etag()))
                    || (c.checksum() != null && p.stored().checksum() != null && !c.checksum().equals(p.stored().checksum()))) {
                throw S3Errors.INVALID_PART.exception(
                        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.")
                        .with("UploadId", uploadId).with("PartNumber", Integer.toString(c.partNumber()))
                        .with("ETag", c.etag() == null ? "" : c.etag());
            }
            if (i < named.size() - 1 && p.stored().size() < S3Limits.MIN_PART_BYTES) {
                throw S3Errors.ENTITY_TOO_SMALL.exception("Your proposed upload is smaller than the minimum allowed object size.")
                        .with("ProposedSize", Long.toString(p.stored().size())).with("MinSizeAllowed", Long.toString(S3Limits.MIN_PART_BYTES))
                        .with("PartNumber", Integer.toString(c.partNumber())).with("ETag", p.stored().etag());
            }
            parts.add(p.stored());
            etags.update(HexFormat.of().parseHex(p.stored().etag()));
            size += p.stored().size();
        }
        if (size > S3Limits.MAX_OBJECT_BYTES) {
            throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed object size.");
        }
        if (expectedSize != null && expectedSize != size) {
            throw S3Errors.INVALID_REQUEST.exception("The provided 'x-amz-mp-object-size' header value %d does not match what was computed: %d",
                    expectedSize, size);
        }
        StoredChecksum checksum = checksum(upload, parts);
        if (expectedChecksum != null && checksum != null && !expectedChecksum.equals(checksum.value())) {
            throw S3Errors.BAD_DIGEST.exception("The %s you specified did not match the calculated checksum.", checksum.algorithm());
        }
        String etag = '"' + HexFormat.of().formatHex(etags.digest()) + "-" + named.size() + '"';
        long total = size;
        List<StoredPart> unused = new ArrayList<>();
        uploaded.forEach((n, p) -> {
            if (!parts.contains(p.stored())) {
                unused.add(p.stored());
            }
        });
        ObjectVersion version = objects.commitVersion(bucket, key, condition, (seq, versionId) -> new ObjectVersion(ObjectVersion.SCHEMA,
                key, versionId, seq, false, objects.now(), total, etag, upload.owner(), upload.storageClass(), upload.headers(),
                upload.metadata(), upload.tags(), parts, upload.wrappedKey(), checksum, upload.acl(),
                objects.objectLock().forNewVersion(bucket, upload.lock(), objects.now()), upload.sse()), batch -> {
                    batch.delete(S3Keys.upload(bucket, key, uploadId));
                    uploaded.keySet().forEach(n -> batch.delete(S3Keys.part(uploadId, n)));
                    forgetExpiredCompletions(batch);
                }, "ObjectCreated:CompleteMultipartUpload");
        CompletedUpload done = new CompletedUpload(CompletedUpload.SCHEMA, uploadId, bucket, key, version.lastModified(),
                partList(named), version.etag(), version.versionId(), version.checksum());
        // after the version's batch: a crash between the two loses only the retry's replay, never the object
        keyspace.put(S3Keys.completedUpload(uploadId), done);
        objects.deleteBytes(unused);
        return done;
    }

    /**
     * An upload that is no longer in progress: if it was completed within {@link #COMPLETED_KEPT}
     * and this request names the same parts, S3's answer to the first request again; otherwise
     * NoSuchUpload, as for an aborted or unknown upload.
     */
    private CompletedUpload completedBefore(String bucket, String key, String uploadId, List<CompletedPart> named) {
        CompletedUpload done = keyspace.get(S3Keys.completedUpload(uploadId), CompletedUpload.class).orElse(null);
        if (done == null || !done.bucket().equals(bucket) || !done.key().equals(key)
                || done.completed().plus(COMPLETED_KEPT).isBefore(objects.now()) || !done.parts().equals(partList(named))) {
            throw noSuchUpload(uploadId);
        }
        return done;
    }

    private static List<String> partList(List<CompletedPart> named) {
        List<String> out = new ArrayList<>(named.size());
        named.forEach(p -> out.add(p.partNumber() + ":" + (p.etag() == null ? "" : unquote(p.etag().trim()))));
        return out;
    }

    /** Drops the oldest few completion records once expired, so that they do not pile up; bounded work per completion. */
    private void forgetExpiredCompletions(io.tarn.core.store.Batch batch) {
        for (Entry e : keyspace.scan(S3Keys.completedUploads(), null, 8)) {
            CompletedUpload done = e.value(CompletedUpload.class);
            if (done.completed().plus(COMPLETED_KEPT).isBefore(objects.now())) {
                batch.delete(S3Keys.completedUpload(done.uploadId()));
            }
        }
    }

    /** A part's ETag as CompleteMultipartUpload names it, quoted or not; not a condition list, so no {@code *}. */
    private static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    private static @Nullable StoredChecksum checksum(MultipartUpload upload, List<StoredPart> parts) {
        if (upload.checksumAlgorithm() == null) {
            return null;
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
        List<byte[]> digests = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        for (StoredPart p : parts) {
            digests.add(Base64.getDecoder().decode(p.checksum()));
            lengths.add(p.size());
        }
        String value = "FULL_OBJECT".equals(upload.checksumType())
                ? MultipartChecksums.fullObject(algorithm, digests, lengths)
                : MultipartChecksums.composite(algorithm, digests);
        return new StoredChecksum(algorithm.name(), value, upload.checksumType());
    }

    public void abort(String bucket, String key, String uploadId) {
        require(bucket, key, uploadId);
        drop(bucket, key, uploadId);
    }

    /** Drops every upload of a bucket (the bucket is being deleted). */
    void abortAll(String bucket) {
        List<MultipartUpload> all = new ArrayList<>();
        scanUploads(bucket, null, u -> all.add(u));
        all.forEach(u -> drop(bucket, u.key(), u.uploadId()));
    }

    private synchronized void drop(String bucket, String key, String uploadId) {
        List<UploadedPart> parts = parts(uploadId, 0, S3Limits.MAX_PARTS);
        keyspace.write(batch -> {
            batch.delete(S3Keys.upload(bucket, key, uploadId));
            parts.forEach(p -> batch.delete(S3Keys.part(uploadId, p.partNumber())));
        });
        parts.forEach(p -> objects.deleteBytes(List.of(p.stored())));
    }
}
