package io.tarn.firehose.engine.streams;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The model's checks of scalar request members the operations read themselves (names, limits, ids). */
public final class RequestChecks {

    private static final Pattern DESTINATION_ID = Pattern.compile("[a-zA-Z0-9-]+");
    private static final Pattern VERSION_ID = Pattern.compile("[0-9]+");

    private RequestChecks() {}

    /** A DeliveryStreamName at {@code path} (1-64 of [a-zA-Z0-9_.-]); required unless {@code optional}. */
    public static @Nullable String streamName(@Nullable String name, String path, boolean optional) {
        return string(name, path, !optional, 1, 64, DeliveryStreamEngine.NAME);
    }

    public static String destinationId(@Nullable String id, String path) {
        return string(id, path, true, 1, 100, DESTINATION_ID);
    }

    public static String versionId(@Nullable String id, String path) {
        return string(id, path, true, 1, 50, VERSION_ID);
    }

    /** A Limit between {@code min} and {@code max}, {@code fallback} when absent. */
    public static int limit(@Nullable Integer limit, String path, int min, int max, int fallback) {
        if (limit == null) {
            return fallback;
        }
        if (limit < min) {
            throw Fields.invalid(limit, path, "Member must have value greater than or equal to " + min);
        }
        if (limit > max) {
            throw Fields.invalid(limit, path, "Member must have value less than or equal to " + max);
        }
        return limit;
    }

    /** A DeliveryStreamType: one of the model's values. */
    public static @Nullable String streamType(@Nullable String type, String path) {
        if (type != null && !DeliveryStreamEngine.TYPES.contains(type)) {
            throw Fields.invalid(type, path, "Member must satisfy enum value set: [" + String.join(", ", DeliveryStreamEngine.TYPES) + "]");
        }
        return type;
    }

    static @Nullable String string(@Nullable String value, String path, boolean required, int min, int max, Pattern pattern) {
        if (value == null) {
            if (required) {
                throw Fields.invalid(null, path, "Member must not be null");
            }
            return null;
        }
        if (value.length() < min) {
            throw Fields.invalid(value, path, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw Fields.invalid(value, path, "Member must have length less than or equal to " + max);
        }
        if (!pattern.matcher(value).matches()) {
            throw Fields.invalid(value, path, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return value;
    }
}
