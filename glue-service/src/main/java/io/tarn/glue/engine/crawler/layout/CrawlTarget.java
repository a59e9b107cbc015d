package io.tarn.glue.engine.crawler.layout;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An S3 target of a crawler and the files found under it.
 *
 * @param includePath the target's Path, {@code s3://bucket/prefix} (a folder, or one object's key)
 * @param files       the classified objects under it, exclusions already applied
 */
public record CrawlTarget(String includePath, List<CrawledFile> files) {

    public CrawlTarget {
        requireNonNull(includePath, "includePath");
        files = List.copyOf(files);
    }
}
