package io.tarn.glue.engine.crawler;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.ErrorCode;
import io.tarn.core.spi.ports.ObjectStorePort;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * S3's port as the crawler sees it, over a map: S3's own implementation is tested in s3-service
 * (S3ObjectStoreTest), and GlueCrawlerIT crawls through the real one.
 */
final class MemoryObjectStore implements ObjectStorePort {

    private record Stored(byte[] bytes, Instant lastModified) {}

    private final Map<String, TreeMap<String, Stored>> buckets = new ConcurrentHashMap<>();

    void bucket(String name) {
        buckets.putIfAbsent(name, new TreeMap<>());
    }

    void put(String bucket, String key, String content, Instant lastModified) {
        bucket(bucket);
        buckets.get(bucket).put(key, new Stored(content.getBytes(StandardCharsets.UTF_8), lastModified));
    }

    void delete(String bucket, String key) {
        buckets.get(bucket).remove(key);
    }

    @Override
    public ObjectPage list(String bucket, String prefix, @Nullable String startAfter, int maxKeys) {
        TreeMap<String, Stored> objects = require(bucket);
        List<ObjectSummary> page = new ArrayList<>();
        for (Map.Entry<String, Stored> e : objects.tailMap(startAfter == null ? prefix : startAfter, startAfter == null).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (page.size() == maxKeys) {
                return new ObjectPage(page, page.get(page.size() - 1).key());
            }
            page.add(summary(e.getKey(), e.getValue()));
        }
        return new ObjectPage(page, null);
    }

    @Override
    public ObjectSummary head(String bucket, String key) {
        Stored s = require(bucket).get(key);
        if (s == null) {
            throw new AwsException(code("NoSuchKey", 404), "The specified key does not exist.");
        }
        return summary(key, s);
    }

    @Override
    public InputStream read(String bucket, String key, long offset, long length) {
        byte[] bytes = require(bucket).get(key).bytes();
        int from = (int) Math.min(offset, bytes.length);
        return new ByteArrayInputStream(bytes, from, (int) Math.min(length, bytes.length - from));
    }

    @Override
    public String write(String bucket, String key, String contentType, String kmsKeyId, BodyWriter body) {
        throw new UnsupportedOperationException("crawlers only read");
    }

    private TreeMap<String, Stored> require(String bucket) {
        TreeMap<String, Stored> objects = buckets.get(bucket);
        if (objects == null) {
            throw new AwsException(code("NoSuchBucket", 404), "The specified bucket does not exist");
        }
        return objects;
    }

    private static ObjectSummary summary(String key, Stored s) {
        return new ObjectSummary(key, s.bytes().length, "\"etag\"", s.lastModified(), "STANDARD");
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
