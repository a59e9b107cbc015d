package io.tarn.s3.engine.analytics;

import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what GETs retrieve, per analysis configuration, day and object age group. A GET only adds
 * to counters in memory; a flush, each second and before every export, adds them to the stored
 * day counters in one batch. A crash loses at most the last second's counts, never a stored one.
 */
public final class AccessRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessRecorder.class);
    private static final long FLUSH_EVERY_MILLIS = 1_000;

    private record Counter(String bucket, String configId, long epochDay, AgeGroup group) {}

    private static final class Adders {
        final LongAdder bytes = new LongAdder();
        final LongAdder requests = new LongAdder();
    }

    private final Keyspace keyspace;
    private final AnalyticsConfigurations configurations;
    private final EmulatorClock clock;
    /** Recorders add under the read lock (shared); a flush takes the write lock only to swap the map. */
    private final ReadWriteLock swap = new ReentrantReadWriteLock();
    private Map<Counter, Adders> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    public AccessRecorder(Keyspace keyspace, AnalyticsConfigurations configurations, EmulatorClock clock) {
        this.keyspace = keyspace;
        this.configurations = configurations;
        this.clock = clock;
    }

    /** Starts flushing each second (real time: it bounds what a crash loses, not when anything happens). */
    public void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "s3-analytics-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                log.warn("storage class analysis counts not flushed; retried in a second", e);
            }
        }, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A GET of {@code v} in {@code bucket} sent {@code bytes}: counted for each configuration whose filter takes it. */
    public void recordGet(String bucket, ObjectVersion v, long bytes) {
        if (!"STANDARD".equals(v.storageClass())) {
            return; // the analysis observes STANDARD objects, whose move to STANDARD_IA it recommends
        }
        List<AnalyticsConfiguration> configs = configurations.of(bucket);
        if (configs.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        long day = DailyExport.epochDay(now);
        AgeGroup group = AgeGroup.of(Duration.between(v.lastModified(), now).toDays());
        swap.readLock().lock();
        try {
            for (AnalyticsConfiguration c : configs) {
                if (c.matches(v.key(), v.tags())) {
                    Adders a = pending.computeIfAbsent(new Counter(bucket, c.id(), day, group), k -> new Adders());
                    a.bytes.add(bytes);
                    a.requests.increment();
                }
            }
        } finally {
            swap.readLock().unlock();
        }
    }

    /** Adds the counts in memory to the stored ones, in one batch; only this method writes day counters. */
    public synchronized void flush() {
        Map<Counter, Adders> drained;
        swap.writeLock().lock();
        try {
            if (pending.isEmpty()) {
                return;
            }
            drained = pending;
            pending = new ConcurrentHashMap<>();
        } finally {
            swap.writeLock().unlock();
        }
        keyspace.write(batch -> drained.forEach((c, a) -> {
            if (!configurations.exists(c.bucket(), c.configId())) {
                return; // deleted since: its counts go with it
            }
            var key = S3Keys.analyticsAccess(c.bucket(), c.configId(), c.epochDay(), c.group().ordinal());
            AccessCount before = keyspace.get(key, AccessCount.class).orElse(AccessCount.ZERO);
            batch.put(key, before.plus(new AccessCount(a.bytes.sum(), a.requests.sum())));
        }));
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }
}
