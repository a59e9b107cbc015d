package io.tarn.glue.engine.registry;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schema definitions (drafts 04, 06 and 07, as AWS supports): checked against their draft's
 * meta-schema by networknt's validator, and compared by the rules of JSON Schema's open content
 * model: a reader reads a writer's data when every type the writer allows is one the reader allows,
 * every property the reader requires the writer requires too, a closed reader
 * ({@code additionalProperties: false}) knows every property the writer declares, an enum reader
 * knows every value the writer may write, and the same holds for each shared property and items.
 */
final class JsonSchemaDefinitions implements DefinitionChecker {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SpecificationVersion DEFAULT_DRAFT = SpecificationVersion.DRAFT_7;

    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(DEFAULT_DRAFT);

    @Override
    public @Nullable String invalidity(String definition) {
        JsonNode node;
        try {
            node = JSON.readTree(definition);
        } catch (RuntimeException e) { // Jackson 3 raises unchecked JacksonExceptions
            return "Schema definition of JSON data format is invalid: " + e.getMessage();
        }
        if (!node.isObject() && !node.isBoolean()) {
            return "Schema definition of JSON data format is invalid: a schema is a JSON object or a boolean";
        }
        List<Error> errors = metaSchema(node).validate(node);
        if (errors.isEmpty()) {
            return null;
        }
        return "Schema definition of JSON data format is invalid: "
                + errors.stream().map(Error::toString).collect(Collectors.joining("; "));
    }

    private Schema metaSchema(JsonNode definition) {
        JsonNode declared = definition.path("$schema");
        SpecificationVersion draft = declared.isString()
                ? SpecificationVersion.fromDialectId(normalize(declared.asString())).orElse(DEFAULT_DRAFT)
                : DEFAULT_DRAFT;
        return schemas.getSchema(SchemaLocation.of(draft.getDialectId()));
    }

    /** Draft ids are written with and without the trailing '#'; the validator knows them with it for drafts 4-7. */
    private static String normalize(String dialectId) {
        return dialectId.startsWith("http://json-schema.org/") && !dialectId.endsWith("#") ? dialectId + "#" : dialectId;
    }

    @Override
    public @Nullable String unreadable(String reader, String writer) {
        return unreadable(JSON.readTree(reader), JSON.readTree(writer), "#");
    }

    private static @Nullable String unreadable(JsonNode reader, JsonNode writer, String at) {
        if (reader.isBoolean() || writer.isBoolean()) {
            boolean readsAll = reader.isBoolean() ? reader.asBoolean() : reader.isEmpty();
            return readsAll || (writer.isBoolean() && !writer.asBoolean()) ? null : at + ": the reader does not accept every value";
        }
        Set<String> readerTypes = types(reader);
        Set<String> writerTypes = types(writer);
        if (!readerTypes.isEmpty()) {
            if (writerTypes.isEmpty()) {
                return at + ": the writer allows any type, the reader only " + readerTypes;
            }
            for (String type : writerTypes) {
                if (!readerTypes.contains(type) && !(type.equals("integer") && readerTypes.contains("number"))) {
                    return at + ": the reader does not accept type " + type;
                }
            }
        }
        String enums = unreadableEnum(reader, writer, at);
        if (enums != null) {
            return enums;
        }
        String objects = unreadableObject(reader, writer, at);
        if (objects != null) {
            return objects;
        }
        if (reader.path("items").isObject() && writer.path("items").isObject()) {
            return unreadable(reader.get("items"), writer.get("items"), at + "/items");
        }
        return null;
    }

    private static @Nullable String unreadableEnum(JsonNode reader, JsonNode writer, String at) {
        if (!reader.has("enum")) {
            return null;
        }
        if (!writer.has("enum")) {
            return at + ": the reader accepts only enumerated values, the writer any";
        }
        Set<JsonNode> known = new HashSet<>();
        reader.get("enum").forEach(known::add);
        for (JsonNode value : writer.get("enum")) {
            if (!known.contains(value)) {
                return at + ": the reader does not accept the enum value " + value;
            }
        }
        return null;
    }

    private static @Nullable String unreadableObject(JsonNode reader, JsonNode writer, String at) {
        Set<String> writerRequired = strings(writer.path("required"));
        for (String required : strings(reader.path("required"))) {
            if (!writerRequired.contains(required)) {
                return at + ": the reader requires property " + required + ", which the writer may omit";
            }
        }
        JsonNode readerProperties = reader.path("properties");
        JsonNode writerProperties = writer.path("properties");
        boolean readerClosed = reader.path("additionalProperties").isBoolean() && !reader.get("additionalProperties").asBoolean();
        for (String name : writerProperties.propertyNames()) {
            JsonNode read = readerProperties.get(name);
            if (read == null) {
                if (readerClosed) {
                    return at + ": the reader does not accept property " + name;
                }
                continue;
            }
            String nested = unreadable(read, writerProperties.get(name), at + "/properties/" + name);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isString() ? Set.of(type.asString()) : strings(type);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        if (array.isArray()) {
            array.forEach(v -> values.add(v.asString()));
        }
        return values;
    }
}
