package io.tarn.firehose.engine.streams;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.firehose.model.DeliveryStreamMeta;
import io.tarn.firehose.model.FirehoseKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The delivery streams of every account at {@code (account, region, "ds", name)}: read from the
 * store on first use, then kept in memory and written through. A stream whose deletion time came
 * is removed the first time anyone looks (or by the timer its deletion set), and the listeners
 * are told its incarnation so delivery can drop what it still buffers.
 */
final class DeliveryStreams {

    private record Id(Namespace namespace, String name) {}

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final ConcurrentHashMap<Id, DeliveryStreamMeta> cache = new ConcurrentHashMap<>();
    private final List<Consumer<DeliveryStreamMeta>> goneListeners = new ArrayList<>();

    DeliveryStreams(Keyspace keyspace, EmulatorClock clock) {
        this.keyspace = keyspace;
        this.clock = clock;
    }

    void onGone(Consumer<DeliveryStreamMeta> listener) {
        goneListeners.add(listener);
    }

    /** The stream, or null when there is none (or its deletion completed). */
    @Nullable DeliveryStreamMeta find(Namespace ns, String name) {
        Id id = new Id(ns, name);
        DeliveryStreamMeta meta = cache.get(id);
        if (meta == null) {
            meta = keyspace.get(FirehoseKeys.stream(ns, name), DeliveryStreamMeta.class).orElse(null);
            if (meta == null) {
                return null;
            }
            cache.putIfAbsent(id, meta);
        }
        if (meta.goneAt(clock.millis())) {
            remove(ns, meta);
            return null;
        }
        return meta;
    }

    /** Writes a stream (new, or a new version of one); callers serialise changes to one stream. */
    void save(Namespace ns, DeliveryStreamMeta meta) {
        keyspace.put(FirehoseKeys.stream(ns, meta.name()), meta);
        cache.put(new Id(ns, meta.name()), meta);
    }

    /** Deletes the stream if the stored one is still {@code meta}'s incarnation. */
    synchronized void remove(Namespace ns, DeliveryStreamMeta meta) {
        cache.remove(new Id(ns, meta.name()), meta);
        DeliveryStreamMeta stored = keyspace.get(FirehoseKeys.stream(ns, meta.name()), DeliveryStreamMeta.class).orElse(null);
        if (stored != null && stored.incarnation().equals(meta.incarnation())) {
            keyspace.delete(FirehoseKeys.stream(ns, meta.name()));
            goneListeners.forEach(l -> l.accept(meta));
        }
    }

    /** Every existing stream of {@code ns}, in name order. */
    List<DeliveryStreamMeta> list(Namespace ns) {
        List<String> names = new ArrayList<>();
        keyspace.scan(FirehoseKeys.streams(ns), null, (Entry e) -> names.add(e.key().string(3)));
        List<DeliveryStreamMeta> out = new ArrayList<>();
        for (String name : names) {
            DeliveryStreamMeta m = find(ns, name);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    void clearCache() {
        cache.clear();
    }
}
