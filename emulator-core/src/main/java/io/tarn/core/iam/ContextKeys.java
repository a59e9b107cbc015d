package io.tarn.core.iam;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The request context a policy's conditions and variables read: each key with its values (a
 * multi-valued key such as {@code s3:RequestObjectTagKeys} has several). Key names are
 * case-insensitive, as AWS says; the part after a {@code /} (a tag key) keeps its case.
 */
public final class ContextKeys {

    public static final ContextKeys EMPTY = new ContextKeys(Map.of(), null);

    /**
     * Where the keys not put are found, on first use: a request's keys are many (two dozen for S3)
     * and most policies read few of them, so a service computes each one only when a condition or
     * variable asks for it. Given a normalized key; null when the request does not carry it.
     */
    @FunctionalInterface
    public interface Source {
        @Nullable List<String> values(String normalizedKey);
    }

    private final Map<String, List<String>> values;
    private final @Nullable Source source;
    /** What {@link #source} answered, once asked (an empty list for an absent key). One request's, on one thread. */
    private @Nullable Map<String, List<String>> found;

    private ContextKeys(Map<String, List<String>> values, @Nullable Source source) {
        this.values = values;
        this.source = source;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The key's values, or null when the request does not carry it (an empty list counts as absent). */
    public @Nullable List<String> get(String key) {
        return getNormalized(normalize(key));
    }

    /** {@link #get} of a key already {@link #normalize normalized}: a compiled condition's, looked up at every request. */
    @Nullable List<String> getNormalized(String normalizedKey) {
        List<String> given = values.get(normalizedKey);
        if (given == null && source != null) {
            if (found == null) {
                found = new HashMap<>();
            }
            given = found.computeIfAbsent(normalizedKey, k -> {
                List<String> v = source.values(k);
                return v == null ? List.of() : v;
            });
        }
        return given == null || given.isEmpty() ? null : given;
    }

    /** The first value of a single-valued key, for policy variables. */
    public @Nullable String single(String key) {
        List<String> found = get(key);
        return found == null ? null : found.get(0);
    }

    static String normalize(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            String known = NORMALIZED.get(key);
            if (known != null) {
                return known;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (NORMALIZED.size() < MAX_NORMALIZED) {
                NORMALIZED.put(key, lower);
            }
            return lower;
        }
        return key.substring(0, slash).toLowerCase(Locale.ROOT) + key.substring(slash);
    }

    /**
     * Key names as services spell them ({@code aws:CurrentTime}) to their normalized form: the
     * same few dozen names are put into every request's context, and lowering each one each time
     * was a good part of building it. Bounded, since policies may name keys of their own.
     */
    private static final Map<String, String> NORMALIZED = new ConcurrentHashMap<>();
    private static final int MAX_NORMALIZED = 4096;

    @Override
    public String toString() {
        return source == null ? values.toString() : values + " and keys computed on demand";
    }

    /**
     * {@link #build} hands its map over rather than copying it (a request's context is built once
     * and never added to); a builder used again after it copies the map first.
     */
    public static final class Builder {
        private Map<String, List<String>> values = new HashMap<>();
        private @Nullable Source source;
        private boolean built;

        /** The keys not put are asked of {@code keySource} when read (the ContextKeys built is then for one thread). */
        public Builder source(Source keySource) {
            this.source = keySource;
            return this;
        }

        /** Sets a single-valued key; a null value leaves the key absent. */
        public Builder put(String key, @Nullable String value) {
            if (value != null) {
                open().put(normalize(key), List.of(value));
            }
            return this;
        }

        public Builder putAll(String key, List<String> keyValues) {
            open().put(normalize(key), List.copyOf(Objects.requireNonNull(keyValues)));
            return this;
        }

        public ContextKeys build() {
            built = true;
            return new ContextKeys(Collections.unmodifiableMap(values), source);
        }

        private Map<String, List<String>> open() {
            if (built) {
                values = new HashMap<>(values);
                built = false;
            }
            return values;
        }
    }
}
