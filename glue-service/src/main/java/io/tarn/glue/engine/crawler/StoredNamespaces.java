package io.tarn.glue.engine.crawler;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The accounts and regions that have anything in the glue keyspace, found at start-up (to resume
 * schedules and close interrupted crawls) by one seek per namespace: every glue key begins with
 * (account, region), so after reading one key the scan jumps past that whole namespace.
 */
public final class StoredNamespaces {

    private StoredNamespaces() {}

    public static List<Namespace> of(Keyspace keyspace) {
        List<Namespace> found = new ArrayList<>();
        Key all = Key.of();
        Key from = null;
        while (true) {
            List<Entry> first = keyspace.scan(all, from, 1);
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
    private static Key past(Key prefix) {
        byte[] bytes = prefix.bytes();
        byte[] end = Arrays.copyOf(bytes, bytes.length + 1);
        end[bytes.length] = (byte) 0xFF;
        return Key.fromBytes(end);
    }
}
