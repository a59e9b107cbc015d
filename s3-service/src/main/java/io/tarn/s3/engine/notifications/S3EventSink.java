package io.tarn.s3.engine.notifications;

import io.tarn.core.spi.ports.DeliveryStreamPort;
import io.tarn.core.spi.ports.StreamPort;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.NotificationConfig;
import io.tarn.s3.model.OutboxEntry;
import io.tarn.s3.model.ObjectVersion;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * S3 event notifications: turns object changes into events for the destinations whose filters
 * match, written to the outbox in the change's own batch. The object engine calls it as its
 * {@link ObjectChangeHook}; other engines (restore, lifecycle) call {@link #emit} with the events
 * they cause ({@code ObjectRestore:Completed}, {@code LifecycleExpiration:Delete}...).
 */
public final class S3EventSink implements ObjectChangeHook, AutoCloseable {

    private final Keyspace keyspace;
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
            LongSupplier sequence, Supplier<StreamPort> kinesis, Supplier<DeliveryStreamPort> firehose) {
        this.keyspace = keyspace;
        this.buckets = buckets;
        this.clock = clock;
        this.outbox = new Outbox(keyspace, clock, scheduler);
        this.configs = new NotificationConfigs(keyspace, buckets, clock, targets, sequence, outbox);
        this.sender = new EventSender(targets, kinesis, firehose);
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
    public void changed(Batch batch, String bucket, String eventName, ObjectVersion version, LongSupplier sequencer) {
        BucketMeta b = buckets.find(bucket);
        if (b == null) {
            return;
        }
        NotificationConfig config = configs.get(bucket);
        List<NotificationConfig.Destination> matching = config.destinations().stream()
                .filter(d -> EventNames.wanted(d, eventName, version.key())).toList();
        if (matching.isEmpty()) {
            return;
        }
        long seq = sequencer.getAsLong();
        RequestOrigin origin = RequestOrigin.current();
        long now = clock.millis();
        int n = 0;
        for (NotificationConfig.Destination d : matching) {
            String body = EventRecords.record(b, d.id(), eventName, version, seq, origin, clock.instant());
            outbox.add(batch, seq, n++, new OutboxEntry(OutboxEntry.SCHEMA, bucket, eventName, d.arn(), version.key(), body, now, 0, 0,
                    null));
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

    /**
     * Emits {@code eventName} (without {@code s3:}, e.g. {@code ObjectRestore:Completed}) for
     * {@code version} of {@code bucket} inside the caller's {@code batch}, so the event is
     * committed with the change it tells of; call {@link #committed()} once the batch is committed.
     * Its sequencer comes from the store-wide sequence, so it follows every earlier change of the key.
     */
    public void emit(Batch batch, String bucket, String eventName, ObjectVersion version) {
        changed(batch, bucket, eventName, version, sequence);
    }

    /** As above, in a batch of its own (for a change already committed). */
    public void emit(String bucket, String eventName, ObjectVersion version) {
        keyspace.write(batch -> emit(batch, bucket, eventName, version));
        committed();
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
