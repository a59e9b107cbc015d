package io.tarn.kinesis.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import io.tarn.kinesis.model.ConsumerMeta;
import io.tarn.kinesis.model.SequenceNumber;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StreamMeta;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Enhanced fan-out: SubscribeToShard pushes a shard's records to a registered consumer for 5
 * minutes of emulator time, at most one subscription per consumer and shard at a time, with
 * 2 MiB/s of its own read throughput.
 */
public final class Subscriptions {

    /** One pushed event; {@code continuation} is null once the shard ended (then the children are set). */
    public record Event(List<RecordLog.Record> records, @Nullable String continuation, long millisBehindLatest,
            @Nullable List<ShardMeta> childShards) {}

    /** Events between a shard without news go out at least this often. */
    static final long HEARTBEAT_MILLIS = 1000;
    private static final long EVENT_MAX_BYTES = 1L << 20;

    private final Streams streams;
    private final ConsumerRegistry consumers;
    private final ShardReader reader;
    private final RecordLog log;
    private final EmulatorClock clock;
    private final ControlPlaneLimiter limiter;
    private final boolean throttling;
    private final ConcurrentHashMap<String, Subscription> active = new ConcurrentHashMap<>();

    Subscriptions(Streams streams, ConsumerRegistry consumers, ShardReader reader, RecordLog log, EmulatorClock clock,
            ControlPlaneLimiter limiter, boolean throttling) {
        this.streams = streams;
        this.consumers = consumers;
        this.reader = reader;
        this.log = log;
        this.clock = clock;
        this.limiter = limiter;
        this.throttling = throttling;
    }

    public Subscription subscribe(Namespace ns, String consumerArn, String shardId, String type, @Nullable String sequenceNumber,
            @Nullable Instant timestamp) {
        ConsumerMeta consumer = consumers.find(ns, null, null, consumerArn);
        long now = clock.millis();
        if (!"ACTIVE".equals(consumer.statusAt(now))) {
            throw KinesisErrors.RESOURCE_IN_USE.exception("Consumer %s with creation timestamp %d under stream: %s , account %s is not "
                    + "in ACTIVE status.", consumer.name(), consumer.createdMillis() / 1000, consumer.streamName(), ns.account());
        }
        StreamMeta meta = reader.readable(ns, consumer.streamName());
        ShardMeta shard = ShardReader.shard(ns, meta, shardId);
        ShardReader.Start start = reader.start(meta, shard, type, sequenceNumber, timestamp);
        String key = consumerArn + "\u0000" + shardId;
        if (active.containsKey(key)) {
            throw inUse(consumerArn, shardId);
        }
        limiter.admit("SubscribeToShard", consumerArn + "/" + shardId, now);
        Subscription s = new Subscription(ns, consumer.streamName(), meta.incarnation(), shard.index(), start, now, key);
        if (active.putIfAbsent(key, s) != null) {
            throw inUse(consumerArn, shardId);
        }
        return s;
    }

    private static RuntimeException inUse(String consumerArn, String shardId) {
        return KinesisErrors.RESOURCE_IN_USE.exception("Another active subscription exists for this consumer: %s and shard %s.",
                consumerArn, shardId);
    }

    /** One subscription: polled for its next event until it ends or is closed. Not thread-safe; one reader. */
    public final class Subscription implements AutoCloseable {
        private final Namespace ns;
        private final String stream;
        private final long incarnation;
        private final long shard;
        private final String key;
        private final long endsMillis;
        private final TokenBucket bytes;
        private SequenceNumber position;
        private boolean inclusive;
        private long lastEventMillis = -1;
        private boolean finished;

        private Subscription(Namespace ns, String stream, long incarnation, long shard, ShardReader.Start start, long now, String key) {
            this.ns = ns;
            this.stream = stream;
            this.incarnation = incarnation;
            this.shard = shard;
            this.key = key;
            this.position = start.from();
            this.inclusive = start.inclusive();
            this.endsMillis = now + KinesisLimits.SUBSCRIPTION_MILLIS;
            this.bytes = new TokenBucket(KinesisLimits.SHARD_READ_BYTES, now);
        }

        public boolean finished() {
            return finished;
        }

        /**
         * The next event, or null when there is nothing to send yet. After the last event (the
         * shard's end, the 5 minutes, or the stream's deletion) {@link #finished} is true.
         */
        public @Nullable Event poll() {
            if (finished) {
                return null;
            }
            long now = clock.millis();
            if (now >= endsMillis) {
                finished = true;
                return null;
            }
            StreamState state = streams.find(ns, stream);
            if (state == null || state.meta().incarnation() != incarnation) {
                finished = true;
                throw Streams.notFound(ns, stream);
            }
            StreamMeta meta = state.meta();
            ShardMeta s = ShardReader.shard(ns, meta, ShardMeta.shardId(shard));
            if (throttling && !bytes.positive(now)) {
                return null;
            }
            RecordLog.Page page = log.read(ns, meta, s, position, inclusive, KinesisLimits.GET_RECORDS_MAX_LIMIT, EVENT_MAX_BYTES);
            if (throttling) {
                bytes.take(page.bytes());
            }
            if (page.shardEnded()) {
                finished = true;
                return new Event(page.records(), null, 0, ShardReader.children(meta, s));
            }
            if (page.records().isEmpty() && lastEventMillis >= 0 && now - lastEventMillis < HEARTBEAT_MILLIS) {
                return null;
            }
            if (!page.records().isEmpty()) {
                position = page.records().get(page.records().size() - 1).sequenceNumber();
                inclusive = false;
            }
            lastEventMillis = now;
            return new Event(page.records(), continuation().toString(), page.millisBehindLatest(), null);
        }

        /** The number to resubscribe AFTER: the last delivered record, or just before the start. */
        private SequenceNumber continuation() {
            if (!inclusive) {
                return position;
            }
            return position.counter() > 0 ? new SequenceNumber(position.millis(), position.shardIndex(), position.counter() - 1)
                    : SequenceNumber.last(Math.max(0, position.millis() - 1), position.shardIndex());
        }

        @Override
        public void close() {
            finished = true;
            active.remove(key, this);
        }
    }
}
