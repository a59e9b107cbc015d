package io.tarn.firehose.engine.delivery;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The accounts and regions that have anything in the firehose keyspace, by one seek per namespace
 * (every key begins with account and region): where start-up recovery looks for buffers and streams.
 */
public final class StoredNamespaces {

    private StoredNamespaces() {}

    public static List<Namespace> of(Keyspace keyspace) {
        List<Namespace> found = new ArrayList<>();
        Key from = null;
        while (true) {
            List<Entry> first = keyspace.scan(Key.of(), from, 1);
            if (first.isEmpty()) {
                return found;
            }
            Key key = first.get(0).key();
            Namespace ns = new Namespace(key.string(0), key.string(1));
            found.add(ns);
            from = past(Key.of(ns.account(), ns.region()));
        }
    }

    /** The smallest key after every key that starts with {@code prefix}: no encoded part begins with 0xFF. */
    static Key past(Key prefix) {
        byte[] bytes = prefix.bytes();
        byte[] end = Arrays.copyOf(bytes, bytes.length + 1);
        end[bytes.length] = (byte) 0xFF;
        return Key.fromBytes(end);
    }
}
