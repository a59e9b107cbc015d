package io.tarn.firehose.engine.source;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.ports.StreamPort;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.Scheduler;
import io.tarn.firehose.model.FirehoseKeys;
import io.tarn.firehose.model.SourceCheckpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one delivery stream's Kinesis source, a round at a time on the scheduler: each shard once
 * per round, from its checkpoint, its children only once it ended. Checkpoints are in memory as
 * committed, loaded from the store when following starts.
 */
final class SourceFollower implements KinesisSource.Following {

    private static final Logger log = LoggerFactory.getLogger(SourceFollower.class);

    /** AWS's Firehose calls GetRecords once per second for each shard. */
    static final Duration POLL_PERIOD = Duration.ofSeconds(1);
    /** The longest wait after repeated throttling or failures. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** One GetRecords call's limits. */
    static final int MAX_RECORDS = 10_000;
    static final long MAX_BYTES = 10L << 20;
    private static final String THROTTLED = "ProvisionedThroughputExceededException";

    private final KinesisSource owner;
    private final SourceStream source;
    private final SourceSink sink;
    private final Keyspace firehose;
    private final Scheduler scheduler;
    private final Supplier<StreamPort> streams;
    /** Guarded by this. */
    private final Map<String, SourceCheckpoint> positions = new HashMap<>();
    private Scheduler.@Nullable Timer timer;
    private boolean loaded;
    private boolean stopped;
    private boolean failing;
    private int backoffs;

    SourceFollower(KinesisSource owner, SourceStream source, SourceSink sink, Keyspace firehose, Scheduler scheduler,
            Supplier<StreamPort> streams) {
        this.owner = owner;
        this.source = source;
        this.sink = sink;
        this.firehose = firehose;
        this.scheduler = scheduler;
        this.streams = streams;
    }

    synchronized void start(Instant now) {
        timer = scheduler.at(now, this::poll);
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
        }
    }

    /** One round, then the next one armed: a second later, or later still after throttling or a failure. */
    synchronized void poll() {
        if (stopped) {
            return;
        }
        boolean slowDown;
        try {
            slowDown = round();
            if (failing) {
                failing = false;
                sink.sourceRecovered();
            }
        } catch (AwsException e) {
            slowDown = true;
            if (!THROTTLED.equals(e.code())) {
                log.warn("delivery stream {} cannot read its source {}: {} {}", source.deliveryStreamName(), source.kinesisStreamArn(),
                        e.code(), e.getMessage());
                failing = true;
                sink.sourceFailed(e);
            }
        } catch (RuntimeException e) {
            // Kinesis not started yet, or the sink could not store: nothing was checkpointed, so the same records come again
            log.warn("delivery stream {} could not read or store from {}", source.deliveryStreamName(), source.kinesisStreamArn(), e);
            slowDown = true;
        }
        backoffs = slowDown ? Math.min(backoffs + 1, 16) : 0;
        timer = scheduler.after(delay(backoffs), this::poll);
    }

    /** {@link #POLL_PERIOD}, doubled for each round in a row that was throttled or failed, up to {@link #MAX_BACKOFF}. */
    static Duration delay(int backoffs) {
        Duration d = POLL_PERIOD.multipliedBy(1L << Math.min(backoffs, 16));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** Reads each readable shard once; true when a shard was throttled or the sink refused (back off). */
    private boolean round() {
        StreamPort port = streams.get();
        if (!loaded) {
            owner.begin(source); // a stream created without begin() starts at the tip now
            load();
            loaded = true;
        }
        List<StreamPort.Shard> shards = port.shards(source.kinesisNamespace(), source.kinesisStreamName());
        Set<String> listed = new HashSet<>();
        shards.forEach(s -> listed.add(s.shardId()));
        boolean slowDown = false;
        for (StreamPort.Shard shard : shards) {
            SourceCheckpoint at = positions.get(shard.shardId());
            if ((at != null && at.finished()) || !parentsDone(shard, listed)) {
                continue;
            }
            String after = at != null ? at.sequenceNumber() : shard.startingSequenceNumber();
            StreamPort.Read read;
            try {
                read = port.readAfter(source.kinesisNamespace(), source.kinesisStreamName(), shard.shardId(), after, MAX_RECORDS, MAX_BYTES);
            } catch (AwsException e) {
                if (THROTTLED.equals(e.code())) { // other consumers share the shard's allowance: try the others, come back later
                    slowDown = true;
                    continue;
                }
                throw e;
            }
            if (!store(shard.shardId(), after, read)) {
                return true;
            }
        }
        return slowDown;
    }

    /** Stores one read with its checkpoint; false when the sink refused it for now. */
    private boolean store(String shardId, String after, StreamPort.Read read) {
        Key key = FirehoseKeys.sourceShard(source.namespace(), source.incarnation(), shardId);
        if (read.records().isEmpty()) {
            if (read.shardEnded()) {
                SourceCheckpoint done = SourceCheckpoint.at(after, true);
                firehose.put(key, done);
                positions.put(shardId, done);
            }
            return true;
        }
        SourceCheckpoint next = SourceCheckpoint.at(read.records().get(read.records().size() - 1).sequenceNumber(), read.shardEnded());
        boolean[] checkpointed = {false};
        boolean stored = sink.store(new SourceRecords(source, shardId, read.records(), read.shardEnded()), b -> {
            b.put(key, next);
            checkpointed[0] = true;
        });
        if (!stored) {
            return false;
        }
        if (!checkpointed[0]) {
            throw new IllegalStateException("the sink stored records of " + shardId + " without their checkpoint");
        }
        positions.put(shardId, next);
        return true;
    }

    /** A shard is read once each parent still listed was read to its end (a parent past retention is gone). */
    private boolean parentsDone(StreamPort.Shard shard, Set<String> listed) {
        return done(shard.parentShardId(), listed) && done(shard.adjacentParentShardId(), listed);
    }

    private boolean done(@Nullable String parent, Set<String> listed) {
        if (parent == null || !listed.contains(parent)) {
            return true;
        }
        SourceCheckpoint at = positions.get(parent);
        return at != null && at.finished();
    }

    private void load() {
        positions.clear();
        Key prefix = FirehoseKeys.sourceShards(source.namespace(), source.incarnation());
        firehose.scan(prefix, null, e -> {
            List<Object> parts = e.key().parts();
            positions.put((String) parts.get(parts.size() - 1), e.value(SourceCheckpoint.class));
            return true;
        });
    }
}
