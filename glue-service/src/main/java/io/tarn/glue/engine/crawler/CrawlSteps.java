package io.tarn.glue.engine.crawler;

import java.util.Optional;

/**
 * The classifier and layout steps a server's crawls run with. Until the built-in classifiers and the
 * layout land, a crawl fails saying so rather than succeed having written nothing.
 */
public final class CrawlSteps {

    private CrawlSteps() {}

    public static FileClassifier classifier() {
        return (object, custom) -> Optional.empty();
    }

    public static LayoutStep layout() {
        return (targets, crawler) -> {
            throw new IllegalArgumentException("Schema inference (classifiers and table layout) is not built by Tarn yet");
        };
    }
}
