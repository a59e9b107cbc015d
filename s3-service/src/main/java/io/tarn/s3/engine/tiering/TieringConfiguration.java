package io.tarn.s3.engine.tiering;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One of a bucket's Intelligent-Tiering configurations (schema 1), checked when it was put: which
 * objects it covers and after how many days without access they go to the archive tiers it opts into.
 */
public record TieringConfiguration(int schema, String id, boolean enabled, @Nullable Filter filter, List<Tiering> tierings) {

    public static final int SCHEMA = 1;

    public TieringConfiguration {
        tierings = List.copyOf(tierings);
    }

    /** An archive tier and the consecutive days without access after which objects enter it. */
    public record Tiering(AccessTier accessTier, int days) {}

    /**
     * The objects a configuration covers; {@code and} says the document grouped its conditions in
     * an {@code And} element (read back as given).
     */
    public record Filter(@Nullable String prefix, Map<String, String> tags, boolean and) {

        public Filter {
            // tags keep the order they were given in, as the configuration is read back
            tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }

        boolean matches(String key, @Nullable Map<String, String> objectTags) {
            if (prefix != null && !key.startsWith(prefix)) {
                return false;
            }
            if (objectTags == null) {
                return true; // tags not read yet: the caller asks again with them before acting
            }
            for (Map.Entry<String, String> t : tags.entrySet()) {
                if (!t.getValue().equals(objectTags.get(t.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Whether this configuration applies to an object of this key and tags (null tags: any). */
    boolean covers(String key, @Nullable Map<String, String> tags) {
        return enabled && (filter == null || filter.matches(key, tags));
    }

    /** The days after which this configuration archives objects into {@code tier}, or null when it does not opt into it. */
    @Nullable Integer daysFor(AccessTier tier) {
        for (Tiering t : tierings) {
            if (t.accessTier() == tier) {
                return t.days();
            }
        }
        return null;
    }
}
