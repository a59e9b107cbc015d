package io.tarn.glue.engine.classifier;

import io.krakens.grok.api.Converter;
import io.krakens.grok.api.Grok;
import io.krakens.grok.api.GrokCompiler;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A custom grok classifier: each sampled line matched by the pattern (Logstash's base patterns
 * plus the classifier's CustomPatterns, through java-grok), its named fields the columns in the
 * pattern's order, typed by their {@code :type} suffix (else {@code string}). Its certainty is the
 * share of sampled lines the pattern matches. The table is the GrokSerDe's, with the pattern in
 * {@code input.format} as AWS's crawler writes it.
 */
final class GrokClassifier {

    /** Lines tried: enough to judge a log's format while bounding a complex pattern's work. */
    private static final int MAX_LINES = 1000;
    private static final String UNNAMED = "UNWANTED";

    private GrokClassifier() {}

    static Optional<CustomClassifiers.Result> classify(TextSample sample, CustomClassifierDefinition.Grok definition) {
        GrokCompiler compiler = GrokCompiler.newInstance();
        compiler.registerDefaultPatterns();
        Grok grok;
        try {
            if (definition.customPatterns() != null) {
                compiler.register(new StringReader(definition.customPatterns()));
            }
            grok = compiler.compile(definition.grokPattern(), true);
        } catch (IOException | RuntimeException invalid) {
            return Optional.empty();
        }
        List<String> lines = sample.lines();
        lines = lines.subList(0, Math.min(lines.size(), MAX_LINES));
        Map<String, String> columns = declaredColumns(grok, compiler.getPatternDefinitions().keySet());
        int matched = 0;
        for (String line : lines) {
            Map<String, Object> capture = grok.match(line).capture();
            if (!capture.isEmpty()) {
                matched++;
                capture.keySet().forEach(name -> columns.putIfAbsent(name, "string"));
            }
        }
        if (matched == 0 || columns.isEmpty()) {
            return Optional.empty();
        }
        List<FileSchema.Column> list = new ArrayList<>();
        columns.forEach((name, type) -> list.add(new FileSchema.Column(name.toLowerCase(Locale.ROOT), type)));
        Map<String, String> serde = new LinkedHashMap<>();
        serde.put("input.format", definition.grokPattern());
        if (definition.customPatterns() != null && !definition.customPatterns().isBlank()) {
            serde.put("input.grokCustomPatterns", definition.customPatterns());
        }
        FileSchema schema = new FileSchema(definition.classification(), sample.compression().typeName, List.copyOf(list),
                StorageFormats.TEXT_INPUT, StorageFormats.TEXT_OUTPUT, StorageFormats.GROK_SERDE,
                Map.copyOf(serde), Map.of(), sample.estimatedRecords(matched), sample.averageRecordSize(matched));
        return Optional.of(new CustomClassifiers.Result((double) matched / lines.size(), schema));
    }

    /**
     * The pattern's named fields in their order of appearance with their Hive types. java-grok names
     * each {@code %{...}} group {@code nameN} in order; an unnamed reference is "UNWANTED" or the
     * bare pattern name, a named one {@code field} or {@code field:type}.
     */
    private static Map<String, String> declaredColumns(Grok grok, Set<String> patternNames) {
        Map<String, String> columns = new LinkedHashMap<>();
        grok.getNamedRegexCollection().entrySet().stream()
                .sorted(Comparator.comparingInt(e -> Integer.parseInt(e.getKey().substring("name".length()))))
                .map(Map.Entry::getValue)
                .filter(v -> !v.equals(UNNAMED) && !patternNames.contains(v))
                .map(v -> v.contains(":") ? v.substring(0, v.indexOf(':')) : v)
                .forEach(field -> columns.putIfAbsent(field, hiveType(grok.groupTypes.get(field))));
        return columns;
    }

    private static String hiveType(Converter.Type type) {
        if (type == null) {
            return "string";
        }
        return switch (type) {
            case BYTE -> "tinyint";
            case BOOLEAN -> "boolean";
            case SHORT -> "smallint";
            case INT -> "int";
            case LONG -> "bigint";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case DATETIME -> "timestamp";
            default -> "string";
        };
    }
}
