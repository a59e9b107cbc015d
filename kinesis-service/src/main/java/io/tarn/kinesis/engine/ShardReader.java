package io.tarn.kinesis.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import io.tarn.kinesis.model.SequenceNumber;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StreamMeta;
import io.tarn.kinesis.model.StreamStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** GetShardIterator and GetRecords: positions in a shard, reads from them, the shard's end and its children. */
public final class ShardReader {

    /** Where a read starts in a shard. */
    public record Start(SequenceNumber from, boolean inclusive) {}

    /** One GetRecords answer. */
    public record Records(List<RecordLog.Record> records, @Nullable String nextShardIterator, long millisBehindLatest,
            @Nullable List<ShardMeta> childShards) {}

    private final Streams streams;
    private final RecordLog log;
    private final EmulatorClock clock;
    private final ShardThroughput throughput;
    private final ShardIteratorCodec iterators;
    private final ControlPlaneLimiter limiter;

    ShardReader(Streams streams, RecordLog log, EmulatorClock clock, ShardThroughput throughput, ShardIteratorCodec iterators,
            ControlPlaneLimiter limiter) {
        this.streams = streams;
        this.log = log;
        this.clock = clock;
        this.throughput = throughput;
        this.iterators = iterators;
        this.limiter = limiter;
    }

    public String shardIterator(Namespace ns, String streamName, String shardId, String type, @Nullable String sequenceNumber,
            @Nullable Instant timestamp) {
        StreamMeta meta = readable(ns, streamName);
        ShardMeta shard = shard(ns, meta, shardId);
        // AWS answers a too-frequent GetShardIterator with ProvisionedThroughputExceeded, which SDKs retry
        limiter.admit("GetShardIterator", ns.account() + "/" + streamName + "/" + shardId, clock.millis(),
                KinesisErrors.PROVISIONED_THROUGHPUT_EXCEEDED, "shard " + shard.shardId() + " in stream " + streamName
                        + " under account " + ns.account());
        Start start = start(meta, shard, type, sequenceNumber, timestamp);
        return iterators.encode(new ShardIteratorCodec.Position(ns, streamName, meta.incarnation(), shard.index(),
                start.from().millis(), start.from().counter(), start.inclusive(), clock.millis()));
    }

    /** Resolves a starting position as GetShardIterator and SubscribeToShard take it. */
    Start start(StreamMeta meta, ShardMeta shard, String type, @Nullable String sequenceNumber, @Nullable Instant timestamp) {
        boolean needsSeq = "AT_SEQUENCE_NUMBER".equals(type) || "AFTER_SEQUENCE_NUMBER".equals(type);
        if (needsSeq != (sequenceNumber != null)) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                    + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified %s and %s "
                    + "StartingSequenceNumber.", type, sequenceNumber == null ? "no" : "also a");
        }
        if ("AT_TIMESTAMP".equals(type) != (timestamp != null)) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. "
                    + "Current request has %s timestamp and iterator type %s.", timestamp == null ? "no" : "a", type);
        }
        switch (type) {
            case "TRIM_HORIZON":
                return new Start(shard.startingSequenceNumber(), true);
            case "LATEST": {
                SequenceNumber newest = log.newest(meta, shard.index());
                return newest == null ? new Start(shard.startingSequenceNumber(), true) : new Start(newest, false);
            }
            case "AT_TIMESTAMP":
                return new Start(SequenceNumber.first(Math.max(timestamp.toEpochMilli(), 0), shard.index()), true);
            case "AT_SEQUENCE_NUMBER":
            case "AFTER_SEQUENCE_NUMBER": {
                SequenceNumber seq = SequenceNumber.parse(sequenceNumber);
                if (seq == null) {
                    throw KinesisErrors.INVALID_ARGUMENT.exception("StartingSequenceNumber %s used in GetShardIterator on shard %s in "
                            + "stream %s under account %s is invalid because it did not come from this stream.", sequenceNumber,
                            shard.shardId(), meta.name(), meta.account());
                }
                if (seq.shardIndex() != shard.index()) {
                    throw KinesisErrors.INVALID_ARGUMENT.exception("Invalid StartingSequenceNumber. It encodes %s, while it was used in a "
                            + "call to %s", ShardMeta.shardId(seq.shardIndex()), shard.shardId());
                }
                return new Start(seq, "AT_SEQUENCE_NUMBER".equals(type));
            }
            default:
                throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'shardIteratorType' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, "
                        + "TRIM_HORIZON, LATEST, AT_TIMESTAMP]", type);
        }
    }

    public Records records(String iterator, @Nullable Integer limit) {
        int max = limit == null ? KinesisLimits.GET_RECORDS_MAX_LIMIT : limit;
        if (max > KinesisLimits.GET_RECORDS_MAX_LIMIT) { // the API reference: InvalidArgumentException above 10,000
            throw KinesisErrors.INVALID_ARGUMENT.exception("Limit %d is greater than the maximum of %d.", max,
                    KinesisLimits.GET_RECORDS_MAX_LIMIT);
        }
        if (max < 1) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: "
                    + "Member must have value between 1 and %d", max, KinesisLimits.GET_RECORDS_MAX_LIMIT);
        }
        long now = clock.millis();
        ShardIteratorCodec.Position p = iterators.decode(iterator, now);
        StreamState state = streams.find(p.namespace(), p.stream());
        if (state == null || state.meta().incarnation() != p.incarnation()) {
            throw Streams.notFound(p.namespace(), p.stream());
        }
        StreamMeta meta = state.meta();
        ShardMeta shard = shard(p.namespace(), meta, ShardMeta.shardId(p.shard()));
        SequenceNumber from = new SequenceNumber(p.millis(), p.shard(), p.counter());
        RecordLog.Page page = read(p.namespace(), meta, shard, from, p.inclusive(), max, KinesisLimits.GET_RECORDS_MAX_BYTES, now);
        if (page.shardEnded()) {
            return new Records(page.records(), null, 0, children(meta, shard));
        }
        ShardIteratorCodec.Position next;
        if (page.records().isEmpty()) {
            next = new ShardIteratorCodec.Position(p.namespace(), p.stream(), p.incarnation(), p.shard(), p.millis(), p.counter(),
                    p.inclusive(), now);
        } else {
            SequenceNumber last = page.records().get(page.records().size() - 1).sequenceNumber();
            next = new ShardIteratorCodec.Position(p.namespace(), p.stream(), p.incarnation(), p.shard(), last.millis(), last.counter(),
                    false, now);
        }
        return new Records(page.records(), iterators.encode(next), page.millisBehindLatest(), null);
    }

    /** One GetRecords read: admitted and charged against the shard's read allowance. */
    RecordLog.Page read(Namespace ns, StreamMeta meta, ShardMeta shard, SequenceNumber from, boolean inclusive, int max, long maxBytes,
            long now) {
        if (!throughput.tryRead(meta.incarnation(), shard.index(), now)) {
            // GetRecords words it unlike PutRecords: "Rate exceeded for Shard - <account>/<stream>/<shard id>"
            throw KinesisErrors.PROVISIONED_THROUGHPUT_EXCEEDED.exception("Rate exceeded for Shard - %s/%s/%s",
                    ns.account(), meta.name(), shard.shardId());
        }
        RecordLog.Page page = log.read(ns, meta, shard, from, inclusive, max, maxBytes);
        throughput.charge(meta.incarnation(), shard.index(), page.bytes(), now);
        return page;
    }

    /** The shards that took over from {@code shard} when it was split or merged. */
    static List<ShardMeta> children(StreamMeta meta, ShardMeta shard) {
        List<ShardMeta> out = new ArrayList<>();
        for (ShardMeta s : meta.shards()) {
            if (s.parentIndex() == shard.index() || s.adjacentParentIndex() == shard.index()) {
                out.add(s);
            }
        }
        return out;
    }

    StreamMeta readable(Namespace ns, String streamName) {
        StreamMeta meta = streams.require(ns, streamName).meta();
        StreamStatus status = meta.statusAt(clock.millis());
        if (status == StreamStatus.CREATING || status == StreamStatus.DELETING) {
            throw Streams.notFound(ns, streamName);
        }
        return meta;
    }

    static ShardMeta shard(Namespace ns, StreamMeta meta, String shardId) {
        ShardMeta shard = meta.shard(ShardMeta.parseShardId(shardId));
        if (shard == null) {
            throw KinesisErrors.RESOURCE_NOT_FOUND.exception("Shard %s in stream %s under account %s does not exist", shardId,
                    meta.name(), ns.account());
        }
        return shard;
    }
}
