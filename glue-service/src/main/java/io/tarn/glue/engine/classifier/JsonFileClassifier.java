package io.tarn.glue.engine.classifier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in {@code json} classifier: a file of JSON objects, one after another (JSON Lines or
 * concatenated), whose fields become the columns, merged across the sampled records; or a file
 * that is one JSON array, which AWS's crawler makes a single column named {@code array} (a
 * {@code $[*]} JSON classifier is how AWS users get its elements as rows). Anything else, a scalar
 * at the top level or text that is not JSON, is not this classifier's.
 */
final class JsonFileClassifier {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFileClassifier() {}

    static Optional<FileSchema> classify(TextSample first, SampledFile file) throws IOException {
        TextSample sample = first;
        Parsed parsed = values(sample);
        // a first record longer than the sample: AWS reads on, a megabyte at a time, up to 10 MB
        for (int limit = 2 * TextSample.SAMPLE_BYTES; parsed.cutShort() && limit <= TextSample.MAX_SAMPLE_BYTES;
                limit += TextSample.SAMPLE_BYTES) {
            try {
                sample = TextSample.read(file, sample.compression(), limit);
            } catch (IOException e) {
                if (sample.compression() == Compression.NONE) {
                    throw e;
                }
                return Optional.empty(); // the compressed stream breaks past the first megabyte
            }
            parsed = values(sample);
        }
        List<JsonNode> values = parsed.values();
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() == 1 && values.get(0).isArray()) {
            return Optional.of(schema(sample, Map.of("array", JsonTypes.of(values.get(0))), 1, Map.of()));
        }
        if (!values.stream().allMatch(JsonNode::isObject)) {
            return Optional.empty();
        }
        HiveType merged = HiveType.UNKNOWN;
        for (JsonNode value : values) {
            merged = merged.merge(JsonTypes.of(value));
        }
        return Optional.of(schema(sample, ((HiveType.Struct) merged).fields(), values.size(), Map.of()));
    }

    /** The records' schema as a {@code json} table: shared with the JsonPath custom classifier. */
    static FileSchema schema(TextSample sample, Map<String, HiveType> fields, long records,
                             Map<String, String> tableParameters) {
        Map<String, HiveType> columns = new LinkedHashMap<>();
        fields.forEach((name, type) -> columns.merge(name.toLowerCase(Locale.ROOT), type, HiveType::merge));
        List<FileSchema.Column> list = new ArrayList<>();
        columns.forEach((name, type) -> list.add(new FileSchema.Column(name, type.hiveName())));
        // the OpenX SerDe maps each column to the JSON key of the same name; AWS lists them sorted
        String paths = String.join(",", columns.keySet().stream().sorted().toList());
        return new FileSchema("json", sample.compression().typeName, List.copyOf(list),
                StorageFormats.TEXT_INPUT, StorageFormats.TEXT_OUTPUT, StorageFormats.JSON_SERDE,
                Map.of("paths", paths), Map.copyOf(tableParameters),
                sample.estimatedRecords(records), sample.averageRecordSize(records));
    }

    /** The sample's top-level JSON values; empty when it is not JSON. */
    static List<JsonNode> parse(TextSample sample) {
        return values(sample).values();
    }

    /**
     * The sample's top-level JSON values, and whether the sample ended inside the first of them (a
     * record longer than the sample). A sample cut short may end inside a later record, which is
     * then left out; text that is not JSON gives no values.
     */
    private static Parsed values(TextSample sample) {
        List<JsonNode> values = new ArrayList<>();
        // a parser, not readValues: that would unwrap a top-level array into its elements
        try (JsonParser parser = MAPPER.createParser(sample.text())) {
            while (parser.nextToken() != null) {
                values.add(MAPPER.readTree(parser));
            }
        } catch (JsonProcessingException bad) {
            if (sample.complete()) {
                return new Parsed(List.of(), false);
            }
            return new Parsed(values, values.isEmpty() && endedInput(bad, sample.text()));
        } catch (IOException | RuntimeException bad) {
            return new Parsed(List.of(), false);
        }
        return new Parsed(values, false);
    }

    /** The parser failed for want of more input (Jackson reports it as JsonEOFException or not). */
    private static boolean endedInput(JsonProcessingException e, String text) {
        return e instanceof JsonEOFException
                || e.getLocation() != null && e.getLocation().getCharOffset() >= text.stripTrailing().length();
    }

    private record Parsed(List<JsonNode> values, boolean cutShort) {}
}
