package io.tarn.glue.engine.classifier;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A custom classifier as a crawler lists it (CreateClassifier's GrokClassifier, XMLClassifier,
 * JsonClassifier or CsvClassifier): what the classifiers need of it, whatever way it is stored.
 */
public sealed interface CustomClassifierDefinition {

    String name();

    /** Grok: each line matched by {@code grokPattern}, with {@code customPatterns} ("NAME regex" lines). */
    record Grok(String name, String classification, String grokPattern, @Nullable String customPatterns)
            implements CustomClassifierDefinition {}

    /** XML: each element named {@code rowTag} is a record. */
    record Xml(String name, String classification, String rowTag) implements CustomClassifierDefinition {}

    /** JSON: the records are what {@code jsonPath} (e.g. {@code $[*]}, {@code $.records[*]}) selects. */
    record Json(String name, String jsonPath) implements CustomClassifierDefinition {}

    /**
     * CSV with a fixed delimiter and quote. {@code containsHeader} is {@code UNKNOWN}, {@code PRESENT}
     * or {@code ABSENT}; {@code header} names the columns; {@code serde} is {@code OpenCSVSerDe},
     * {@code LazySimpleSerDe} or {@code None} (detect); null fields take AWS's defaults.
     */
    record Csv(String name, @Nullable String delimiter, @Nullable String quoteSymbol,
               @Nullable String containsHeader, @Nullable List<String> header,
               @Nullable Boolean disableValueTrimming, @Nullable Boolean allowSingleColumn,
               @Nullable String serde) implements CustomClassifierDefinition {}
}
