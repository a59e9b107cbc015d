package io.tarn.kinesis.engine;

import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.core.spi.ports.StreamPort;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.kinesis.model.StreamMeta;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Supplier;

/** Kinesis's engines over one keyspace, clock and scheduler, wired together. */
public final class KinesisEngine implements AutoCloseable {

    /** How often expired records and shards are deleted, in emulator time. */
    static final Duration SWEEP_PERIOD = Duration.ofMinutes(5);

    private final Keyspace keyspace;
    private final Streams streams;
    private final StreamEngine streamEngine;
    private final ReshardEngine reshard;
    private final RecordLog records;
    private final ShardReader reader;
    private final ConsumerRegistry consumers;
    private final TagEngine tags;
    private final Subscriptions subscriptions;
    private final StreamPort streamPort;
    private final RetentionSweeper sweeper;
    private final Scheduler.Timer sweepTimer;

    private KinesisEngine(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, KinesisSettings settings,
            Supplier<KeyServicePort> kms) {
        this.keyspace = keyspace;
        streams = new Streams(keyspace, clock);
        ControlPlaneLimiter limiter = new ControlPlaneLimiter(settings.throttling());
        ShardThroughput throughput = new ShardThroughput(settings.throttling());
        RecordCipher cipher = new RecordCipher(kms);
        OnDemandScaler scaler = new OnDemandScaler(settings.shardLimit());
        sweeper = new RetentionSweeper(streams, clock);
        streamEngine = new StreamEngine(streams, clock, scheduler, settings, limiter, cipher, sweeper);
        reshard = new ReshardEngine(streamEngine, clock, settings);
        records = new RecordLog(streams, clock, throughput, cipher, scaler);
        reader = new ShardReader(streams, records, clock, throughput, new ShardIteratorCodec(iteratorKey(keyspace)), limiter);
        consumers = new ConsumerRegistry(keyspace, streamEngine, clock, settings);
        tags = new TagEngine(streamEngine, consumers);
        streamPort = new KinesisStreamPort(reader, records, clock);
        subscriptions = new Subscriptions(streams, consumers, reader, records, clock, limiter, settings.throttling());
        scaler.scaling((state, target, now) -> {
            StreamMeta.Editor e = state.meta().edit();
            Resharder.uniform(e, target, now);
            streams.save(state, e.done());
        });
        streams.onPurge(meta -> {
            throughput.forget(meta.incarnation());
            cipher.forget(meta.incarnation());
            scaler.forget(meta.incarnation());
        });
        sweepTimer = scheduler.every(SWEEP_PERIOD, sweeper::sweep);
    }

    public static KinesisEngine open(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, KinesisSettings settings,
            Supplier<KeyServicePort> kms) {
        return new KinesisEngine(keyspace, clock, scheduler, settings, kms);
    }

    /** The HMAC key of shard iterators, made once per data dir so iterators survive a restart. */
    private static byte[] iteratorKey(Keyspace keyspace) {
        Key key = Key.of("k", "iterator");
        byte[] existing = keyspace.get(key);
        if (existing != null) {
            return existing;
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        keyspace.write(b -> b.put(key, fresh));
        return fresh;
    }

    public StreamEngine streams() {
        return streamEngine;
    }

    public ReshardEngine reshard() {
        return reshard;
    }

    public RecordLog records() {
        return records;
    }

    public ShardReader reader() {
        return reader;
    }

    public ConsumerRegistry consumers() {
        return consumers;
    }

    public TagEngine tags() {
        return tags;
    }

    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** How other services read streams in process (Firehose's Kinesis source). */
    public StreamPort streamPort() {
        return streamPort;
    }

    /** Runs the retention sweep now (tests; the timer runs it every few emulator minutes). */
    public void sweepRetention() {
        sweeper.sweep();
    }

    /** Forgets every stream (the admin reset); the iterator key stays. */
    public void reset() {
        byte[] iteratorKey = keyspace.get(Key.of("k", "iterator"));
        keyspace.clear();
        streams.clearCache();
        if (iteratorKey != null) {
            keyspace.write(b -> b.put(Key.of("k", "iterator"), iteratorKey));
        }
    }

    @Override
    public void close() {
        sweepTimer.cancel();
    }
}
