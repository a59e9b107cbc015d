package io.tarn.glue.engine.registry;

import io.tarn.glue.GlueErrors;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Schema Registry's limits: the quotas of AWS's "AWS Glue Schema registry" guide (100 registries
 * and 10,000 schema versions per account and region, 10 metadata key-value pairs per version,
 * definitions up to 170,000 characters) and the member constraints of the Glue API model.
 */
final class RegistryLimits {

    static final int MAX_REGISTRIES = 100;
    static final int MAX_SCHEMA_VERSIONS = 10_000;
    static final int MAX_METADATA_PER_VERSION = 10;
    static final int MAX_DEFINITION_LENGTH = 170_000;
    static final int MAX_DESCRIPTION_LENGTH = 2048;
    static final long MAX_VERSION_NUMBER = 100_000;

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_$#.]+");
    private static final Pattern METADATA = Pattern.compile("[a-zA-Z0-9+-=._./@]+");

    private RegistryLimits() {}

    /** A registry or schema name: 1 to 255 of letters, digits and {@code -_$#.}. */
    static String name(@Nullable String name, String field) {
        String value = required(name, field);
        if (value.isEmpty() || value.length() > 255) {
            throw lengthError(value, field, 1, 255);
        }
        if (!NAME.matcher(value).matches()) {
            throw patternError(value, field, NAME);
        }
        return value;
    }

    static @Nullable String description(@Nullable String description) {
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw lengthError(description, "description", 0, MAX_DESCRIPTION_LENGTH);
        }
        return description;
    }

    static String definition(@Nullable String definition) {
        String value = required(definition, "schemaDefinition");
        if (value.isEmpty() || value.length() > MAX_DEFINITION_LENGTH) {
            throw lengthError(value.length() > 64 ? value.substring(0, 64) + "..." : value, "schemaDefinition", 1,
                    MAX_DEFINITION_LENGTH);
        }
        if (value.isBlank()) {
            throw patternError(value, "schemaDefinition", Pattern.compile(".*\\S.*"));
        }
        return value;
    }

    /** A metadata key (1 to 128) or value (1 to 256) of the model's pattern. */
    static String metadata(@Nullable String text, String field, int maxLength) {
        String value = required(text, field);
        if (value.isEmpty() || value.length() > maxLength) {
            throw lengthError(value, field, 1, maxLength);
        }
        if (!METADATA.matcher(value).matches()) {
            throw patternError(value, field, METADATA);
        }
        return value;
    }

    static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw GlueErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field);
        }
        return value;
    }

    private static RuntimeException lengthError(String value, String field, int min, int max) {
        return GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                + "Member must have length %s", value, field,
                value.length() < min ? "greater than or equal to " + min : "less than or equal to " + max);
    }

    private static RuntimeException patternError(String value, String field, Pattern pattern) {
        return GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: %s", value, field, pattern.pattern());
    }
}
