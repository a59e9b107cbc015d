package io.tarn.firehose.engine.delivery;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.firehose.engine.http.HttpEndpointDelivery;
import io.tarn.firehose.model.BufferMeta;
import io.tarn.firehose.model.BufferedChunk;
import io.tarn.firehose.model.DeliveryRecord;
import io.tarn.firehose.model.FirehoseKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a sealed buffer's object to S3 through {@link ObjectStorePort} and then clears the buffer
 * and notes the delivery, in one batch. The object's key and form were decided when the buffer was
 * sealed, so a delivery repeated after a crash (object written, buffer not yet cleared) writes the
 * same bytes under the same key; a retry first looks whether the object is already there. A failed
 * delivery keeps the records and is retried with backoff on the emulator clock.
 */
final class ObjectDelivery {

    private static final Logger log = LoggerFactory.getLogger(ObjectDelivery.class);
    /** How many deliveries {@code GET /_tarn/firehose/<stream>} shows. */
    static final int RECENT = 20;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    static final String CONTENT_TYPE = "application/octet-stream";

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final Supplier<ObjectStorePort> objects;
    private final DeliveryStreamLookup streams;
    private final DeliveryFailures failures;
    private final Executor executor;
    private final ConvertedDelivery conversion;
    private final HttpDestinationDelivery http;
    /** Buffers being delivered: one delivery of a buffer at a time. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    ObjectDelivery(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, Supplier<ObjectStorePort> objects,
            DeliveryStreamLookup streams, DeliveryFailures failures, Executor executor, ConvertedDelivery conversion,
            HttpEndpointDelivery endpoints) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.objects = objects;
        this.streams = streams;
        this.failures = failures;
        this.executor = executor;
        this.conversion = conversion;
        this.http = new HttpDestinationDelivery(keyspace, endpoints, streams, failures, executor);
    }

    /** Delivers on the delivery executor (a buffer sealed by its size: the put does not wait). */
    void deliverLater(Namespace ns, BufferMeta sealed, boolean mayExist) {
        executor.execute(() -> deliver(ns, sealed, mayExist));
    }

    /**
     * Delivers now, on the caller's thread (a timer's, so an advance of the clock returns with it
     * done). {@code mayExist}: the object may have been written before (a retry, a restart).
     */
    void deliver(Namespace ns, BufferMeta sealed, boolean mayExist) {
        if (!inFlight.add(sealed.bufferId())) {
            return;
        }
        try {
            DeliveryTarget target = streams.find(ns, sealed.stream());
            if (target == null || !target.incarnation().equals(sealed.incarnation())) {
                discard(keyspace, ns, sealed); // the stream was deleted: AWS drops what it buffered
                return;
            }
            attempt(ns, sealed, target, mayExist || sealed.attempts() > 0);
        } finally {
            inFlight.remove(sealed.bufferId());
        }
    }

    private void attempt(Namespace ns, BufferMeta sealed, DeliveryTarget target, boolean mayExist) {
        long[] counts = new long[2];
        try {
            ObjectStorePort s3 = objects.get();
            if (BufferMeta.HTTP.equals(sealed.format())) {
                http.deliver(ns, sealed, target, this); // asynchronous: it completes or fails the buffer itself
                return;
            } else if (sealed.format() != null) {
                conversion.deliver(ns, sealed, target, s3, counts);
            } else if (mayExist && exists(s3, sealed)) {
                writeRecords(ns, sealed, OutputStream.nullOutputStream(), counts);
            } else {
                Compression compression = Compression.valueOf(sealed.compression());
                String entryName = sealed.objectKey().substring(sealed.objectKey().lastIndexOf('/') + 1);
                String plainName = entryName.substring(0, entryName.lastIndexOf(sealed.bufferId()) + sealed.bufferId().length());
                s3.write(sealed.bucket(), sealed.objectKey(), CONTENT_TYPE, sealed.kmsKeyArn(), out -> {
                    try (OutputStream compressed = compression.wrap(out, plainName, sealed.openedMillis())) {
                        writeRecords(ns, sealed, compressed, counts);
                    }
                });
            }
        } catch (AwsException e) {
            failed(ns, sealed, "S3." + e.code() + ": " + e.getMessage());
            return;
        } catch (ConvertedDelivery.SchemaUnavailable e) {
            failed(ns, sealed, e.getMessage());
            return;
        } catch (IOException e) {
            log.error("delivery of buffer {} of stream {} failed", sealed.bufferId(), sealed.stream(), e);
            failed(ns, sealed, "InternalFailure: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("delivery of buffer {} of stream {} failed", sealed.bufferId(), sealed.stream(), e);
            failed(ns, sealed, "InternalFailure: " + e.getMessage());
            return;
        }
        completed(ns, sealed, sealed.bucket(), sealed.objectKey(), counts[0], counts[1]);
    }

    /** The buffer reached its destination: it is cleared, and the delivery noted, in one batch. */
    void completed(Namespace ns, BufferMeta sealed, String bucket, String key, long records, long bytes) {
        DeliveryRecord done = new DeliveryRecord(clock.millis(), sealed.incarnation(), bucket, key, records, bytes, null);
        keyspace.write(b -> {
            discard(b, ns, sealed);
            noteDelivery(b, ns, sealed, done);
        });
        if (sealed.attempts() > 0) {
            failures.recovered(ns, sealed.stream(), sealed.incarnation());
        }
    }

    ObjectStorePort objects() {
        return objects.get();
    }

    private static boolean exists(ObjectStorePort s3, BufferMeta sealed) {
        try {
            s3.head(sealed.bucket(), sealed.objectKey());
            return true;
        } catch (AwsException e) {
            return false;
        }
    }

    void failed(Namespace ns, BufferMeta sealed, String error) {
        BufferMeta again = sealed.failed(error);
        long now = clock.millis();
        DeliveryRecord attempt = new DeliveryRecord(now, sealed.incarnation(), sealed.bucket(), sealed.objectKey(), 0, 0, error);
        keyspace.write(b -> {
            b.put(FirehoseKeys.bufferMeta(ns, sealed.stream(), sealed.incarnation(), sealed.bufferId()), again);
            noteDelivery(b, ns, sealed, attempt);
        });
        failures.failed(ns, sealed.stream(), sealed.incarnation(), error);
        scheduler.after(backoff(again.attempts()), () -> deliver(ns, again, true));
    }

    /** 1 s, 2 s, 4 s... up to a minute of emulator time between attempts. */
    static Duration backoff(int attempts) {
        Duration d = Duration.ofSeconds(1L << Math.min(attempts - 1, 6));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** The buffer's records, concatenated exactly as sent, in put order. */
    void writeRecords(Namespace ns, BufferMeta sealed, OutputStream out, long[] counts) {
        keyspace.scan(FirehoseKeys.bufferChunks(ns, sealed.stream(), sealed.incarnation(), sealed.bufferId()), null, e -> {
            BufferedChunk chunk = e.value(BufferedChunk.class);
            try {
                for (byte[] r : chunk.records()) {
                    out.write(r);
                    counts[0]++;
                    counts[1] += r.length;
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return true;
        });
    }

    private void noteDelivery(io.tarn.core.store.Batch b, Namespace ns, BufferMeta sealed, DeliveryRecord record) {
        b.put(FirehoseKeys.delivery(ns, sealed.stream(), record.millis(), sealed.bufferId() + "-" + sealed.attempts()), record);
        List<Entry> kept = keyspace.scan(FirehoseKeys.deliveries(ns, sealed.stream()), null, RECENT + 16);
        for (int i = RECENT - 1; i < kept.size(); i++) {
            b.delete(kept.get(i).key());
        }
    }

    /** Deletes a buffer: its record and its chunks. */
    static void discard(io.tarn.core.store.Batch b, Namespace ns, BufferMeta buffer) {
        b.delete(FirehoseKeys.bufferMeta(ns, buffer.stream(), buffer.incarnation(), buffer.bufferId()));
        b.deletePrefix(FirehoseKeys.bufferChunks(ns, buffer.stream(), buffer.incarnation(), buffer.bufferId()));
    }

    static void discard(Keyspace keyspace, Namespace ns, BufferMeta buffer) {
        keyspace.write(b -> discard(b, ns, buffer));
    }
}
