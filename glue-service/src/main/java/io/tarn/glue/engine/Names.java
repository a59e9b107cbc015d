package io.tarn.glue.engine;

import io.tarn.glue.GlueErrors;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Glue's catalog names: AWS stores database and table names lower-cased (a {@code Sales} database is
 * found as {@code sales} too) and limits them to 255 characters.
 */
public final class Names {

    public static final int MAX_LENGTH = 255;

    private Names() {}

    /** The stored form of a name; ValidationException as AWS words it when missing or too long. */
    public static String normalize(@Nullable String name, String field) {
        return check(name, field).toLowerCase(Locale.ROOT);
    }

    /** A name kept as given (connections): ValidationException as AWS words it when missing or too long. */
    public static String check(@Nullable String name, String field) {
        if (name == null) {
            throw GlueErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field);
        }
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                    + "Member must have length %s", name, field,
                    name.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_LENGTH);
        }
        return name;
    }
}
