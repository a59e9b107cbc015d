package io.tarn.core.iam;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The request context a policy's conditions and variables read: each key with its values (a
 * multi-valued key such as {@code s3:RequestObjectTagKeys} has several). Key names are
 * case-insensitive, as AWS says; the part after a {@code /} (a tag key) keeps its case.
 */
public final class ContextKeys {

    public static final ContextKeys EMPTY = new ContextKeys(Map.of());

    private final Map<String, List<String>> values;

    private ContextKeys(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The key's values, or null when the request does not carry it (an empty list counts as absent). */
    public @Nullable List<String> get(String key) {
        List<String> found = values.get(normalize(key));
        return found == null || found.isEmpty() ? null : found;
    }

    /** The first value of a single-valued key, for policy variables. */
    public @Nullable String single(String key) {
        List<String> found = get(key);
        return found == null ? null : found.get(0);
    }

    static String normalize(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key.toLowerCase(Locale.ROOT) : key.substring(0, slash).toLowerCase(Locale.ROOT) + key.substring(slash);
    }

    @Override
    public String toString() {
        return values.toString();
    }

    public static final class Builder {
        private final Map<String, List<String>> values = new HashMap<>();

        /** Sets a single-valued key; a null value leaves the key absent. */
        public Builder put(String key, @Nullable String value) {
            if (value != null) {
                values.put(normalize(key), List.of(value));
            }
            return this;
        }

        public Builder putAll(String key, List<String> keyValues) {
            values.put(normalize(key), List.copyOf(Objects.requireNonNull(keyValues)));
            return this;
        }

        public ContextKeys build() {
            return new ContextKeys(Map.copyOf(values));
        }
    }
}
