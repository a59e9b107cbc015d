package io.tarn.glue.engine.crawler;

import io.tarn.core.spi.Namespace;
import io.tarn.glue.model.LastCrawl;

/**
 * Told of each crawl's end once it is stored (conditional triggers and workflows watch crawls through
 * it). Called on the crawl's thread, outside the engine's lock, so a listener may start other crawls or
 * job runs; it must not block.
 */
@FunctionalInterface
public interface CrawlListener {
    void ended(Namespace ns, String crawler, LastCrawl crawl, java.time.Instant completedOn);
}
