package io.tarn.firehose.engine.delivery;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.firehose.FirehoseErrors;
import io.tarn.firehose.model.BufferMeta;
import io.tarn.firehose.model.BufferedChunk;
import io.tarn.firehose.model.DeliveryRecord;
import io.tarn.firehose.model.FirehoseKeys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The data plane: records put to a stream go to its open buffer (one per stream incarnation and
 * destination, and later per partition: {@link BufferKey}), durably, in the same batch as the
 * buffer's record before the put is answered. A buffer is sealed when it reaches the destination's
 * SizeInMBs, or IntervalInSeconds after it opened (a {@link Scheduler} timer on the emulator clock),
 * whichever comes first; sealing decides its object key in one batch, then {@link ObjectDelivery}
 * writes it. After a restart, sealed buffers are delivered again and open ones keep their open time.
 */
public final class RecordBuffers {

    /** What became of one put record: its id, or why it failed. */
    public record Outcome(@Nullable String recordId, @Nullable String errorCode, @Nullable String errorMessage) {}

    /** An open or sealed buffer as the admin endpoint shows it. */
    public record BufferView(String bufferId, @Nullable String partition, Instant opened, long records, long bytes,
            boolean sealed, @Nullable String objectKey, int attempts, @Nullable String lastError) {}

    /** Where records of a put go: one open buffer per key. {@code partition} is for dynamic partitioning. */
    record BufferKey(Namespace ns, String stream, String incarnation, String destinationId, @Nullable String partition) {}

    /** The open buffer of a key; its monitor orders the puts and the seal of that buffer. */
    private static final class Slot {
        @Nullable OpenBuffer open;
    }

    private static final class OpenBuffer {
        final String id;
        final long openedMillis;
        long records;
        long bytes;
        long nextChunk;
        Scheduler.@Nullable Timer timer;

        OpenBuffer(String id, long openedMillis) {
            this.id = id;
            this.openedMillis = openedMillis;
        }

        OpenBuffer copy() {
            OpenBuffer c = new OpenBuffer(id, openedMillis);
            c.records = records;
            c.bytes = bytes;
            c.nextChunk = nextChunk;
            c.timer = timer;
            return c;
        }
    }

    static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final DeliveryStreamLookup streams;
    private final PrefixEvaluator prefixes;
    private final ObjectDelivery delivery;
    private final PutQuotas quotas;
    private final ConcurrentHashMap<BufferKey, Slot> slots = new ConcurrentHashMap<>();

    RecordBuffers(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, DeliveryStreamLookup streams,
            PrefixEvaluator prefixes, ObjectDelivery delivery, DeliverySettings settings) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.streams = streams;
        this.prefixes = prefixes;
        this.delivery = delivery;
        this.quotas = new PutQuotas(settings);
    }

    /** The stream a put may write to, or AWS's error. */
    public DeliveryTarget writable(Namespace ns, String streamName) {
        DeliveryTarget target = streams.find(ns, streamName);
        if (target == null || !"ACTIVE".equals(target.status()) && !target.status().startsWith("UPDATING")) {
            // AWS answers a stream not yet ACTIVE (CREATING) or going (DELETING) as not found
            throw FirehoseErrors.RESOURCE_NOT_FOUND.exception("Firehose %s under account %s not found.", streamName, ns.account());
        }
        if ("KinesisStreamAsSource".equals(target.streamType())) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("This operation is not permitted on KinesisStreamAsSource delivery stream type.");
        }
        if (target.s3() == null) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(
                    "Tarn does not deliver put records to the destination of %s yet: only S3 destinations take records.", streamName);
        }
        return target;
    }

    /**
     * Puts records to a stream: each is buffered (durable when this returns) or fails alone with
     * ServiceUnavailableException over the stream's record and byte quotas; a call over the call
     * quota fails whole.
     */
    public List<Outcome> put(Namespace ns, String streamName, List<byte[]> records) {
        DeliveryTarget target = writable(ns, streamName);
        long now = clock.millis();
        int[] sizes = new int[records.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = records.get(i).length;
        }
        boolean[] admitted = quotas.admit(ns.account() + '/' + ns.region() + '/' + target.incarnation(), sizes, now);
        if (admitted == null) {
            throw slowDown();
        }
        List<byte[]> accepted = new ArrayList<>(records.size());
        for (int i = 0; i < sizes.length; i++) {
            if (admitted[i]) {
                accepted.add(records.get(i));
            }
        }
        if (!accepted.isEmpty()) {
            append(new BufferKey(ns, streamName, target.incarnation(), target.destinationId(), null), target, accepted, now);
        }
        List<Outcome> out = new ArrayList<>(records.size());
        for (boolean ok : admitted) {
            out.add(ok ? new Outcome(recordId(), null, null) : new Outcome(null, "ServiceUnavailableException", "Slow down."));
        }
        return out;
    }

    static AwsException slowDown() {
        return FirehoseErrors.SERVICE_UNAVAILABLE.exception("Slow down.");
    }

    private void append(BufferKey key, DeliveryTarget target, List<byte[]> records, long now) {
        DeliveryTarget.S3Delivery s3 = target.s3();
        long limit = (long) s3.bufferSizeMiB() << 20;
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        List<BufferMeta> sealed = new ArrayList<>();
        List<OpenBuffer> opened = new ArrayList<>();
        synchronized (slot) {
            OpenBuffer[] work = {slot.open == null ? null : slot.open.copy()};
            keyspace.write(b -> {
                List<byte[]> pending = new ArrayList<>();
                for (byte[] r : records) {
                    if (work[0] != null && work[0].bytes > 0 && work[0].bytes + r.length > limit) {
                        addChunk(b, key, work[0], pending, now);
                        sealed.add(seal(b, key, work[0], target));
                        work[0] = null;
                    }
                    if (work[0] == null) {
                        work[0] = open(b, key, now);
                        opened.add(work[0]);
                    }
                    pending.add(r);
                    work[0].records++;
                    work[0].bytes += r.length;
                    if (work[0].bytes >= limit) {
                        addChunk(b, key, work[0], pending, now);
                        sealed.add(seal(b, key, work[0], target));
                        work[0] = null;
                    }
                }
                if (work[0] != null) {
                    addChunk(b, key, work[0], pending, now);
                }
            });
            if (slot.open != null && (work[0] == null || !work[0].id.equals(slot.open.id)) && slot.open.timer != null) {
                slot.open.timer.cancel();
            }
            slot.open = work[0];
            if (work[0] != null && opened.contains(work[0])) {
                arm(key, work[0], s3.bufferIntervalSeconds());
            }
        }
        for (BufferMeta m : sealed) {
            delivery.deliverLater(key.ns(), m, false);
        }
    }

    private OpenBuffer open(Batch b, BufferKey key, long now) {
        OpenBuffer buffer = new OpenBuffer(UUID.randomUUID().toString(), now);
        b.put(metaKey(key, buffer.id), BufferMeta.open(buffer.id, key.stream(), key.incarnation(), key.destinationId(),
                key.partition(), now));
        return buffer;
    }

    private static void addChunk(Batch b, BufferKey key, OpenBuffer buffer, List<byte[]> pending, long now) {
        if (!pending.isEmpty()) {
            b.put(FirehoseKeys.bufferChunk(key.ns(), key.stream(), key.incarnation(), buffer.id, buffer.nextChunk++),
                    new BufferedChunk(now, List.copyOf(pending)));
            pending.clear();
        }
    }

    /** Decides the buffer's object (key, compression, encryption) and writes that decision. */
    private BufferMeta seal(Batch b, BufferKey key, OpenBuffer buffer, DeliveryTarget target) {
        DeliveryTarget.S3Delivery s3 = target.s3();
        Compression compression = Compression.of(s3.compressionFormat());
        Instant opened = Instant.ofEpochMilli(buffer.openedMillis);
        String objectKey = prefixes.evaluate(s3.prefix(), opened, key.partition()) + key.stream() + '-' + target.versionId() + '-'
                + NAME_TIME.format(opened) + '-' + buffer.id + compression.extension();
        BufferMeta meta = BufferMeta.open(buffer.id, key.stream(), key.incarnation(), key.destinationId(), key.partition(),
                buffer.openedMillis).seal(s3.bucket(), objectKey, compression.name(), s3.kmsKeyArn());
        b.put(metaKey(key, buffer.id), meta);
        return meta;
    }

    private void arm(BufferKey key, OpenBuffer buffer, int intervalSeconds) {
        buffer.timer = scheduler.at(Instant.ofEpochMilli(buffer.openedMillis).plusSeconds(intervalSeconds),
                () -> flushDue(key, buffer.id));
    }

    /** The interval of an open buffer has passed: seal it and deliver it before the timer returns. */
    void flushDue(BufferKey key, String bufferId) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return;
        }
        BufferMeta sealed;
        synchronized (slot) {
            OpenBuffer open = slot.open;
            if (open == null || !open.id.equals(bufferId)) {
                return; // sealed by size meanwhile
            }
            DeliveryTarget target = streams.find(key.ns(), key.stream());
            slot.open = null;
            if (target == null || !target.incarnation().equals(key.incarnation()) || target.s3() == null) {
                ObjectDelivery.discard(keyspace, key.ns(), BufferMeta.open(open.id, key.stream(), key.incarnation(),
                        key.destinationId(), key.partition(), open.openedMillis));
                slots.remove(key);
                return;
            }
            BufferMeta[] made = new BufferMeta[1];
            keyspace.write(b -> made[0] = seal(b, key, open, target));
            sealed = made[0];
        }
        delivery.deliver(key.ns(), sealed, false);
    }

    /**
     * Picks up the buffers a previous run left: sealed ones are delivered again (under the key they
     * were given), open ones keep their open time and get their interval timer back.
     */
    public void recover() {
        for (Namespace ns : StoredNamespaces.of(keyspace)) {
            Key from = null;
            while (true) {
                List<Entry> first = keyspace.scan(FirehoseKeys.buffers(ns), from, 1);
                if (first.isEmpty()) {
                    break;
                }
                List<Object> parts = first.get(0).key().parts();
                String stream = (String) parts.get(3);
                String incarnation = (String) parts.get(4);
                for (BufferMeta meta : keyspace.values(FirehoseKeys.bufferMetas(ns, stream, incarnation), BufferMeta.class)) {
                    recover(ns, meta);
                }
                from = StoredNamespaces.past(Key.of(ns.account(), ns.region(), "buf", stream, incarnation));
            }
        }
    }

    private void recover(Namespace ns, BufferMeta meta) {
        if (meta.sealed()) {
            delivery.deliverLater(ns, meta, true);
            return;
        }
        DeliveryTarget target = streams.find(ns, meta.stream());
        if (target == null || !target.incarnation().equals(meta.incarnation()) || target.s3() == null) {
            ObjectDelivery.discard(keyspace, ns, meta);
            return;
        }
        BufferKey key = new BufferKey(ns, meta.stream(), meta.incarnation(), meta.destinationId(), meta.partition());
        OpenBuffer buffer = new OpenBuffer(meta.bufferId(), meta.openedMillis());
        keyspace.scan(FirehoseKeys.bufferChunks(ns, meta.stream(), meta.incarnation(), meta.bufferId()), null, e -> {
            BufferedChunk chunk = e.value(BufferedChunk.class);
            buffer.records += chunk.records().size();
            for (byte[] r : chunk.records()) {
                buffer.bytes += r.length;
            }
            buffer.nextChunk = (Long) e.key().parts().get(e.key().parts().size() - 1) + 1;
            return true;
        });
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            slot.open = buffer;
            arm(key, buffer, target.s3().bufferIntervalSeconds());
        }
    }

    /** The buffers of a stream, open and sealed (awaiting delivery), oldest first. */
    public List<BufferView> buffers(Namespace ns, String streamName) {
        List<BufferView> out = new ArrayList<>();
        Key prefix = Key.of(ns.account(), ns.region(), "buf", streamName);
        Key from = null;
        while (true) {
            List<Entry> first = keyspace.scan(prefix, from, 1);
            if (first.isEmpty()) {
                break;
            }
            String incarnation = (String) first.get(0).key().parts().get(4);
            for (BufferMeta m : keyspace.values(FirehoseKeys.bufferMetas(ns, streamName, incarnation), BufferMeta.class)) {
                long[] counts = new long[2];
                keyspace.scan(FirehoseKeys.bufferChunks(ns, streamName, incarnation, m.bufferId()), null, e -> {
                    for (byte[] r : e.value(BufferedChunk.class).records()) {
                        counts[0]++;
                        counts[1] += r.length;
                    }
                    return true;
                });
                out.add(new BufferView(m.bufferId(), m.partition(), Instant.ofEpochMilli(m.openedMillis()), counts[0], counts[1],
                        m.sealed(), m.objectKey(), m.attempts(), m.lastError()));
            }
            from = StoredNamespaces.past(Key.of(ns.account(), ns.region(), "buf", streamName, incarnation));
        }
        out.sort((a, b) -> a.opened().compareTo(b.opened()));
        return out;
    }

    /** The stream's recent deliveries, newest first. */
    public List<DeliveryRecord> deliveries(Namespace ns, String streamName) {
        return keyspace.values(FirehoseKeys.deliveries(ns, streamName), DeliveryRecord.class);
    }

    /** Forgets the open buffers in memory (after an admin reset cleared the keyspace). */
    public void reset() {
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                if (slot.open != null && slot.open.timer != null) {
                    slot.open.timer.cancel();
                }
                slot.open = null;
            }
        }
        slots.clear();
    }

    private static Key metaKey(BufferKey key, String bufferId) {
        return FirehoseKeys.bufferMeta(key.ns(), key.stream(), key.incarnation(), bufferId);
    }

    /** An opaque record id, unique per record, of the length AWS's have. */
    private static String recordId() {
        byte[] bytes = new byte[42];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
