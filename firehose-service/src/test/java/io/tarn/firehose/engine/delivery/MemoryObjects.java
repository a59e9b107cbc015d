package io.tarn.firehose.engine.delivery;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.ErrorCode;
import io.tarn.core.spi.ports.ObjectStorePort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** S3 as a map, for delivery's tests: buckets must exist, as in S3. */
final class MemoryObjects implements ObjectStorePort {

    final Map<String, TreeMap<String, byte[]>> buckets = new ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    /** When set, a write stores its object and then fails: a crash between the object and the buffer's clearing. */
    volatile boolean failAfterWrite;

    void createBucket(String name) {
        buckets.putIfAbsent(name, new TreeMap<>());
    }

    synchronized TreeMap<String, byte[]> objects(String bucket) {
        return new TreeMap<>(buckets.getOrDefault(bucket, new TreeMap<>()));
    }

    @Override
    public ObjectPage list(String bucket, String prefix, String startAfter, int maxKeys) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized ObjectSummary head(String bucket, String key) {
        byte[] b = require(bucket).get(key);
        if (b == null) {
            throw new AwsException(code("NoSuchKey", 404), "The specified key does not exist.");
        }
        return new ObjectSummary(key, b.length, "\"etag\"", Instant.EPOCH, "STANDARD");
    }

    @Override
    public InputStream read(String bucket, String key, long offset, long length) {
        return new ByteArrayInputStream(require(bucket).get(key));
    }

    @Override
    public String write(String bucket, String key, String contentType, String kmsKeyId, BodyWriter body) {
        require(bucket);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            body.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            require(bucket).put(key, out.toByteArray());
        }
        writes.incrementAndGet();
        if (failAfterWrite) {
            throw new IllegalStateException("crash after the object was written");
        }
        return "\"etag\"";
    }

    private TreeMap<String, byte[]> require(String bucket) {
        TreeMap<String, byte[]> objects = buckets.get(bucket);
        if (objects == null) {
            throw new AwsException(code("NoSuchBucket", 404), "The specified bucket does not exist");
        }
        return objects;
    }

    private static ErrorCode code(String code, int status) {
        return new ErrorCode() {
            @Override
            public String code() {
                return code;
            }

            @Override
            public int status() {
                return status;
            }
        };
    }
}
