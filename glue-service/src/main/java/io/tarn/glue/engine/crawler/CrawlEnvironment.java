package io.tarn.glue.engine.crawler;

import io.tarn.core.spi.ports.ObjectStorePort;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What crawls run with: the executor their work runs on (off the request and scheduler threads), S3's
 * port (looked up when a crawl starts, since services start in no fixed order), and the two steps.
 */
public record CrawlEnvironment(Executor executor, Supplier<Optional<ObjectStorePort>> objectStore, FileClassifier classifier,
        LayoutStep layout) {}
