package io.tarn.kms.engine;

import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kms.model.AuditEvent;
import io.tarn.kms.model.KeyMeta;
import io.tarn.kms.model.KmsKeys;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The key-usage audit log: every use of a key (crypto operations, KeyServicePort calls), persisted
 * in the kms keyspace under {@code (_audit, epochMillis, sequence)} so it reads back in time order.
 * One small put per use; it keeps the newest {@code capacity} entries, trimming the oldest in one
 * batch once it has grown by a slack, so trimming costs one scan per thousand uses at most.
 */
public final class KeyUsageLog {

    private static final int TRIM_SLACK = 1024;

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final int capacity;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong size = new AtomicLong();
    private final Object trimLock = new Object();
    // Where the live entries start: scans begin here, not among the tombstones of trimmed ones.
    private volatile @Nullable Key oldest;

    public KeyUsageLog(Keyspace keyspace, EmulatorClock clock, int capacity) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.capacity = capacity;
        reload();
    }

    /** Recounts the stored entries and continues their sequence (at start and after a reset). */
    public void reload() {
        long[] state = {0, 0};
        keyspace.scan(KmsKeys.auditLog(), null, e -> {
            state[0]++;
            List<Object> parts = e.key().parts();
            state[1] = Math.max(state[1], (Long) parts.get(2));
            return true;
        });
        size.set(state[0]);
        sequence.set(state[1]);
        oldest = null;
    }

    /** Appends one use of {@code key}. */
    public void record(KeyMeta key, String operation, String principal, @Nullable Map<String, String> context) {
        Instant now = clock.instant();
        long seq = sequence.incrementAndGet();
        AuditEvent event = new AuditEvent(AuditEvent.SCHEMA_VERSION, now, key.keyId(), key.arn(), operation, principal,
                context == null ? Map.of() : context, key.account(), key.region());
        keyspace.put(KmsKeys.audit(now.toEpochMilli(), seq), event);
        if (size.incrementAndGet() > capacity + TRIM_SLACK) {
            trim();
        }
    }

    private void trim() {
        synchronized (trimLock) {
            long excess = size.get() - capacity;
            if (excess <= TRIM_SLACK) {
                return; // another thread trimmed meanwhile
            }
            List<Key> doomed = new ArrayList<>();
            Key[] next = {null};
            keyspace.scan(KmsKeys.auditLog(), oldest, e -> {
                if (doomed.size() < excess) {
                    doomed.add(e.key());
                    return true;
                }
                next[0] = e.key();
                return false;
            });
            keyspace.write(b -> doomed.forEach(b::delete));
            size.addAndGet(-doomed.size());
            oldest = next[0];
        }
    }

    /** The newest {@code limit} events (of {@code keyId}, a key id or ARN, when given), oldest first. */
    public List<AuditEvent> events(@Nullable String keyId, int limit) {
        ArrayDeque<AuditEvent> newest = new ArrayDeque<>(Math.min(limit, 4096));
        if (limit <= 0) {
            return List.of();
        }
        keyspace.scan(KmsKeys.auditLog(), oldest, e -> {
            AuditEvent event = e.value(AuditEvent.class);
            if (keyId == null || keyId.equals(event.keyId()) || keyId.equals(event.keyArn())) {
                if (newest.size() == limit) {
                    newest.pollFirst();
                }
                newest.addLast(event);
            }
            return true;
        });
        return new ArrayList<>(newest);
    }

    long size() {
        return size.get();
    }
}
