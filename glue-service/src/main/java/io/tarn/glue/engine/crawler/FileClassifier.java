package io.tarn.glue.engine.crawler;

import io.tarn.glue.engine.classifier.FileSchema;
import io.tarn.glue.model.ClassifierMeta;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The classifier step of a crawl: one object's schema, trying the crawler's custom classifiers first, in order. */
@FunctionalInterface
public interface FileClassifier {

    /** Empty when no classifier recognises the object. */
    Optional<FileSchema> classify(CrawledObject object, List<ClassifierMeta> custom) throws IOException;
}
