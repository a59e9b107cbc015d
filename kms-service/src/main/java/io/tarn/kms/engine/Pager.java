package io.tarn.kms.engine;

import io.tarn.core.store.Entry;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.kms.KmsErrors;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Listings as range scans. The marker is the store key of the first entry of the next page,
 * base64url-encoded, so a page costs one seek whatever its position; the api layer hands it to
 * clients inside an authenticated page token ({@code Markers}), never as it is.
 */
final class Pager {

    private Pager() {}

    /** Up to {@code limit} mapped entries under {@code prefix}; {@code mapper} answers null to skip one. */
    static <T> Page<T> page(Keyspace keyspace, Key prefix, @Nullable String marker, int limit, Function<Entry, @Nullable T> mapper) {
        Key from = marker == null ? null : decode(marker, prefix);
        List<T> items = new ArrayList<>();
        Key[] next = {null};
        keyspace.scan(prefix, from, e -> {
            T item = mapper.apply(e);
            if (item == null) {
                return true;
            }
            if (items.size() == limit) {
                next[0] = e.key();
                return false;
            }
            items.add(item);
            return true;
        });
        return new Page<>(items, next[0] == null ? null : encode(next[0]));
    }

    /** A page of an in-memory list (tags, policy names): the marker is the index of the next item. */
    static <T> Page<T> page(List<T> all, @Nullable String marker, int limit) {
        int start = 0;
        if (marker != null) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw invalid();
            }
            if (start < 0 || start > all.size()) {
                throw invalid();
            }
        }
        int end = Math.min(all.size(), start + limit);
        String next = end < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(end).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : null;
        return new Page<>(new ArrayList<>(all.subList(start, end)), next);
    }

    private static String encode(Key key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.bytes());
    }

    private static Key decode(String marker, Key prefix) {
        Key key;
        try {
            key = Key.fromBytes(Base64.getUrlDecoder().decode(marker));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!key.startsWith(prefix)) {
            throw invalid();
        }
        return key;
    }

    private static io.tarn.core.error.AwsException invalid() {
        return KmsErrors.INVALID_MARKER.exception("The marker is not valid for this request.");
    }
}
