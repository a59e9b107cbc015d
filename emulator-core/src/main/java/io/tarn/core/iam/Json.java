package io.tarn.core.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading the policy grammar's "one value or an array of values". */
final class Json {

    private Json() {}

    /** The element's strings; numbers and booleans count as their text, as AWS lets them go unquoted. */
    static List<String> strings(JsonNode node, String error) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new PolicyException(error);
            }
            for (JsonNode item : node) {
                values.add(scalar(item, error));
            }
        } else {
            values.add(scalar(node, error));
        }
        return values;
    }

    private static String scalar(JsonNode node, String error) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new PolicyException(error);
    }
}
