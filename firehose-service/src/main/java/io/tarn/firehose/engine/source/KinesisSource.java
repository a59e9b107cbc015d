package io.tarn.firehose.engine.source;

import io.tarn.core.spi.ports.StreamPort;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.firehose.model.FirehoseKeys;
import io.tarn.firehose.model.SourceCheckpoint;
import io.tarn.firehose.model.SourceStart;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Kinesis as the source of delivery streams ({@code KinesisStreamAsSource}): each followed stream
 * reads every shard of its Kinesis stream through {@link StreamPort}, once a second per shard as
 * AWS's Firehose calls GetRecords, a shard's children only after it was read to its end, and hands
 * the records to a {@link SourceSink} that stores them with the new checkpoint in one batch.
 *
 * <p>How it is called:
 * <ol>
 *   <li>CreateDeliveryStream: {@link #begin(SourceStream, Batch)} inside the batch that creates the
 *       stream (or {@link #begin(SourceStream)} after it), so reading starts at the Kinesis
 *       stream's tip at creation, as AWS starts at {@code LATEST};</li>
 *   <li>when the stream is created, and for every Kinesis-sourced stream at start-up:
 *       {@link #follow}, which resumes from the stored checkpoints (a restart neither loses nor
 *       repeats a record);</li>
 *   <li>DeleteDeliveryStream (or the admin reset): {@link Following#stop()}, then
 *       {@link #forget} in the batch that deletes the stream.</li>
 * </ol>
 */
public final class KinesisSource {

    /** A followed delivery stream; stop it when the stream is deleted or the service stops. */
    public interface Following {
        /**
         * No read starts after this returns: a read under way finishes first, so do not call it
         * while holding a lock the sink takes.
         */
        void stop();
    }

    private final Keyspace firehose;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final Supplier<StreamPort> streams;

    /**
     * @param streams looked up on first use ({@code () -> ctx.ports().require(StreamPort.class)}):
     *     services start in no fixed order; until Kinesis is there, reads back off and retry
     */
    public KinesisSource(Keyspace firehose, EmulatorClock clock, Scheduler scheduler, Supplier<StreamPort> streams) {
        this.firehose = Objects.requireNonNull(firehose);
        this.clock = Objects.requireNonNull(clock);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.streams = Objects.requireNonNull(streams);
    }

    /**
     * Adds to {@code batch} the Kinesis stream's tip now as the starting checkpoint of every shard.
     * Throws Kinesis's {@code ResourceNotFoundException} (an {@code AwsException}) when the stream
     * does not exist or is not yet ACTIVE.
     */
    public void begin(SourceStream source, Batch batch) {
        Map<String, String> tip = streams.get().tip(source.kinesisNamespace(), source.kinesisStreamName());
        batch.put(FirehoseKeys.sourceStart(source.namespace(), source.incarnation()),
                new SourceStart(SourceStart.SCHEMA, source.kinesisStreamArn(), clock.millis()));
        tip.forEach((shardId, sequenceNumber) -> batch.put(FirehoseKeys.sourceShard(source.namespace(), source.incarnation(), shardId),
                SourceCheckpoint.at(sequenceNumber, false)));
    }

    /** {@link #begin(SourceStream, Batch)} in a batch of its own, unless the stream has begun already. */
    public void begin(SourceStream source) {
        if (!begun(source)) {
            firehose.write(b -> begin(source, b));
        }
    }

    boolean begun(SourceStream source) {
        return firehose.get(FirehoseKeys.sourceStart(source.namespace(), source.incarnation())) != null;
    }

    /**
     * Starts reading {@code source} from its checkpoints (from its tip now if it never began), a
     * first read a second of emulator time from now and then every second, on the scheduler (a
     * first read at once would run on the scheduler's thread beside whatever the caller does next).
     */
    public Following follow(SourceStream source, SourceSink sink) {
        SourceFollower follower = new SourceFollower(this, source, sink, firehose, scheduler, streams);
        follower.start(clock.instant().plusSeconds(1));
        return follower;
    }

    /** Deletes every checkpoint of {@code source} in {@code batch} (the batch that deletes the delivery stream). */
    public static void forget(Batch batch, SourceStream source) {
        batch.deletePrefix(FirehoseKeys.sourceCheckpoints(source.namespace(), source.incarnation()));
    }
}
