package io.tarn.glue.api;

import io.tarn.glue.GlueErrors;
import org.jspecify.annotations.Nullable;

/** The required members of a request, refused as AWS's model validation refuses a missing one. */
final class Required {

    private Required() {}

    static <T> T member(@Nullable T value, String field) {
        if (value == null) {
            throw GlueErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field);
        }
        return value;
    }
}
