package io.tarn.kms.api;

import io.tarn.kms.KmsErrors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The model's constraints on a request, checked all at once and reported as AWS does:
 * {@code 1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member
 * must not be null}; several join with "; " after "N validation errors detected: ".
 * Members are named in lower camel case; sensitive blobs are not echoed.
 */
final class Validation {

    private final List<String> errors = new ArrayList<>(2);

    static Validation of() {
        return new Validation();
    }

    Validation notNull(String member, @Nullable Object value) {
        if (value == null) {
            errors.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    Validation length(String member, @Nullable String value, int min, int max) {
        if (value != null) {
            if (value.length() < min) {
                errors.add(fail(value, member, "Member must have length greater than or equal to " + min));
            } else if (value.length() > max) {
                errors.add(fail(value, member, "Member must have length less than or equal to " + max));
            }
        }
        return this;
    }

    Validation blob(String member, byte @Nullable [] value, int min, int max) {
        if (value != null) {
            if (value.length < min) {
                errors.add("Value at '" + member + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
            } else if (value.length > max) {
                errors.add("Value at '" + member + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    Validation range(String member, @Nullable Integer value, int min, int max) {
        if (value != null) {
            if (value < min) {
                errors.add(fail(value, member, "Member must have value greater than or equal to " + min));
            } else if (value > max) {
                errors.add(fail(value, member, "Member must have value less than or equal to " + max));
            }
        }
        return this;
    }

    Validation oneOf(String member, @Nullable String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(fail(value, member, "Member must satisfy enum value set: " + allowed));
        }
        return this;
    }

    Validation allOf(String member, @Nullable List<String> values, Collection<String> allowed) {
        if (values != null) {
            for (String v : values) {
                if (!allowed.contains(v)) {
                    errors.add(fail(values, member, "Member must satisfy constraint: [Member must satisfy enum value set: " + allowed + "]"));
                    break;
                }
            }
        }
        return this;
    }

    Validation pattern(String member, @Nullable String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(fail(value, member, "Member must satisfy regular expression pattern: " + pattern.pattern()));
        }
        return this;
    }

    Validation size(String member, @Nullable Collection<?> values, int min, int max) {
        if (values != null) {
            if (values.size() < min) {
                errors.add(fail(values, member, "Member must have length greater than or equal to " + min));
            } else if (values.size() > max) {
                errors.add(fail(values, member, "Member must have length less than or equal to " + max));
            }
        }
        return this;
    }

    /** Throws the ValidationException when any constraint failed. */
    void check() {
        if (!errors.isEmpty()) {
            int n = errors.size();
            throw KmsErrors.VALIDATION.exception("%d validation error%s detected: %s", n, n == 1 ? "" : "s",
                    String.join("; ", errors));
        }
    }

    private static String fail(Object value, String member, String constraint) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint;
    }
}
