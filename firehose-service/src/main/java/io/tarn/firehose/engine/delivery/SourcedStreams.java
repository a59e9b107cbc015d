package io.tarn.firehose.engine.delivery;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.firehose.FirehoseErrors;
import io.tarn.firehose.engine.source.KinesisSource;
import io.tarn.firehose.engine.source.SourceRecords;
import io.tarn.firehose.engine.source.SourceSink;
import io.tarn.firehose.engine.source.SourceStream;
import io.tarn.core.spi.ports.StreamPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The delivery streams that read a Kinesis stream ({@code KinesisStreamAsSource}): each begins at
 * the Kinesis stream's tip when it is created and is followed from then on (and again after a
 * restart, from its checkpoints), what it reads going into {@link RecordBuffers} in the batch that
 * moves its checkpoint, so a restart neither loses nor repeats a record.
 */
public final class SourcedStreams {

    private final KinesisSource source;
    private final RecordBuffers buffers;
    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final DeliveryFailures failures;
    private final Map<String, KinesisSource.Following> following = new ConcurrentHashMap<>();

    public SourcedStreams(KinesisSource source, RecordBuffers buffers, Keyspace keyspace, EmulatorClock clock, DeliveryFailures failures) {
        this.source = source;
        this.buffers = buffers;
        this.keyspace = keyspace;
        this.clock = clock;
        this.failures = failures;
    }

    /**
     * A stream being created: reading starts at the Kinesis stream's tip now, as AWS starts at
     * LATEST. Refuses a Kinesis stream that does not exist or is not ACTIVE.
     */
    public void begin(SourceStream stream) {
        try {
            source.begin(stream);
        } catch (AwsException e) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("The Kinesis stream %s cannot be read: %s", stream.kinesisStreamArn(),
                    e.getMessage());
        }
        follow(stream);
    }

    /** Reads the stream from its checkpoints (start-up). */
    public void follow(SourceStream stream) {
        following.computeIfAbsent(stream.incarnation(), i -> source.follow(stream, new Sink(stream)));
    }

    /** The delivery stream is gone: stop reading and forget its checkpoints. */
    public void forget(SourceStream stream) {
        KinesisSource.Following f = following.remove(stream.incarnation());
        if (f != null) {
            f.stop();
        }
        keyspace.write(b -> KinesisSource.forget(b, stream));
    }

    /** Stops every reader (the service stops, or an admin reset cleared the keyspace). */
    public void stopAll() {
        for (String incarnation : List.copyOf(following.keySet())) {
            KinesisSource.Following f = following.remove(incarnation);
            if (f != null) {
                f.stop();
            }
        }
    }

    private final class Sink implements SourceSink {
        private final SourceStream stream;

        Sink(SourceStream stream) {
            this.stream = stream;
        }

        @Override
        public boolean store(SourceRecords records, Consumer<Batch> checkpoint) {
            long now = clock.millis();
            List<RecordBuffers.Arrived> arrived = new ArrayList<>(records.records().size());
            for (StreamPort.Record r : records.records()) {
                arrived.add(new RecordBuffers.Arrived(r.data(), now));
            }
            return buffers.storeFromSource(stream.namespace(), stream.deliveryStreamName(), stream.incarnation(), arrived, checkpoint);
        }

        @Override
        public void sourceFailed(AwsException error) {
            failures.failed(stream.namespace(), stream.deliveryStreamName(), stream.incarnation(),
                    "Kinesis." + error.code() + ": " + error.getMessage());
        }

        @Override
        public void sourceRecovered() {
            failures.recovered(stream.namespace(), stream.deliveryStreamName(), stream.incarnation());
        }
    }
}
