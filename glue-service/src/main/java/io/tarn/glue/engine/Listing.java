package io.tarn.glue.engine;

import io.tarn.core.store.Entry;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A page of a keyspace range in key order, resuming after the last name a previous page gave. */
public final class Listing {

    private Listing() {}

    /**
     * Up to {@code limit} values under {@code prefix} whose last key part comes after {@code after},
     * those {@code decode} answers null for skipped; the next page begins after the last one returned.
     */
    public static <T> Page<T> page(Keyspace keyspace, Key prefix, @Nullable String after, int limit,
            Function<Entry, @Nullable T> decode) {
        List<T> items = new ArrayList<>();
        String[] last = {null};
        boolean[] more = {false};
        keyspace.scan(prefix, after == null ? null : prefix.with(after), e -> {
            String name = e.key().string(e.key().parts().size() - 1);
            if (name.equals(after)) {
                return true;
            }
            T value = decode.apply(e);
            if (value == null) {
                return true;
            }
            if (items.size() == limit) {
                more[0] = true;
                return false;
            }
            items.add(value);
            last[0] = name;
            return true;
        });
        return new Page<>(items, more[0] ? last[0] : null);
    }
}
