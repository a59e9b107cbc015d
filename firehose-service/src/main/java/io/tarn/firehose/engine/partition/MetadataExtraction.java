package io.tarn.firehose.engine.partition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.firehose.FirehoseErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * The {@code MetadataExtraction} processor: a JQ query ({@code MetadataExtractionQuery}, engine
 * {@code JQ-1.6}) run on each JSON record, whose result object gives the record's
 * {@code partitionKeyFromQuery} keys, e.g. {@code {customer_id:.customer_id, device:.type.device}}.
 * The query is compiled once per configuration (jackson-jq, JQ 1.6 built-ins); {@link #extract} is
 * thread-safe. jackson-jq lacks JQ's date functions ({@code strftime}, {@code mktime}...): a query
 * using them fails on each record, and the record goes to the error output.
 */
public final class MetadataExtraction {

    /** Why a record has no keys: it goes to the error output. */
    public static final class ExtractionException extends Exception {
        ExtractionException(String message) {
            super(message);
        }
    }

    static final String ENGINE = "JQ-1.6";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The JQ 1.6 built-ins, loaded once: a child scope per query keeps them shared and read-only. */
    private static final Scope BUILTINS = builtins();

    private final String query;
    private final JsonQuery compiled;
    private final Scope scope;

    private MetadataExtraction(String query, JsonQuery compiled) {
        this.query = query;
        this.compiled = compiled;
        this.scope = Scope.newChildScope(BUILTINS);
    }

    private static Scope builtins() {
        Scope scope = Scope.newEmptyScope();
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
        return scope;
    }

    /**
     * From the processor's parameters ({@code MetadataExtractionQuery}, {@code JsonParsingEngine}).
     *
     * @throws io.tarn.core.error.AwsException {@code InvalidArgumentException} for a missing or
     *     uncompilable query or another engine than JQ-1.6
     */
    public static MetadataExtraction of(Map<String, String> parameters) {
        String query = parameters.get("MetadataExtractionQuery");
        if (query == null) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("MetadataExtractionQuery is a required parameter for the MetadataExtraction processor");
        }
        String engine = parameters.get("JsonParsingEngine");
        if (engine == null) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("JsonParsingEngine is a required parameter for the MetadataExtraction processor");
        }
        if (!engine.equals(ENGINE)) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("JsonParsingEngine must be %s, got %s", ENGINE, engine);
        }
        try {
            return new MetadataExtraction(query, JsonQuery.compile(query, Versions.JQ_1_6));
        } catch (JsonQueryException e) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("MetadataExtractionQuery %s is not a valid JQ-1.6 query: %s", query, e.getMessage());
        }
    }

    public String query() {
        return query;
    }

    /**
     * The keys the query gives for one record: its result must be one JSON object whose values are
     * strings, numbers or booleans.
     */
    public Map<String, String> extract(byte[] record) throws ExtractionException {
        JsonNode input;
        try {
            input = JSON.readTree(record);
        } catch (IOException e) {
            throw new ExtractionException("Non JSON record provided");
        }
        if (input == null || input.isMissingNode()) {
            throw new ExtractionException("Non JSON record provided");
        }
        List<JsonNode> results = new ArrayList<>(1);
        try {
            compiled.apply(scope, input, results::add);
        } catch (JsonQueryException | RuntimeException e) {
            throw new ExtractionException("Failed to execute the metadata extraction query: " + e.getMessage());
        }
        if (results.size() != 1 || !results.get(0).isObject()) {
            throw new ExtractionException("The metadata extraction query must produce exactly one JSON object");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : results.get(0).properties()) {
            JsonNode value = e.getValue();
            if (value.isNull()) {
                throw new ExtractionException("The partition key " + e.getKey() + " is null in the record");
            }
            if (!value.isValueNode()) {
                throw new ExtractionException("The partition key " + e.getKey() + " is not a string, a number or a boolean");
            }
            keys.put(e.getKey(), value.asText());
        }
        return keys;
    }
}
