package io.tarn.firehose.engine.streams;

import io.tarn.core.error.AwsException;
import io.tarn.firehose.FirehoseErrors;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Tag rules of delivery streams: the model's key and value constraints, 50 per call and 50 per stream. */
public final class Tags {

    /** A tag as the wire carries it. */
    public record Tag(@Nullable String key, @Nullable String value) {}

    public static final int MAX_TAGS = 50;
    private static final Pattern KEY = Pattern.compile("^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]*$");
    private static final Pattern VALUE = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]*$");

    private Tags() {}

    /** Checks a list of 1 to 50 tags at {@code path} ("tags"). */
    static void check(List<Tag> tags, String path) {
        if (tags.isEmpty()) {
            throw Fields.invalid("[]", path, "Member must have length greater than or equal to 1");
        }
        if (tags.size() > MAX_TAGS) {
            throw Fields.invalid(tags.size() + " tags", path, "Member must have length less than or equal to " + MAX_TAGS);
        }
        for (int i = 0; i < tags.size(); i++) {
            Tag t = tags.get(i);
            String p = Fields.entryPath(path, i);
            checkKey(t.key(), p + ".key");
            String value = t.value() == null ? "" : t.value();
            if (value.length() > 256) {
                throw Fields.invalid(value, p + ".value", "Member must have length less than or equal to 256");
            }
            if (!VALUE.matcher(value).matches()) {
                throw Fields.invalid(value, p + ".value", "Member must satisfy regular expression pattern: " + VALUE.pattern());
            }
        }
    }

    static void checkKey(@Nullable String key, String path) {
        if (key == null) {
            throw Fields.invalid(null, path, "Member must not be null");
        }
        if (key.isEmpty()) {
            throw Fields.invalid(key, path, "Member must have length greater than or equal to 1");
        }
        if (key.length() > 128) {
            throw Fields.invalid(key, path, "Member must have length less than or equal to 128");
        }
        if (!KEY.matcher(key).matches()) {
            throw Fields.invalid(key, path, "Member must satisfy regular expression pattern: " + KEY.pattern());
        }
    }

    /** The limit AWS sets on a stream's tags, checked on what the stream would hold. */
    static void checkCount(Map<String, String> after, String streamName) {
        if (after.size() > MAX_TAGS) {
            throw limit(streamName);
        }
    }

    private static AwsException limit(String streamName) {
        return FirehoseErrors.LIMIT_EXCEEDED.exception(
                "A Firehose stream can have at most %d tags; %s would have more.", MAX_TAGS, streamName);
    }
}
