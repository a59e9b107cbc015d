package io.tarn.glue.engine.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Hive type of a JSON value as AWS's JSON classifier infers it: whole numbers {@code int}, or
 * {@code bigint} past int's range, other numbers {@code double}, objects {@code struct<...>} with
 * their fields as named, arrays {@code array<...>} of their elements' merged type, nulls nothing.
 */
final class JsonTypes {

    private JsonTypes() {}

    static HiveType of(JsonNode node) {
        if (node.isObject()) {
            Map<String, HiveType> fields = new LinkedHashMap<>();
            node.properties().forEach(e -> fields.merge(e.getKey(), of(e.getValue()), HiveType::merge));
            return new HiveType.Struct(fields);
        }
        if (node.isArray()) {
            HiveType element = HiveType.UNKNOWN;
            for (JsonNode item : node) {
                element = element.merge(of(item));
            }
            return new HiveType.Array(element);
        }
        if (node.isBoolean()) {
            return HiveType.BOOLEAN;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? HiveType.INT : node.canConvertToLong() ? HiveType.BIGINT : HiveType.DOUBLE;
        }
        if (node.isNumber()) {
            return HiveType.DOUBLE;
        }
        if (node.isNull() || node.isMissingNode()) {
            return HiveType.UNKNOWN;
        }
        return HiveType.STRING;
    }
}
