package io.tarn.kinesis.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.model.KinesisKeys;
import io.tarn.kinesis.model.StreamMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The streams of every account: loaded from the store on first use and then kept in memory,
 * written through on every change. A stream whose deletion time came is purged (its metadata,
 * consumers and records) the first time anyone looks, or by the timer set when it was deleted.
 */
final class Streams {

    private record Id(Namespace namespace, String name) {}

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final ConcurrentHashMap<Id, StreamState> cache = new ConcurrentHashMap<>();
    private final List<Consumer<StreamMeta>> purgeListeners = new ArrayList<>();

    Streams(Keyspace keyspace, EmulatorClock clock) {
        this.keyspace = keyspace;
        this.clock = clock;
    }

    void onPurge(Consumer<StreamMeta> listener) {
        purgeListeners.add(listener);
    }

    /** The stream, or null when it does not exist (or its deletion completed). */
    @Nullable StreamState find(Namespace ns, String name) {
        Id id = new Id(ns, name);
        StreamState state = cache.get(id);
        if (state == null) {
            StreamMeta meta = keyspace.get(KinesisKeys.stream(ns, name), StreamMeta.class).orElse(null);
            if (meta == null) {
                return null;
            }
            state = cache.computeIfAbsent(id, k -> new StreamState(ns, meta));
        }
        if (state.meta().goneAt(clock.millis())) {
            purge(state);
            return null;
        }
        return state;
    }

    StreamState require(Namespace ns, String name) {
        StreamState state = find(ns, name);
        if (state == null) {
            throw notFound(ns, name);
        }
        return state;
    }

    static RuntimeException notFound(Namespace ns, String name) {
        return KinesisErrors.RESOURCE_NOT_FOUND.exception("Stream %s under account %s not found.", name, ns.account());
    }

    /** Writes a new stream; the caller made sure none of that name exists. */
    StreamState create(Namespace ns, StreamMeta meta) {
        keyspace.put(KinesisKeys.stream(ns, meta.name()), meta);
        StreamState state = new StreamState(ns, meta);
        cache.put(new Id(ns, meta.name()), state);
        return state;
    }

    /** Writes a new version of a stream; call while synchronised on {@code state}. */
    void save(StreamState state, StreamMeta meta) {
        keyspace.put(KinesisKeys.stream(state.namespace, state.name), meta);
        state.set(meta);
    }

    /** Deletes the stream's metadata, consumers and records (a re-created stream of that name keeps its own). */
    void purge(StreamState state) {
        StreamMeta meta = state.meta();
        synchronized (state) {
            cache.remove(new Id(state.namespace, state.name), state);
            StreamMeta stored = keyspace.get(KinesisKeys.stream(state.namespace, state.name), StreamMeta.class).orElse(null);
            boolean same = stored != null && stored.incarnation() == meta.incarnation();
            keyspace.write(b -> {
                if (same) {
                    b.delete(KinesisKeys.stream(state.namespace, state.name));
                    b.deletePrefix(KinesisKeys.consumers(state.namespace, state.name));
                }
                b.deletePrefix(KinesisKeys.records(meta.incarnation()));
            });
        }
        purgeListeners.forEach(l -> l.accept(meta));
    }

    /** Every existing stream of {@code ns}, in name order. */
    List<StreamState> list(Namespace ns) {
        List<StreamState> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        keyspace.scan(KinesisKeys.streams(ns), null, (Entry e) -> names.add(e.key().string(3)));
        for (String name : names) {
            StreamState s = find(ns, name);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The namespace and name of every stored stream of every account, for the sweepers. Only keys
     * are read, so one stream whose metadata cannot be loaded does not hide the others.
     */
    void forEachName(BiConsumer<Namespace, String> action) {
        List<Key> keys = new ArrayList<>();
        keyspace.scan(Key.of("s"), null, (Entry e) -> keys.add(e.key()));
        for (Key key : keys) {
            action.accept(new Namespace(key.string(1), key.string(2)), key.string(3));
        }
    }

    void clearCache() {
        cache.clear();
    }

    Keyspace keyspace() {
        return keyspace;
    }
}
