package io.tarn.kms.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.Scheduler;
import io.tarn.kms.model.KmsKeys;
import io.tarn.kms.model.TimerEntry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The timed transitions of keys (deletion, automatic rotation) as scheduler timers on the emulator
 * clock: at most one per kind and key. The {@link TimerEntry} records are written by the engines,
 * in the batch of the change that sets them; this class arms them, and re-arms them all at start.
 */
final class KeyTimers {

    private final Keyspace keyspace;
    private final Scheduler scheduler;
    private final Map<String, BiConsumer<Namespace, String>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Scheduler.Timer> armed = new ConcurrentHashMap<>();

    KeyTimers(Keyspace keyspace, Scheduler scheduler) {
        this.keyspace = keyspace;
        this.scheduler = scheduler;
    }

    /** What a timer of {@code kind} does when due: called with the key's namespace and id. */
    void on(String kind, BiConsumer<Namespace, String> handler) {
        handlers.put(kind, handler);
    }

    /** Arms {@code entry}, replacing the timer of the same kind and key. */
    void arm(TimerEntry entry) {
        BiConsumer<Namespace, String> handler = handlers.get(entry.kind());
        if (handler == null) {
            throw new IllegalStateException("no handler for " + entry.kind() + " timers");
        }
        Namespace ns = entry.namespace();
        String id = id(entry.kind(), ns, entry.keyId());
        Scheduler.Timer previous = armed.put(id, scheduler.at(entry.due(), () -> {
            armed.remove(id);
            handler.accept(ns, entry.keyId());
        }));
        if (previous != null) {
            previous.cancel();
        }
    }

    void disarm(String kind, Namespace ns, String keyId) {
        Scheduler.Timer t = armed.remove(id(kind, ns, keyId));
        if (t != null) {
            t.cancel();
        }
    }

    /** Re-arms the persisted timers: at start, for keys pending deletion or with rotation on. */
    void rearm() {
        keyspace.values(KmsKeys.timers(), TimerEntry.class).forEach(this::arm);
    }

    /** Stops every timer (close, reset). */
    void stop() {
        armed.values().forEach(Scheduler.Timer::cancel);
        armed.clear();
    }

    private static String id(String kind, Namespace ns, String keyId) {
        return kind + "|" + ns.account() + "|" + ns.region() + "|" + keyId;
    }
}
