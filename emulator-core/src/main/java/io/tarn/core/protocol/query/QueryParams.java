package io.tarn.core.protocol.query;

import io.tarn.core.error.CommonErrors;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The flattened parameters of a query-protocol request ({@code Tags.member.1.Key=...}). */
public record QueryParams(Map<String, String> values) {

    public @Nullable String get(String name) {
        return values.get(name);
    }

    /** A required parameter; missing answers ValidationException as AWS words it. */
    public String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw CommonErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null",
                    Character.toLowerCase(name.charAt(0)) + name.substring(1));
        }
        return v;
    }

    /** An optional integer parameter; a non-number answers ValidationException. */
    public @Nullable Integer integer(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw CommonErrors.VALIDATION.exception("Value '%s' at '%s' is not a valid integer", v, name);
        }
    }
}
