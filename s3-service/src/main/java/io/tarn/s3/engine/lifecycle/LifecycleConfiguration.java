package io.tarn.s3.engine.lifecycle;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's lifecycle configuration as stored (schema 1): its rules, checked when they were put,
 * and the bucket's {@code TransitionDefaultMinimumObjectSize}.
 *
 * @param minimumObjectSize {@code all_storage_classes_128K} (AWS's default) or {@code varies_by_storage_class}
 */
public record LifecycleConfiguration(int schema, List<Rule> rules, String minimumObjectSize) {

    public static final int SCHEMA = 1;
    public static final String ALL_CLASSES_128K = "all_storage_classes_128K";
    public static final String VARIES_BY_CLASS = "varies_by_storage_class";

    public LifecycleConfiguration {
        rules = List.copyOf(rules);
    }

    /**
     * One rule. {@code legacyPrefix} is the rule-level {@code Prefix} of a configuration written
     * before filters existed (read back as given); otherwise {@code filter} says which objects.
     */
    public record Rule(
            String id,
            boolean enabled,
            @Nullable String legacyPrefix,
            @Nullable Filter filter,
            @Nullable Expiration expiration,
            List<Transition> transitions,
            List<NoncurrentTransition> noncurrentTransitions,
            @Nullable NoncurrentExpiration noncurrentExpiration,
            @Nullable Integer abortDaysAfterInitiation) {

        public Rule {
            transitions = transitions == null ? List.of() : List.copyOf(transitions);
            noncurrentTransitions = noncurrentTransitions == null ? List.of() : List.copyOf(noncurrentTransitions);
        }

        /** The key prefix the rule is limited to ("" for all). */
        public String prefix() {
            if (legacyPrefix != null) {
                return legacyPrefix;
            }
            return filter == null || filter.prefix() == null ? "" : filter.prefix();
        }

        /** Whether the rule applies to an object of this key, size and tags. */
        public boolean matches(String key, long size, Map<String, String> tags) {
            if (!key.startsWith(prefix())) {
                return false;
            }
            return filter == null || filter.matchesSizeAndTags(size, tags);
        }

        /** Whether the rule names an object size, which lets it transition objects under 128 KiB (AWS's custom filter). */
        public boolean hasSizeFilter() {
            return filter != null && (filter.sizeGreaterThan() != null || filter.sizeLessThan() != null);
        }
    }

    /**
     * A rule's filter; {@code and} says the document grouped its conditions in an {@code And}
     * element (read back as given).
     */
    public record Filter(
            @Nullable String prefix,
            Map<String, String> tags,
            @Nullable Long sizeGreaterThan,
            @Nullable Long sizeLessThan,
            boolean and) {

        public Filter {
            // tags keep the order they were given in, as GetBucketLifecycleConfiguration returns them
            tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }

        boolean matchesSizeAndTags(long size, Map<String, String> objectTags) {
            if (sizeGreaterThan != null && size <= sizeGreaterThan) {
                return false;
            }
            if (sizeLessThan != null && size >= sizeLessThan) {
                return false;
            }
            for (Map.Entry<String, String> t : tags.entrySet()) {
                if (!t.getValue().equals(objectTags.get(t.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Expiration of current versions by {@code days} or on {@code date}, or the removal of expired delete markers. */
    public record Expiration(@Nullable Integer days, @Nullable Instant date, @Nullable Boolean expiredObjectDeleteMarker) {}

    public record Transition(@Nullable Integer days, @Nullable Instant date, String storageClass) {}

    public record NoncurrentTransition(int noncurrentDays, @Nullable Integer newerNoncurrentVersions, String storageClass) {}

    public record NoncurrentExpiration(int noncurrentDays, @Nullable Integer newerNoncurrentVersions) {}
}
