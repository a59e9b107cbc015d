package io.tarn.s3.engine.notifications;

import io.tarn.core.store.Batch;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.model.OutboxEntry;
import io.tarn.s3.model.S3Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification outbox: events written in the batch of their change, delivered in that order
 * by one background thread, deleted once delivered. A destination that fails is retried with
 * backoff on the emulator clock (1 s doubling to 5 min) and holds its later events meanwhile, so
 * the events of one key reach it in order. At start the outbox is delivered again, so an event
 * committed before a crash is delivered after it (at least once: one delivered just before the
 * crash, and not yet deleted, comes twice).
 */
public final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(5);
    private static final int PAGE = 256;

    /** Sends one event to its destination; throws when the destination did not take it. */
    @FunctionalInterface
    public interface Sender {
        void send(OutboxEntry entry);
    }

    /** An entry with its key's sequencer, for the admin view. */
    public record Pending(long sequencer, OutboxEntry entry) {}

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    /** Null until {@link #start}: entries wait in the store until there is a sender. */
    private volatile Sender sender;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "s3-notifications");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final Set<Long> armedRetries = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Outbox(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Starts delivering with {@code sender}, beginning with what an earlier run left. */
    public void start(Sender deliverWith) {
        this.sender = deliverWith;
        committed();
    }

    /** Adds an event to {@code batch}; {@code n} tells apart the entries of one change. */
    void add(Batch batch, long sequencer, int n, OutboxEntry entry) {
        batch.put(S3Keys.outbox(sequencer, n), entry);
    }

    /** New entries are committed: a delivery pass runs (one is queued at most, as it reads everything due). */
    void committed() {
        if (sender != null && passQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                passQueued.set(false);
                try {
                    deliverDue();
                } catch (RuntimeException e) {
                    log.error("notification delivery pass failed", e);
                }
            });
        }
    }

    /** Delivers every due entry in outbox order; returns how many were delivered (tests call it directly). */
    public int deliverDue() {
        return deliverDue(sender);
    }

    /** As above, through {@code sender} (an engine test's, which runs the pass on its own thread). */
    public synchronized int deliverDue(Sender sender) {
        Set<String> held = new HashSet<>(); // destinations that failed or wait for a retry in this pass
        long now = clock.millis();
        int delivered = 0;
        Key from = null;
        while (true) {
            List<Entry> page = keyspace.scan(S3Keys.outbox(), from, PAGE);
            for (Entry e : page) {
                OutboxEntry entry = e.value(OutboxEntry.class);
                if (held.contains(entry.destinationArn())) {
                    continue;
                }
                if (entry.nextAttemptMillis() > now) {
                    held.add(entry.destinationArn());
                    armRetry(entry.nextAttemptMillis());
                    continue;
                }
                try {
                    sender.send(entry);
                    keyspace.delete(e.key());
                    delivered++;
                } catch (RuntimeException failure) {
                    held.add(entry.destinationArn());
                    long next = now + backoff(entry.attempts()).toMillis();
                    keyspace.put(e.key(), entry.failed(String.valueOf(failure.getMessage()), next));
                    armRetry(next);
                }
            }
            if (page.size() < PAGE) {
                return delivered;
            }
            List<Object> last = page.get(page.size() - 1).key().parts();
            from = S3Keys.outbox((Long) last.get(1), (Long) last.get(2) + 1); // the next key after the page
        }
    }

    static Duration backoff(int failedBefore) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(failedBefore, 20));
        return d.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : d;
    }

    /** One timer per due instant: an advance of the clock past it delivers before the advance returns. */
    private void armRetry(long dueMillis) {
        if (armedRetries.add(dueMillis)) {
            scheduler.at(Instant.ofEpochMilli(dueMillis), () -> {
                armedRetries.remove(dueMillis);
                committed();
            });
        }
    }

    /** The entries waiting, oldest first, up to {@code limit}. */
    public List<Pending> pending(int limit) {
        List<Pending> out = new ArrayList<>();
        for (Entry e : keyspace.scan(S3Keys.outbox(), null, limit)) {
            out.add(new Pending((Long) e.key().parts().get(1), e.value(OutboxEntry.class)));
        }
        return out;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
