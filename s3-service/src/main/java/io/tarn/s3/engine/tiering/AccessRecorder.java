package io.tarn.s3.engine.tiering;

import io.tarn.core.store.Keyspace;
import io.tarn.s3.model.S3Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The accesses of monitored objects: kept in memory by the read and written a moment later
 * ({@link #FLUSH_AFTER_MILLIS}) in one batch by a thread of its own, so a GET never waits for a
 * write, repeated reads of one object cost one write, and a crash forgets only that last moment.
 * Whoever reads the states to change them (the daily evaluation) flushes first, holding this
 * object's lock, so an access is never overwritten by a decision taken without it.
 */
final class AccessRecorder implements AutoCloseable {

    static final long FLUSH_AFTER_MILLIS = 100;

    private final Keyspace keyspace;
    private final Map<Long, TierState> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "s3-tiering-access");
        t.setDaemon(true);
        return t;
    });

    AccessRecorder(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** Version {@code seq} was read: it is back in Frequent Access as {@code state} says. */
    void accessed(long seq, TierState state) {
        pending.put(seq, state);
        if (flushQueued.compareAndSet(false, true)) {
            flusher.schedule(() -> {
                flushQueued.set(false);
                flush();
            }, FLUSH_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The state an access not yet written gave version {@code seq}, if there is one. */
    @Nullable TierState pending(long seq) {
        return pending.get(seq);
    }

    /** Writes the accesses noted so far, in one batch. */
    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Map.Entry<Long, TierState>> taken = new ArrayList<>(pending.entrySet().size());
        pending.forEach((seq, state) -> taken.add(Map.entry(seq, state)));
        keyspace.write(b -> taken.forEach(e -> b.put(S3Keys.tier(e.getKey()), e.getValue())));
        taken.forEach(e -> pending.remove(e.getKey(), e.getValue())); // a newer access stays for the next flush
    }

    /** Forgets what is not written yet (an admin reset cleared the store). */
    void forget() {
        pending.clear();
    }

    /** Writes what is pending and stops: the store is about to close. */
    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }
}
