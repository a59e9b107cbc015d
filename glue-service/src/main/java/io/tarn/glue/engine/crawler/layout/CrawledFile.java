package io.tarn.glue.engine.crawler.layout;

import static java.util.Objects.requireNonNull;

import io.tarn.glue.engine.classifier.FileSchema;
import java.time.Instant;

/**
 * One object of an S3 target as the crawl saw it, with what its classifier found.
 *
 * @param key          the object's key in the target's bucket
 * @param size         its size in bytes
 * @param lastModified when it was last written
 * @param schema       the classifier's finding
 */
public record CrawledFile(String key, long size, Instant lastModified, FileSchema schema) {

    public CrawledFile {
        requireNonNull(key, "key");
        requireNonNull(lastModified, "lastModified");
        requireNonNull(schema, "schema");
    }
}
