package io.tarn.glue.engine.crawler;

import io.tarn.core.spi.ports.ObjectStorePort;
import java.io.InputStream;
import java.time.Instant;

/** An object of an S3 target as a crawl lists it, with ranged reads of its bytes through S3's port. */
public record CrawledObject(String bucket, String key, long size, Instant lastModified, ObjectStorePort store) {

    /** Bytes {@code [offset, offset + length)}, clipped to the object; the caller closes the stream. */
    public InputStream read(long offset, long length) {
        return store.read(bucket, key, offset, length);
    }
}
