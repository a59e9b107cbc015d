package io.tarn.core.protocol.query;

import io.tarn.core.error.ErrorCode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The flattened parameters of a query-protocol request ({@code Tags.member.1.Key=...}). */
public record QueryParams(Map<String, String> values) {

    /** Query-protocol services (STS, IAM) answer a constraint violation as ValidationError, not JSON's ValidationException. */
    private enum QueryErrors implements ErrorCode {
        VALIDATION;

        @Override
        public String code() {
            return "ValidationError";
        }

        @Override
        public int status() {
            return 400;
        }
    }

    public @Nullable String get(String name) {
        return values.get(name);
    }

    /** A required parameter; missing answers ValidationError as AWS words it. */
    public String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw QueryErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null",
                    Character.toLowerCase(name.charAt(0)) + name.substring(1));
        }
        return v;
    }

    /** An optional integer parameter; a non-number answers ValidationError. */
    public @Nullable Integer integer(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw QueryErrors.VALIDATION.exception("Value '%s' at '%s' is not a valid integer", v, name);
        }
    }
}
