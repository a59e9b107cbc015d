package io.tarn.s3.engine;

import io.tarn.core.store.Entry;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The listing walk shared by ListObjects, ListObjectVersions and ListMultipartUploads: a range
 * scan in UTF-8 byte order of object keys that rolls keys up into common prefixes at the
 * delimiter and jumps past each common prefix with a new seek, so a listing never reads more of
 * the bucket than it returns (plus one entry to know whether it was truncated).
 */
final class PrefixWalk {

    /** One page: items and common prefixes in key order, at most {@code max} of both together. */
    record Page<T>(List<T> items, List<String> commonPrefixes, boolean truncated, @Nullable String lastName, @Nullable T lastItem) {}

    private PrefixWalk() {}

    /**
     * @param base the keyspace prefix whose next component is the object key ({@code ("c", bucket)})
     * @param start where to begin (inclusive): {@code base + prefix} or just after a marker
     * @param nameOf the object key of an entry
     */
    static <T> Page<T> walk(Keyspace keyspace, Key base, String prefix, @Nullable String delimiter, Key start, int max,
            Function<Entry, String> nameOf, Function<Entry, T> itemOf) {
        if (max <= 0) {
            return new Page<>(List.of(), List.of(), false, null, null); // max-keys=0: nothing, and not truncated
        }
        List<T> items = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Object[] last = new Object[2];
        boolean[] truncated = {false};
        Key[] from = {start};
        boolean[] restart = {true};
        while (restart[0]) {
            restart[0] = false;
            keyspace.scan(base, from[0], e -> {
                String name = nameOf.apply(e);
                if (!name.startsWith(prefix)) {
                    return Utf8Order.compare(name, prefix) < 0; // before the prefix: keep going; after it: done
                }
                int at = delimiter == null || delimiter.isEmpty() ? -1 : name.indexOf(delimiter, prefix.length());
                if (items.size() + prefixes.size() >= max) {
                    truncated[0] = true;
                    return false;
                }
                if (at >= 0) {
                    String common = name.substring(0, at + delimiter.length());
                    prefixes.add(common);
                    last[0] = common;
                    last[1] = null;
                    from[0] = base.with(Utf8Order.successorOfPrefix(common));
                    restart[0] = true;
                    return false;
                }
                T item = itemOf.apply(e);
                items.add(item);
                last[0] = name;
                last[1] = item;
                return true;
            });
        }
        @SuppressWarnings("unchecked")
        T lastItem = (T) last[1];
        return new Page<>(items, prefixes, truncated[0], (String) last[0], lastItem);
    }
}
