package io.tarn.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/** One service's part of the store: a RocksDB column family. */
public final class Keyspace {

    private final StateStore store;
    private final String name;
    private final ColumnFamilyHandle handle;

    Keyspace(StateStore store, String name, ColumnFamilyHandle handle) {
        this.store = store;
        this.name = name;
        this.handle = handle;
    }

    public String name() {
        return name;
    }

    ColumnFamilyHandle handle() {
        return handle;
    }

    public byte @Nullable [] get(Key key) {
        try {
            return store.db().get(handle, key.raw());
        } catch (RocksDBException e) {
            throw new StoreException("read " + name, e);
        }
    }

    public <T> Optional<T> get(Key key, Class<T> type) {
        byte[] value = get(key);
        return value == null ? Optional.empty() : Optional.of(ModelCodec.decode(value, type));
    }

    /** Commits the writes {@code writes} makes as one atomic batch. */
    public void write(Consumer<Batch> writes) {
        store.write(this, writes);
    }

    public void put(Key key, Object model) {
        write(b -> b.put(key, model));
    }

    public void delete(Key key) {
        write(b -> b.delete(key));
    }

    /**
     * Visits the entries under {@code prefix} in key order, starting at {@code from} (inclusive;
     * null for the first), until {@code visitor} answers false.
     */
    public void scan(Key prefix, @Nullable Key from, Predicate<Entry> visitor) {
        byte[] start = from != null && from.compareTo(prefix) > 0 ? from.raw() : prefix.raw();
        try (Slice upper = new Slice(prefix.prefixEnd());
                ReadOptions options = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator it = store.db().newIterator(handle, options)) {
            for (it.seek(start); it.isValid(); it.next()) {
                if (!visitor.test(new Entry(Key.fromBytes(it.key()), it.value()))) {
                    return;
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StoreException("scan " + name, e);
        }
    }

    /** The last entry under {@code prefix} in key order, or null when there is none. */
    public @Nullable Entry last(Key prefix) {
        try (Slice lower = new Slice(prefix.raw());
                ReadOptions options = new ReadOptions().setIterateLowerBound(lower);
                RocksIterator it = store.db().newIterator(handle, options)) {
            it.seekForPrev(prefix.prefixEnd());
            if (it.isValid()) {
                byte[] key = it.key();
                if (Key.fromRaw(key).startsWith(prefix) && !java.util.Arrays.equals(key, prefix.prefixEnd())) {
                    return new Entry(Key.fromRaw(key), it.value());
                }
            }
            it.status();
            return null;
        } catch (RocksDBException e) {
            throw new StoreException("seek " + name, e);
        }
    }

    /** Up to {@code limit} entries under {@code prefix} from {@code from} (inclusive). */
    public List<Entry> scan(Key prefix, @Nullable Key from, int limit) {
        List<Entry> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        scan(prefix, from, e -> {
            out.add(e);
            return out.size() < limit;
        });
        return out;
    }

    /** Every value under {@code prefix}, decoded. For small sets only (aliases of an account...). */
    public <T> List<T> values(Key prefix, Class<T> type) {
        List<T> out = new ArrayList<>();
        scan(prefix, null, e -> out.add(e.value(type)));
        return out;
    }

    /** Deletes every key in this keyspace. */
    public void clear() {
        store.clear(this);
    }
}
