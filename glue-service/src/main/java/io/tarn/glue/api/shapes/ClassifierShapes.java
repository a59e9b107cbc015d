package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.glue.engine.crawler.ClassifierStore;
import io.tarn.glue.model.ClassifierMeta;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The wire shapes of the classifier operations: one member per kind of custom classifier, its
 * definition kept as the client's JSON (checked by ClassifierStore against the model).
 */
public final class ClassifierShapes {

    private ClassifierShapes() {}

    /** CreateClassifier's and UpdateClassifier's request: exactly one kind given. */
    public record ClassifierInput(
            @JsonProperty("GrokClassifier") @Nullable ObjectNode grokClassifier,
            @JsonProperty("XMLClassifier") @Nullable ObjectNode xmlClassifier,
            @JsonProperty("JsonClassifier") @Nullable ObjectNode jsonClassifier,
            @JsonProperty("CsvClassifier") @Nullable ObjectNode csvClassifier) {}

    public record GetClassifiersInput(
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    /** Glue's Classifier: the stored definition under its kind, with its times and version. */
    public record Classifier(
            @JsonProperty("GrokClassifier") @Nullable ObjectNode grokClassifier,
            @JsonProperty("XMLClassifier") @Nullable ObjectNode xmlClassifier,
            @JsonProperty("JsonClassifier") @Nullable ObjectNode jsonClassifier,
            @JsonProperty("CsvClassifier") @Nullable ObjectNode csvClassifier) {

        public static Classifier of(ClassifierMeta c) {
            ObjectNode shown = c.definition().deepCopy();
            shown.put("Name", c.name());
            shown.put("CreationTime", seconds(c.creationTime()));
            shown.put("LastUpdated", seconds(c.lastUpdated()));
            shown.put("Version", c.version());
            return new Classifier(kind(c, ClassifierStore.GROK, shown), kind(c, ClassifierStore.XML, shown),
                    kind(c, ClassifierStore.JSON, shown), kind(c, ClassifierStore.CSV, shown));
        }

        private static @Nullable ObjectNode kind(ClassifierMeta c, String kind, ObjectNode shown) {
            return c.kind().equals(kind) ? shown : null;
        }

        /** Timestamps go over awsJson as epoch seconds. */
        private static BigDecimal seconds(Instant t) {
            return BigDecimal.valueOf(t.toEpochMilli(), 3);
        }
    }

    public record GetClassifierOutput(@JsonProperty("Classifier") Classifier classifier) {}

    public record GetClassifiersOutput(
            @JsonProperty("Classifiers") List<Classifier> classifiers,
            @JsonProperty("NextToken") @Nullable String nextToken) {}
}
