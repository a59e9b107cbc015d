package io.tarn.s3.engine.notifications;

import io.tarn.core.spi.Ports;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.NotificationConfig;
import io.tarn.s3.model.OutboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * S3 event notifications: turns object changes into events for the destinations whose filters
 * match, and for the event bus when the bucket sends its events to EventBridge, written to the
 * outbox in the change's own batch. It is the object engine's
 * {@link ObjectChangeHook}, through which every engine that changes objects tells of it (the
 * object engine, restores, lifecycle).
 */
public final class S3EventSink implements ObjectChangeHook, AutoCloseable {

    private final BucketEngine buckets;
    private final EmulatorClock clock;
    private final NotificationConfigs configs;
    private final Outbox outbox;
    private final EventSender sender;
    private final LongSupplier sequence;
    /** Whether this thread wrote events into the batch being committed: only then is delivery woken. */
    private final ThreadLocal<Boolean> wrote = ThreadLocal.withInitial(() -> false);

    /**
     * @param sequence the store-wide sequence: every event's sequencer and outbox position comes
     *     from it, so a key's events sort in the order of its changes
     */
    public S3EventSink(Keyspace keyspace, BucketEngine buckets, EmulatorClock clock, Scheduler scheduler, NotificationTargets targets,
            LongSupplier sequence, Ports ports) {
        this.buckets = buckets;
        this.clock = clock;
        this.outbox = new Outbox(keyspace, clock, scheduler);
        this.configs = new NotificationConfigs(keyspace, buckets, clock, targets, sequence, outbox);
        this.sender = new EventSender(targets, ports);
        this.sequence = sequence;
    }

    /** Begins delivering, starting with what the outbox held at the last stop (or crash). */
    public void start() {
        outbox.start(sender);
    }

    public NotificationConfigs configurations() {
        return configs;
    }

    public Outbox outbox() {
        return outbox;
    }

    @Override
    public void changed(Batch batch, ObjectChange change) {
        BucketMeta b = buckets.find(change.bucket());
        if (b == null) {
            return;
        }
        NotificationConfig config = configs.get(change.bucket());
        List<NotificationConfig.Destination> matching = config.destinations().stream()
                .filter(d -> EventNames.wanted(d, change.eventName(), change.version().key())).toList();
        boolean toBus = config.eventBridge() && BusEvents.sends(change.eventName());
        if (matching.isEmpty() && !toBus) {
            return;
        }
        long seq = (change.sequencer() != null ? change.sequencer() : sequence).getAsLong();
        RequestOrigin origin = RequestOrigin.current();
        Instant time = change.at() != null ? change.at() : clock.instant();
        long now = clock.millis();
        int n = 0;
        for (NotificationConfig.Destination d : matching) {
            String body = EventRecords.record(b, d.id(), change, seq, origin, time);
            outbox.add(batch, seq, n++, new OutboxEntry(OutboxEntry.SCHEMA, change.bucket(), change.eventName(), d.arn(),
                    change.version().key(), body, now, 0, 0, null));
        }
        if (toBus) {
            outbox.add(batch, seq, n, new OutboxEntry(OutboxEntry.SCHEMA, change.bucket(), change.eventName(), BusEvents.busArn(b),
                    change.version().key(), BusEvents.event(b, change, seq, origin, time), now, 0, 0, null));
        }
        wrote.set(true);
    }

    @Override
    public void committed() {
        if (wrote.get()) {
            wrote.set(false);
            outbox.committed();
        }
    }

    /** Forgets cached configurations after an admin reset. */
    public void forget() {
        configs.forget();
    }

    @Override
    public void close() {
        outbox.close();
    }
}
