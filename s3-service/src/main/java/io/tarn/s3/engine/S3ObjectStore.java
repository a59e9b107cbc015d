package io.tarn.s3.engine;

import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.s3.S3Errors;
import io.tarn.s3.model.ListedVersion;
import io.tarn.s3.model.ObjectVersion;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * S3 as the other services see it ({@link ObjectStorePort}): the current objects of a bucket, listed
 * and read through the same engines and checks as ListObjectsV2, HeadObject and a ranged GetObject, and
 * written as PutObject writes them (Firehose's deliveries).
 */
public final class S3ObjectStore implements ObjectStorePort {

    /** The most keys one page holds, as ListObjectsV2's max-keys. */
    private static final int MAX_KEYS = 1000;

    private final ObjectEngine objects;
    private final ListingEngine listings;

    public S3ObjectStore(ObjectEngine objects, ListingEngine listings) {
        this.objects = objects;
        this.listings = listings;
    }

    @Override
    public ObjectPage list(String bucket, String prefix, @Nullable String startAfter, int maxKeys) {
        ListingEngine.Listing<ListedVersion> page = listings.objects(bucket, prefix, null, startAfter,
                Math.max(0, Math.min(maxKeys, MAX_KEYS)));
        List<ObjectSummary> summaries = page.items().stream()
                .filter(v -> !v.deleteMarker())
                .map(v -> new ObjectSummary(v.key(), v.size(), v.etag(), v.lastModified(), v.storageClass()))
                .toList();
        return new ObjectPage(summaries, page.truncated() ? page.nextMarker() : null);
    }

    @Override
    public ObjectSummary head(String bucket, String key) {
        ObjectVersion v = current(bucket, key);
        return new ObjectSummary(v.key(), v.size(), v.etag(), v.lastModified(), v.storageClass());
    }

    @Override
    public InputStream read(String bucket, String key, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("a range needs a non-negative offset and length");
        }
        ObjectVersion v = current(bucket, key);
        long from = Math.min(offset, v.size());
        long n = Math.min(length, v.size() - from);
        return new ReaderStream(objects.open(v, from, n));
    }

    @Override
    public String write(String bucket, String key, String contentType, @Nullable String kmsKeyId, BodyWriter body) {
        if (kmsKeyId != null) {
            // as a PutObject asking for aws:kms answers until S3 builds SSE-KMS
            throw S3Errors.NOT_IMPLEMENTED.exception("Server-side encryption with KMS keys is not implemented yet.")
                    .with("Header", "x-amz-server-side-encryption");
        }
        ObjectEngine.ObjectAttributes attributes = new ObjectEngine.ObjectAttributes(objects.bucketOwner(bucket), "STANDARD",
                java.util.Map.of("content-type", contentType), java.util.Map.of(), java.util.Map.of(), null);
        ObjectEngine.PendingPut put = objects.beginPut(bucket, key, attributes, ObjectEngine.WriteCondition.NONE, Integrity.NONE);
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                put.write(ByteBuffer.wrap(new byte[] {(byte) b}));
            }

            @Override
            public void write(byte[] b, int off, int len) {
                put.write(ByteBuffer.wrap(b, off, len));
            }
        }, 64 * 1024)) {
            body.writeTo(out);
        } catch (java.io.IOException | RuntimeException e) {
            put.abort();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new java.io.UncheckedIOException(e.getMessage(), (java.io.IOException) e);
        }
        return put.commit(null).etag();
    }

    /** The current version; a key whose latest version is a delete marker is missing, as GetObject answers. */
    private ObjectVersion current(String bucket, String key) {
        ObjectVersion v = objects.resolve(bucket, key, null);
        if (v.deleteMarker()) {
            throw S3Errors.NO_SUCH_KEY.exception("The specified key does not exist.").with("Key", key);
        }
        return v;
    }

    /** An {@link ObjectReader}'s chunks as a stream, decrypting a segment only when the reader gets to it. */
    private static final class ReaderStream extends InputStream {

        private final ObjectReader reader;
        private @Nullable ByteBuffer chunk;
        private boolean ended;

        ReaderStream(ObjectReader reader) {
            this.reader = reader;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (!ended && (chunk == null || !chunk.hasRemaining())) {
                chunk = reader.next();
                ended = chunk == null;
            }
            if (ended) {
                return -1;
            }
            int n = Math.min(len, chunk.remaining());
            chunk.get(b, off, n);
            return n;
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
