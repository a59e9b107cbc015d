package io.tarn.kinesis.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import io.tarn.kinesis.model.ConsumerMeta;
import io.tarn.kinesis.model.KinesisKeys;
import io.tarn.kinesis.model.StreamMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Enhanced fan-out consumers: registered on a stream (20 at most), CREATING then ACTIVE, DELETING
 * then gone, on the emulator clock with the stream update delay. Their ARN carries the creation
 * time, so a consumer re-registered under the same name has a new ARN.
 */
public final class ConsumerRegistry {

    private final Keyspace keyspace;
    private final StreamEngine streams;
    private final EmulatorClock clock;
    private final KinesisSettings settings;

    ConsumerRegistry(Keyspace keyspace, StreamEngine streams, EmulatorClock clock, KinesisSettings settings) {
        this.keyspace = keyspace;
        this.streams = streams;
        this.clock = clock;
        this.settings = settings;
    }

    public synchronized ConsumerMeta register(Namespace ns, String streamName, String consumerName, Map<String, String> tags) {
        streams.admit(ns, "RegisterStreamConsumer", streamName);
        if (!KinesisLimits.NAME.matcher(consumerName).matches()) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'consumerName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", consumerName);
        }
        StreamMeta stream = streams.describe(ns, streamName);
        TagRules.check(tags, 0);
        List<ConsumerMeta> existing = list(ns, streamName);
        for (ConsumerMeta c : existing) {
            if (c.name().equals(consumerName)) {
                throw KinesisErrors.RESOURCE_IN_USE.exception("Consumer %s under stream %s already exists for account %s.",
                        c.arn(), streamName, ns.account());
            }
        }
        if (existing.size() >= KinesisLimits.MAX_CONSUMERS_PER_STREAM) {
            throw KinesisErrors.LIMIT_EXCEEDED.exception("Consumer limit of %d for stream %s under account %s exceeded.",
                    KinesisLimits.MAX_CONSUMERS_PER_STREAM, streamName, ns.account());
        }
        long now = clock.millis();
        String arn = stream.arn() + "/consumer/" + consumerName + ":" + (now / 1000);
        ConsumerMeta c = new ConsumerMeta(consumerName, arn, streamName, stream.incarnation(), "CREATING",
                now + settings.updateDelay().toMillis(), now, tags, null);
        keyspace.put(KinesisKeys.consumer(ns, streamName, consumerName), c);
        return c;
    }

    public synchronized ConsumerMeta deregister(Namespace ns, @Nullable String streamName, @Nullable String consumerName,
            @Nullable String consumerArn) {
        streams.admit(ns, "DeregisterStreamConsumer");
        ConsumerMeta c = find(ns, streamName, consumerName, consumerArn);
        if (!"DELETING".equals(c.status())) {
            long delay = settings.updateDelay().toMillis();
            ConsumerMeta deleting = c.withStatus("DELETING", clock.millis() + delay);
            if (delay <= 0) {
                keyspace.delete(KinesisKeys.consumer(ns, c.streamName(), c.name()));
            } else {
                keyspace.put(KinesisKeys.consumer(ns, c.streamName(), c.name()), deleting);
            }
            return deleting;
        }
        return c;
    }

    /** By stream and name, or by ARN (whose stream and name it carries). */
    public ConsumerMeta find(Namespace ns, @Nullable String streamName, @Nullable String consumerName, @Nullable String consumerArn) {
        String stream = streamName;
        String name = consumerName;
        if (consumerArn != null) {
            ConsumerArn parsed = ConsumerArn.parse(ns, consumerArn);
            stream = parsed.stream();
            name = parsed.consumer();
        } else if (stream == null || name == null) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        }
        ConsumerMeta c = keyspace.get(KinesisKeys.consumer(ns, stream, name), ConsumerMeta.class).orElse(null);
        long now = clock.millis();
        StreamMeta streamMeta = c == null ? null : streams.describeOrNull(ns, stream);
        if (c == null || c.goneAt(now) || streamMeta == null || streamMeta.incarnation() != c.streamIncarnation()
                || (consumerArn != null && !consumerArn.equals(c.arn()))) {
            throw KinesisErrors.RESOURCE_NOT_FOUND.exception("Consumer %s under stream %s not found for account %s.",
                    consumerArn != null ? consumerArn : name, stream, ns.account());
        }
        return c;
    }

    /** The stream's consumers that exist now, in name order. */
    public List<ConsumerMeta> list(Namespace ns, String streamName) {
        StreamMeta stream = streams.describe(ns, streamName);
        long now = clock.millis();
        List<ConsumerMeta> out = new ArrayList<>();
        for (ConsumerMeta c : keyspace.values(KinesisKeys.consumers(ns, streamName), ConsumerMeta.class)) {
            if (!c.goneAt(now) && c.streamIncarnation() == stream.incarnation()) {
                out.add(c);
            }
        }
        return out;
    }

    void save(Namespace ns, ConsumerMeta c) {
        keyspace.put(KinesisKeys.consumer(ns, c.streamName(), c.name()), c);
    }

    /** A consumer ARN's parts: {@code arn:aws:kinesis:region:account:stream/NAME/consumer/CONSUMER:EPOCH}. */
    public record ConsumerArn(String stream, String consumer) {
        static ConsumerArn parse(Namespace ns, String arn) {
            String prefix = "arn:aws:kinesis:" + ns.region() + ":" + ns.account() + ":stream/";
            int c = arn.indexOf("/consumer/");
            int colon = arn.lastIndexOf(':');
            if (!arn.startsWith(prefix) || c < 0 || colon < c) {
                throw KinesisErrors.RESOURCE_NOT_FOUND.exception("Consumer %s not found for account %s.", arn, ns.account());
            }
            return new ConsumerArn(arn.substring(prefix.length(), c), arn.substring(c + "/consumer/".length(), colon));
        }
    }
}
