package io.tarn.firehose.engine.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.error.CommonErrors;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks of one member of a JSON structure against the constraints botocore's model gives it
 * (required, length, range, pattern, enum), answering AWS's {@code ValidationException} in its
 * words ("1 validation error detected: Value 'x' at 'a.b' failed to satisfy constraint: ...",
 * the path in AWS's lower camel case). A member of the wrong JSON type is a {@code SerializationException}.
 */
final class Fields {

    static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    static final Pattern BUCKET_ARN = Pattern.compile("arn:.*:s3:::[\\w.\\-]{1,255}");
    static final Pattern KMS_KEY_ARN = Pattern.compile("arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+");
    static final Pattern KINESIS_STREAM_ARN = Pattern.compile("arn:.*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+");
    static final Pattern NON_BLANK = Pattern.compile("^(?!\\s*$).+");

    private Fields() {}

    /** {@code path} of {@code member} under {@code parent}: AWS writes members in lower camel case. */
    static String path(@Nullable String parent, String member) {
        String camel = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return parent == null ? camel : parent + "." + camel;
    }

    static AwsException invalid(@Nullable Object value, String path, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return CommonErrors.VALIDATION.exception("1 validation error detected: Value %s at '%s' failed to satisfy constraint: %s",
                shown, path, constraint);
    }

    static AwsException wrongType(String path, String expected) {
        return CommonErrors.SERIALIZATION.exception("Expected " + expected + " at '" + path + "'");
    }

    static @Nullable JsonNode member(ObjectNode parent, String member) {
        JsonNode v = parent.get(member);
        return v == null || v.isNull() ? null : v;
    }

    /** A string member: required or not, its length between {@code min} and {@code max}, matching {@code pattern} if given. */
    static @Nullable String string(ObjectNode parent, String member, @Nullable String parentPath, boolean required, int min, int max,
            @Nullable Pattern pattern) {
        String path = path(parentPath, member);
        JsonNode v = member(parent, member);
        if (v == null) {
            if (required) {
                throw invalid(null, path, "Member must not be null");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(path, "a string");
        }
        String s = v.textValue();
        if (s.length() < min) {
            throw invalid(s, path, "Member must have length greater than or equal to " + min);
        }
        if (s.length() > max) {
            throw invalid(s, path, "Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw invalid(s, path, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return s;
    }

    /** A string member with one of {@code values}. */
    static @Nullable String oneOf(ObjectNode parent, String member, @Nullable String parentPath, boolean required, List<String> values) {
        String s = string(parent, member, parentPath, required, 0, Integer.MAX_VALUE, null);
        if (s != null && !values.contains(s)) {
            throw invalid(s, path(parentPath, member), "Member must satisfy enum value set: [" + String.join(", ", values) + "]");
        }
        return s;
    }

    /** An integer member between {@code min} and {@code max}. */
    static @Nullable Integer integer(ObjectNode parent, String member, @Nullable String parentPath, boolean required, long min, long max) {
        String path = path(parentPath, member);
        JsonNode v = member(parent, member);
        if (v == null) {
            if (required) {
                throw invalid(null, path, "Member must not be null");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(path, "an integer");
        }
        int i = v.intValue();
        if (i < min) {
            throw invalid(i, path, "Member must have value greater than or equal to " + min);
        }
        if (i > max) {
            throw invalid(i, path, "Member must have value less than or equal to " + max);
        }
        return i;
    }

    static @Nullable Boolean bool(ObjectNode parent, String member, @Nullable String parentPath) {
        JsonNode v = member(parent, member);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(path(parentPath, member), "a boolean");
        }
        return v.booleanValue();
    }

    static @Nullable ObjectNode object(ObjectNode parent, String member, @Nullable String parentPath, boolean required) {
        String path = path(parentPath, member);
        JsonNode v = member(parent, member);
        if (v == null) {
            if (required) {
                throw invalid(null, path, "Member must not be null");
            }
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(path, "a structure");
        }
        return (ObjectNode) v;
    }

    /** A list member of at most {@code max} entries (the empty list when absent). */
    static ArrayNode list(ObjectNode parent, String member, @Nullable String parentPath, int max) {
        String path = path(parentPath, member);
        JsonNode v = member(parent, member);
        if (v == null) {
            return parent.arrayNode();
        }
        if (!v.isArray()) {
            throw wrongType(path, "a list");
        }
        if (v.size() > max) {
            throw invalid(v, path, "Member must have length less than or equal to " + max);
        }
        return (ArrayNode) v;
    }

    /** Each entry of a list of structures, for checking: entry i's path is {@code path.i.member}, as AWS numbers them from 1. */
    static ObjectNode entry(ArrayNode list, int index, String listPath) {
        JsonNode v = list.get(index);
        String path = listPath + "." + (index + 1) + ".member";
        if (v == null || !v.isObject()) {
            throw wrongType(path, "a structure");
        }
        return (ObjectNode) v;
    }

    static String entryPath(String listPath, int index) {
        return listPath + "." + (index + 1) + ".member";
    }
}
