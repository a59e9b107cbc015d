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
import io.tarn.firehose.engine.partition.RecordDeAggregation;
import io.tarn.firehose.engine.partition.RecordPartitioner;
import io.tarn.firehose.engine.prefix.ErrorOutputType;
import io.tarn.firehose.engine.prefix.PartitionKeys;
import io.tarn.firehose.engine.processor.ErrorRecord;
import io.tarn.firehose.engine.processor.LambdaEndpoints;
import io.tarn.firehose.model.BufferMeta;
import io.tarn.firehose.model.BufferedChunk;
import io.tarn.firehose.model.DeliveryRecord;
import io.tarn.firehose.model.FirehoseKeys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The data plane: records put to a stream (or read from its Kinesis source) go to its open buffers,
 * durably, in one batch before the put is answered. A stream has one open buffer per
 * {@link BufferRole}: its data (one per dynamic partition), its error records, its backup copy,
 * and the records waiting for its Lambda processor. A buffer is sealed when it reaches its size, or
 * its interval after it opened (a {@link Scheduler} timer on the emulator clock), whichever comes
 * first; sealing decides its object key in one batch, then {@link ObjectDelivery} writes it (or,
 * for the processor's buffer, {@link LambdaStage} transforms it into the other buffers). After a
 * restart, sealed buffers are delivered again and open ones keep their open time.
 */
public final class RecordBuffers {

    /** What became of one put record: its id, or why it failed. */
    public record Outcome(@Nullable String recordId, @Nullable String errorCode, @Nullable String errorMessage) {}

    /**
     * An open or sealed buffer as the admin endpoint shows it.
     *
     * @param holds {@code data}, {@code backup}, {@code lambda-processor} or an error output type ({@code partitioning-failed}...)
     * @param partitionKeys a dynamic partition's keys (from the query and from the Lambda processor), else empty
     */
    public record BufferView(String bufferId, String holds, Map<String, String> partitionKeys, Instant opened, long records, long bytes,
            boolean sealed, @Nullable String objectKey, int attempts, @Nullable String lastError) {}

    /** A record as it reached Firehose. */
    public record Arrived(byte[] data, long arrivalMillis) {}

    /** One incarnation of a stream: its open buffers share one monitor, which orders puts and seals. */
    record StreamKey(Namespace ns, String stream, String incarnation) {}

    /** The records one write adds, by the buffer ({@link BufferRole}) they go to, in arrival order. */
    static final class Routing {
        final LinkedHashMap<String, List<byte[]>> records = new LinkedHashMap<>();
        long earliestArrival = Long.MAX_VALUE;

        void add(@Nullable String role, byte[] data, long arrivalMillis) {
            records.computeIfAbsent(role, r -> new ArrayList<>()).add(data);
            earliestArrival = Math.min(earliestArrival, arrivalMillis);
        }

        void error(ErrorRecord error) {
            add(BufferRole.errors(error.type()), error.toJsonLine(), error.arrival().toEpochMilli());
        }
    }

    private static final class Slot {
        /** The open buffer of each role; a HashMap, as the role of unpartitioned data is null. */
        final Map<String, OpenBuffer> open = new HashMap<>();
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
    private final LambdaEndpoints endpoints;
    private final ObjectDelivery delivery;
    private final PutQuotas quotas;
    private final ConcurrentHashMap<StreamKey, Slot> slots = new ConcurrentHashMap<>();
    /** Plans by stream incarnation and version: a put does not parse its destination again. */
    private final ConcurrentHashMap<String, DeliveryPlan> plans = new ConcurrentHashMap<>();
    private volatile @Nullable LambdaStage lambdaStage;

    RecordBuffers(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, DeliveryStreamLookup streams,
            LambdaEndpoints endpoints, ObjectDelivery delivery, DeliverySettings settings) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.streams = streams;
        this.endpoints = endpoints;
        this.delivery = delivery;
        this.quotas = new PutQuotas(settings);
    }

    void useLambdaStage(LambdaStage stage) {
        this.lambdaStage = stage;
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
        List<Arrived> accepted = new ArrayList<>(records.size());
        for (int i = 0; i < sizes.length; i++) {
            if (admitted[i]) {
                accepted.add(new Arrived(records.get(i), now));
            }
        }
        if (!accepted.isEmpty()) {
            DeliveryPlan plan = plan(target);
            boolean deAggregate = plan.partitioner().deAggregates();
            append(new StreamKey(ns, streamName, target.incarnation()), target, plan,
                    active -> route(plan, accepted, deAggregate, active, now), b -> {});
        }
        List<Outcome> out = new ArrayList<>(records.size());
        for (boolean ok : admitted) {
            out.add(ok ? new Outcome(recordId(), null, null) : new Outcome(null, "ServiceUnavailableException", "Slow down."));
        }
        return out;
    }

    /**
     * Stores records read from a stream's Kinesis source, and with them, in the same batch, what
     * {@code alsoWrite} adds (the source's checkpoint). KPL-aggregated records are opened, as
     * Firehose does for a Kinesis source. False when the stream is gone (nothing is written).
     */
    public boolean storeFromSource(Namespace ns, String streamName, String incarnation, List<Arrived> records,
            Consumer<Batch> alsoWrite) {
        DeliveryTarget target = streams.find(ns, streamName);
        if (target == null || !target.incarnation().equals(incarnation)) {
            return false;
        }
        DeliveryPlan plan = plan(target);
        long now = clock.millis();
        append(new StreamKey(ns, streamName, incarnation), target, plan, active -> route(plan, records, true, active, now), alsoWrite);
        return true;
    }

    static AwsException slowDown() {
        return FirehoseErrors.SERVICE_UNAVAILABLE.exception("Slow down.");
    }

    DeliveryPlan plan(DeliveryTarget target) {
        return plans.computeIfAbsent(target.incarnation() + '/' + target.versionId(), k -> DeliveryPlan.of(target, endpoints));
    }

    /**
     * Where arriving records go: a copy to the backup; then, with a Lambda processor, all of them to
     * its buffer (it routes its answers later); else each (opened if aggregated) to its partition
     * or, when it has none, to the error buffer.
     */
    private Routing route(DeliveryPlan plan, List<Arrived> records, boolean deAggregate, RecordPartitioner.ActivePartitions active,
            long now) {
        Routing routing = new Routing();
        for (Arrived record : records) {
            if (plan.backup() != null) {
                routing.add(BufferRole.BACKUP, record.data(), record.arrivalMillis());
            }
            List<byte[]> inner;
            try {
                inner = deAggregate ? plan.partitioner().deAggregate(record.data()) : List.of(record.data());
            } catch (RecordDeAggregation.DeAggregationException e) {
                routing.error(plan.partitioner().deAggregationFailed(record.data(), Instant.ofEpochMilli(record.arrivalMillis()),
                        Instant.ofEpochMilli(now), e.getMessage()).error());
                continue;
            }
            for (byte[] data : inner) {
                if (plan.lambda() != null) {
                    routing.add(BufferRole.PROCESSING, data, record.arrivalMillis());
                } else {
                    routeProcessed(plan, routing, data, Map.of(), record.arrivalMillis(), now, active);
                }
            }
        }
        return routing;
    }

    /** Routes one record past the processors: to its partition's buffer, or to the error buffer. */
    static void routeProcessed(DeliveryPlan plan, Routing routing, byte[] data, Map<String, String> lambdaKeys, long arrivalMillis,
            long now, RecordPartitioner.ActivePartitions active) {
        RecordPartitioner.Outcome outcome = plan.partitioner().route(data, lambdaKeys, Instant.ofEpochMilli(arrivalMillis),
                Instant.ofEpochMilli(now), active);
        if (outcome instanceof RecordPartitioner.Routed r) {
            routing.add(r.partitionId().isEmpty() ? null : r.partitionId(), r.data(), arrivalMillis);
        } else {
            routing.error(((RecordPartitioner.Failed) outcome).error());
        }
    }

    /**
     * Appends what {@code route} decides (given the stream's open partitions) to the stream's
     * buffers, with {@code alsoWrite}, in one batch; seals the buffers that reach their size and
     * hands them on.
     */
    void append(StreamKey key, DeliveryTarget target, DeliveryPlan plan, Function<RecordPartitioner.ActivePartitions, Routing> route,
            Consumer<Batch> alsoWrite) {
        long now = clock.millis();
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        List<BufferMeta> sealed = new ArrayList<>();
        synchronized (slot) {
            Map<String, OpenBuffer> work = new HashMap<>();
            for (Map.Entry<String, OpenBuffer> e : slot.open.entrySet()) {
                work.put(e.getKey(), e.getValue().copy());
            }
            Routing routing = route.apply(new RecordPartitioner.ActivePartitions() {
                @Override
                public boolean isActive(String partitionId) {
                    return work.get(partitionId) != null;
                }

                @Override
                public int count() {
                    return (int) work.keySet().stream().filter(p -> p != null && BufferRole.holdsData(p)).count();
                }
            });
            if (routing.records.isEmpty()) {
                keyspace.write(alsoWrite);
                return;
            }
            long chunkTime = Math.min(routing.earliestArrival, now);
            List<OpenBuffer> opened = new ArrayList<>();
            keyspace.write(b -> {
                for (Map.Entry<String, List<byte[]>> e : routing.records.entrySet()) {
                    String role = e.getKey();
                    long limit = plan.sizeLimit(role);
                    OpenBuffer buffer = work.get(role);
                    List<byte[]> pending = new ArrayList<>();
                    for (byte[] r : e.getValue()) {
                        if (buffer != null && buffer.bytes > 0 && buffer.bytes + r.length > limit) {
                            addChunk(b, key, buffer, pending, chunkTime);
                            sealed.add(seal(b, key, role, buffer, target, plan));
                            buffer = null;
                        }
                        if (buffer == null) {
                            buffer = open(b, key, target.destinationId(), role, now);
                            opened.add(buffer);
                        }
                        pending.add(r);
                        buffer.records++;
                        buffer.bytes += r.length;
                        if (buffer.bytes >= limit) {
                            addChunk(b, key, buffer, pending, chunkTime);
                            sealed.add(seal(b, key, role, buffer, target, plan));
                            buffer = null;
                        }
                    }
                    if (buffer != null) {
                        addChunk(b, key, buffer, pending, chunkTime);
                    }
                    work.put(role, buffer);
                }
                alsoWrite.accept(b);
            });
            for (String role : routing.records.keySet()) {
                OpenBuffer before = slot.open.get(role);
                OpenBuffer after = work.get(role);
                if (before != null && (after == null || !after.id.equals(before.id)) && before.timer != null) {
                    before.timer.cancel();
                }
                if (after == null) {
                    slot.open.remove(role);
                } else {
                    slot.open.put(role, after);
                    if (opened.contains(after)) {
                        arm(key, role, after, plan.interval(role));
                    }
                }
            }
        }
        for (BufferMeta m : sealed) {
            handOn(key.ns(), m, false, true);
        }
    }

    /** A sealed buffer goes to the Lambda processor or to its object, now or on the delivery pool. */
    private void handOn(Namespace ns, BufferMeta sealed, boolean mayExist, boolean later) {
        if (BufferRole.PROCESSING.equals(sealed.partition())) {
            LambdaStage stage = lambdaStage;
            if (later) {
                stage.processLater(ns, sealed);
            } else {
                stage.process(ns, sealed);
            }
        } else if (later) {
            delivery.deliverLater(ns, sealed, mayExist);
        } else {
            delivery.deliver(ns, sealed, mayExist);
        }
    }

    private OpenBuffer open(Batch b, StreamKey key, String destinationId, @Nullable String role, long now) {
        OpenBuffer buffer = new OpenBuffer(UUID.randomUUID().toString(), now);
        b.put(metaKey(key, buffer.id), BufferMeta.open(buffer.id, key.stream(), key.incarnation(), destinationId, role, now));
        return buffer;
    }

    private static void addChunk(Batch b, StreamKey key, OpenBuffer buffer, List<byte[]> pending, long arrival) {
        if (!pending.isEmpty()) {
            b.put(FirehoseKeys.bufferChunk(key.ns(), key.stream(), key.incarnation(), buffer.id, buffer.nextChunk++),
                    new BufferedChunk(arrival, List.copyOf(pending)));
            pending.clear();
        }
    }

    /**
     * Decides the buffer's object (bucket, key, compression, conversion, encryption) and writes that
     * decision. Names are {@code <stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>} under the role's
     * prefix, with the extension of the compression or format (or the destination's FileExtension).
     */
    private BufferMeta seal(Batch b, StreamKey key, @Nullable String role, OpenBuffer buffer, DeliveryTarget target,
            DeliveryPlan plan) {
        BufferMeta open = BufferMeta.open(buffer.id, key.stream(), key.incarnation(), target.destinationId(), role,
                buffer.openedMillis);
        BufferMeta meta = sealed(open, target, plan);
        b.put(metaKey(key, buffer.id), meta);
        return meta;
    }

    static BufferMeta sealed(BufferMeta open, DeliveryTarget target, DeliveryPlan plan) {
        if (BufferRole.PROCESSING.equals(open.partition())) {
            return open.seal(null, "", Compression.UNCOMPRESSED.name(), null); // not an object: the processor's input
        }
        Instant opened = Instant.ofEpochMilli(open.openedMillis());
        String name = open.stream() + '-' + target.versionId() + '-' + NAME_TIME.format(opened) + '-' + open.bufferId();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        DeliveryPlan.Objects objects = BufferRole.BACKUP.equals(open.partition()) ? plan.backup() : plan.objects();
        Compression compression = objects.compression();
        if (BufferRole.BACKUP.equals(open.partition())) {
            return open.seal(objects.bucket(), objects.prefixes().dataPrefix(opened, PartitionKeys.NONE, random) + name
                    + compression.extension(), compression.name(), objects.kmsKeyArn());
        }
        ErrorOutputType errors = BufferRole.errorType(open.partition());
        if (errors != null || plan.http() != null) { // an HTTP endpoint's records have an object only if the endpoint refuses them
            ErrorOutputType type = errors != null ? errors : ErrorOutputType.HTTP_ENDPOINT_FAILED;
            BufferMeta sealed = open.seal(objects.bucket(), objects.prefixes().errorPrefix(opened, type, random) + name
                    + compression.extension(), compression.name(), objects.kmsKeyArn());
            return errors != null ? sealed : sealed.deliveredAs(BufferMeta.HTTP, null);
        }
        PartitionKeys keys = open.partition() == null ? PartitionKeys.NONE : PartitionKeys.parse(open.partition());
        String prefix = objects.prefixes().dataPrefix(opened, keys, random);
        if (plan.conversion() != null) {
            boolean orc = plan.conversion().path("OutputFormatConfiguration").path("Serializer").hasNonNull("OrcSerDe");
            String extension = plan.fileExtension() != null ? plan.fileExtension() : orc ? ".orc" : ".parquet";
            return open.seal(objects.bucket(), prefix + name + extension, Compression.UNCOMPRESSED.name(), objects.kmsKeyArn())
                    .deliveredAs(orc ? BufferMeta.ORC : BufferMeta.PARQUET,
                            objects.prefixes().errorPrefix(opened, ErrorOutputType.FORMAT_CONVERSION_FAILED, random) + name);
        }
        String extension = plan.fileExtension() != null ? plan.fileExtension() : compression.extension();
        return open.seal(objects.bucket(), prefix + name + extension, compression.name(), objects.kmsKeyArn());
    }

    private void arm(StreamKey key, @Nullable String role, OpenBuffer buffer, int intervalSeconds) {
        buffer.timer = scheduler.at(Instant.ofEpochMilli(buffer.openedMillis).plusSeconds(intervalSeconds),
                () -> flushDue(key, role, buffer.id));
    }

    /** The interval of an open buffer has passed: seal it and hand it on before the timer returns. */
    void flushDue(StreamKey key, @Nullable String role, String bufferId) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return;
        }
        BufferMeta sealed;
        synchronized (slot) {
            OpenBuffer open = slot.open.get(role);
            if (open == null || !open.id.equals(bufferId)) {
                return; // sealed by size meanwhile
            }
            DeliveryTarget target = streams.find(key.ns(), key.stream());
            slot.open.remove(role);
            if (target == null || !target.incarnation().equals(key.incarnation())) {
                ObjectDelivery.discard(keyspace, key.ns(), BufferMeta.open(open.id, key.stream(), key.incarnation(), "", role,
                        open.openedMillis));
                if (slot.open.isEmpty()) {
                    slots.remove(key);
                }
                return;
            }
            DeliveryPlan plan = plan(target);
            BufferMeta[] made = new BufferMeta[1];
            keyspace.write(b -> made[0] = seal(b, key, role, open, target, plan));
            sealed = made[0];
        }
        handOn(key.ns(), sealed, false, false);
    }

    /**
     * Picks up the buffers a previous run left: sealed ones are handed on again (under the key they
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
            handOn(ns, meta, true, true);
            return;
        }
        DeliveryTarget target = streams.find(ns, meta.stream());
        if (target == null || !target.incarnation().equals(meta.incarnation())) {
            ObjectDelivery.discard(keyspace, ns, meta);
            return;
        }
        StreamKey key = new StreamKey(ns, meta.stream(), meta.incarnation());
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
            slot.open.put(meta.partition(), buffer);
            arm(key, meta.partition(), buffer, plan(target).interval(meta.partition()));
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
                out.add(new BufferView(m.bufferId(), BufferRole.describe(m.partition()), BufferRole.partitionKeys(m.partition()),
                        Instant.ofEpochMilli(m.openedMillis()), counts[0], counts[1],
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
                for (OpenBuffer open : slot.open.values()) {
                    if (open.timer != null) {
                        open.timer.cancel();
                    }
                }
                slot.open.clear();
            }
        }
        slots.clear();
        plans.clear();
    }

    private static Key metaKey(StreamKey key, String bufferId) {
        return FirehoseKeys.bufferMeta(key.ns(), key.stream(), key.incarnation(), bufferId);
    }

    /** An opaque record id, unique per record, of the length AWS's have. */
    private static String recordId() {
        byte[] bytes = new byte[42];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
