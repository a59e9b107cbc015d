package io.tarn.glue.engine.classifier;

import java.util.Optional;

/** Runs one custom classifier over a text sample. */
final class CustomClassifiers {

    /** A custom classifier's finding and how certain it is (0.0 to 1.0). */
    record Result(double certainty, FileSchema schema) {
        boolean certain() {
            return certainty >= 1.0;
        }
    }

    private CustomClassifiers() {}

    static Optional<Result> classify(CustomClassifierDefinition definition, TextSample sample) {
        // Java 17: no pattern matching in switch yet
        if (definition instanceof CustomClassifierDefinition.Csv csv) {
            return certain(CsvClassifier.classifyCustom(sample, csv));
        }
        if (definition instanceof CustomClassifierDefinition.Json json) {
            return certain(JsonPathClassifier.classify(sample, json));
        }
        if (definition instanceof CustomClassifierDefinition.Grok grok) {
            return GrokClassifier.classify(sample, grok);
        }
        return certain(XmlClassifier.classify(sample, (CustomClassifierDefinition.Xml) definition));
    }

    private static Optional<Result> certain(Optional<FileSchema> schema) {
        return schema.map(s -> new Result(1.0, s));
    }
}
