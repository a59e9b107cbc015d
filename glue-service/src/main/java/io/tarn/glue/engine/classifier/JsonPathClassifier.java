package io.tarn.glue.engine.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A custom JSON classifier: its JsonPath selects the records (AWS's examples: {@code $[*]} for the
 * elements of a top-level array, {@code $.records[*]} for those of a member), whose fields become
 * the columns. AWS documents a subset of JsonPath for it; Tarn reads dot and bracket member names,
 * {@code [*]}, {@code .*} and array indexes. A path that selects no object does not match.
 */
final class JsonPathClassifier {

    private JsonPathClassifier() {}

    static Optional<FileSchema> classify(TextSample sample, CustomClassifierDefinition.Json definition) {
        Optional<List<Step>> path = parse(definition.jsonPath());
        if (path.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> selected = new ArrayList<>(JsonFileClassifier.parse(sample));
        for (Step step : path.get()) {
            List<JsonNode> next = new ArrayList<>();
            selected.forEach(node -> step.apply(node, next));
            selected = next;
        }
        HiveType merged = HiveType.UNKNOWN;
        long records = 0;
        for (JsonNode node : selected) {
            if (node.isObject()) {
                merged = merged.merge(JsonTypes.of(node));
                records++;
            }
        }
        if (!(merged instanceof HiveType.Struct struct)) {
            return Optional.empty();
        }
        return Optional.of(JsonFileClassifier.schema(sample, struct.fields(), records,
                Map.of("jsonPath", definition.jsonPath())));
    }

    /** One step of a path: a member, every child, or an array element. */
    private record Step(String member, boolean wildcard, int index) {
        void apply(JsonNode node, List<JsonNode> out) {
            if (wildcard) {
                node.elements().forEachRemaining(out::add);
            } else if (member != null) {
                JsonNode child = node.get(member);
                if (child != null) {
                    out.add(child);
                }
            } else if (node.isArray() && index < node.size()) {
                out.add(node.get(index));
            }
        }
    }

    private static Optional<List<Step>> parse(String path) {
        if (path == null || !path.startsWith("$")) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String name = path.substring(i + 1, end);
                if (name.isEmpty()) {
                    return Optional.empty();
                }
                steps.add(name.equals("*") ? new Step(null, true, -1) : new Step(name, false, -1));
                i = end;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    return Optional.empty();
                }
                String inside = path.substring(i + 1, end).strip();
                if (inside.equals("*")) {
                    steps.add(new Step(null, true, -1));
                } else if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(new Step(inside.substring(1, inside.length() - 1), false, -1));
                } else if (inside.matches("\\d+")) {
                    steps.add(new Step(null, false, Integer.parseInt(inside)));
                } else {
                    return Optional.empty();
                }
                i = end + 1;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(steps);
    }
}
