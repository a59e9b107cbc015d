package io.tarn.glue.engine.crawler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.glue.engine.classifier.Classifiers;
import io.tarn.glue.engine.classifier.CustomClassifierDefinition;
import io.tarn.glue.engine.classifier.FileSchema;
import io.tarn.glue.engine.classifier.SampledFile;
import io.tarn.glue.model.ClassifierMeta;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The classifier step over the classifier package: the crawler's stored custom classifiers first, then AWS's built-in ones. */
public final class BuiltInClassifier implements FileClassifier {

    @Override
    public Optional<FileSchema> classify(CrawledObject object, List<ClassifierMeta> custom) throws IOException {
        SampledFile file = new SampledFile() {
            @Override
            public String key() {
                return object.key();
            }

            @Override
            public long size() {
                return object.size();
            }

            @Override
            public InputStream read(long offset, long length) {
                return object.read(offset, length);
            }
        };
        return Classifiers.classify(file, custom.stream().map(BuiltInClassifier::definition).toList());
    }

    /** A stored custom classifier as the classifier package reads it. */
    static CustomClassifierDefinition definition(ClassifierMeta c) {
        ObjectNode d = c.definition();
        return switch (c.kind()) {
            case ClassifierStore.GROK -> new CustomClassifierDefinition.Grok(c.name(), text(d, "Classification"),
                    text(d, "GrokPattern"), text(d, "CustomPatterns"));
            case ClassifierStore.XML -> new CustomClassifierDefinition.Xml(c.name(), text(d, "Classification"), text(d, "RowTag"));
            case ClassifierStore.JSON -> new CustomClassifierDefinition.Json(c.name(), text(d, "JsonPath"));
            default -> new CustomClassifierDefinition.Csv(c.name(), text(d, "Delimiter"), text(d, "QuoteSymbol"),
                    text(d, "ContainsHeader"), header(d.get("Header")), bool(d, "DisableValueTrimming"), bool(d, "AllowSingleColumn"),
                    text(d, "Serde"));
        };
    }

    private static @Nullable String text(ObjectNode d, String member) {
        JsonNode v = d.get(member);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static @Nullable Boolean bool(ObjectNode d, String member) {
        JsonNode v = d.get(member);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    private static @Nullable List<String> header(@Nullable JsonNode header) {
        if (header == null || !header.isArray()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        header.forEach(h -> names.add(h.asText()));
        return names;
    }
}
