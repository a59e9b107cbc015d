package io.tarn.kinesis.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import io.tarn.kinesis.model.AccountSettings;
import io.tarn.kinesis.model.KinesisKeys;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StreamMeta;
import io.tarn.kinesis.model.StreamStatus;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The streams' control plane: create and delete with their status transitions on the emulator
 * clock, retention, capacity mode, record size and warm throughput, encryption, monitoring, and
 * the account's limits and settings.
 */
public final class StreamEngine {

    /** The three enhanced-monitoring outputs: what was, what is now. */
    public record Monitoring(String streamName, String streamArn, List<String> current, List<String> desired) {}

    public record Limits(int shardLimit, int openShardCount, int onDemandStreamCount, int onDemandStreamCountLimit) {}

    static final List<String> METRICS = List.of("IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords",
            "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds");

    private final Streams streams;
    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final KinesisSettings settings;
    private final ControlPlaneLimiter limiter;
    private final RecordCipher cipher;
    private final RetentionSweeper sweeper;
    private final SecureRandom random = new SecureRandom();
    private final Object createLock = new Object();

    StreamEngine(Streams streams, EmulatorClock clock, Scheduler scheduler, KinesisSettings settings, ControlPlaneLimiter limiter,
            RecordCipher cipher, RetentionSweeper sweeper) {
        this.sweeper = sweeper;
        this.streams = streams;
        this.keyspace = streams.keyspace();
        this.clock = clock;
        this.scheduler = scheduler;
        this.settings = settings;
        this.limiter = limiter;
        this.cipher = cipher;
    }

    public static String streamArn(Namespace ns, String name) {
        return "arn:aws:kinesis:" + ns.region() + ":" + ns.account() + ":stream/" + name;
    }

    /** Admits an account-wide call: AWS's refusal names the account ("Rate exceeded for account a."). */
    public void admit(Namespace ns, String operation) {
        admit(ns, operation, null);
    }

    /** Admits a call on one stream: AWS's refusal names the stream ("Rate exceeded for stream s under account a."). */
    public void admit(Namespace ns, String operation, @Nullable String streamName) {
        limiter.admit(operation, ns.account() + "/" + ns.region(), clock.millis(), KinesisErrors.LIMIT_EXCEEDED,
                streamName == null ? "account " + ns.account() : "stream " + streamName + " under account " + ns.account());
    }

    public long now() {
        return clock.millis();
    }

    // ---- lifecycle

    public StreamMeta create(Namespace ns, String name, @Nullable Integer shardCount, @Nullable String mode,
            Map<String, String> tags, @Nullable Integer maxRecordSizeKiB, @Nullable Integer warmThroughputMiBps) {
        admit(ns, "CreateStream");
        if (!KinesisLimits.NAME.matcher(name).matches()) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'streamName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", name);
        }
        String capacity = mode != null ? mode : shardCount != null ? StreamMeta.PROVISIONED : StreamMeta.ON_DEMAND;
        int shards;
        if (StreamMeta.PROVISIONED.equals(capacity)) {
            if (shardCount == null) {
                throw KinesisErrors.VALIDATION.exception("ShardCount is required for streams in PROVISIONED mode.");
            }
            if (shardCount < 1) {
                throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'shardCount' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 1", shardCount);
            }
            shards = shardCount;
        } else {
            if (shardCount != null) {
                throw KinesisErrors.VALIDATION.exception("ShardCount must not be specified for streams in ON_DEMAND mode.");
            }
            shards = KinesisLimits.ON_DEMAND_INITIAL_SHARDS;
        }
        if (warmThroughputMiBps != null) {
            requireWarmThroughputAllowed(ns, capacity, warmThroughputMiBps);
            shards = Math.max(shards, Math.min(warmThroughputMiBps, settings.shardLimit()));
        }
        int maxRecord = maxRecordSizeKiB == null ? KinesisLimits.DEFAULT_MAX_RECORD_KIB : checkMaxRecordSize(maxRecordSizeKiB);
        TagRules.check(tags, 0);
        synchronized (createLock) {
            if (streams.find(ns, name) != null) {
                throw KinesisErrors.RESOURCE_IN_USE.exception("Stream %s under account %s already exists.", name, ns.account());
            }
            Limits limits = limits(ns);
            if (limits.openShardCount() + shards > limits.shardLimit()) {
                throw KinesisErrors.LIMIT_EXCEEDED.exception("This request would exceed the shard limit for the account %s in %s. "
                        + "Current shard count for the account: %d. Limit: %d. Number of additional shards that would have resulted "
                        + "from this request: %d.", ns.account(), ns.region(), limits.openShardCount(), limits.shardLimit(), shards);
            }
            if (StreamMeta.ON_DEMAND.equals(capacity) && limits.onDemandStreamCount() >= limits.onDemandStreamCountLimit()) {
                throw KinesisErrors.LIMIT_EXCEEDED.exception("This request would exceed the on-demand stream limit for the account %s.",
                        ns.account());
            }
            long now = clock.millis();
            StreamMeta.Editor e = new StreamMeta.Editor(name, streamArn(ns, name), random.nextLong() & Long.MAX_VALUE, capacity, now);
            e.transition(StreamStatus.CREATING, now, settings.createDelay().toMillis());
            for (int i = 0; i < shards; i++) {
                e.addShard(ShardMeta.NONE, ShardMeta.NONE, HashKeys.evenStart(i, shards),
                        i == shards - 1 ? HashKeys.MAX : HashKeys.evenStart(i + 1, shards).subtract(java.math.BigInteger.ONE), now);
            }
            e.tags.putAll(tags);
            e.maxRecordSizeKiB = maxRecord;
            e.warmThroughputMiBps = warmThroughputMiBps;
            return streams.create(ns, e.done()).meta();
        }
    }

    public void delete(Namespace ns, String name, boolean enforceConsumerDeletion, boolean hasConsumers) {
        admit(ns, "DeleteStream", name);
        StreamState state = streams.require(ns, name);
        long now = clock.millis();
        synchronized (state) {
            StreamMeta meta = state.meta();
            if (meta.statusAt(now) == StreamStatus.DELETING) {
                return;
            }
            if (hasConsumers && !enforceConsumerDeletion) {
                throw KinesisErrors.RESOURCE_IN_USE.exception("DeleteStream can't delete %s because there are consumers associated "
                        + "with this data stream. To delete %s anyway, set the EnforceConsumerDeletion parameter to true to force the "
                        + "deletion of all the consumers that are associated with it.", meta.arn(), name);
            }
            streams.save(state, meta.edit().transition(StreamStatus.DELETING, now, settings.deleteDelay().toMillis()).done());
        }
        long delay = settings.deleteDelay().toMillis();
        if (delay <= 0) {
            streams.purge(state);
        } else {
            scheduler.at(Instant.ofEpochMilli(now + delay), () -> streams.find(ns, name)); // a lookup purges a stream whose time came
        }
    }

    public StreamMeta describe(Namespace ns, String name) {
        return streams.require(ns, name).meta();
    }

    @Nullable StreamMeta describeOrNull(Namespace ns, String name) {
        StreamState s = streams.find(ns, name);
        return s == null ? null : s.meta();
    }

    /** Streams of the account from after {@code exclusiveStart} (a name), in name order. */
    public List<StreamMeta> list(Namespace ns, @Nullable String exclusiveStart) {
        List<StreamMeta> out = new ArrayList<>();
        for (StreamState s : streams.list(ns)) {
            if (exclusiveStart == null || s.name.compareTo(exclusiveStart) > 0) {
                out.add(s.meta());
            }
        }
        return out;
    }

    /** Runs {@code change} on an ACTIVE stream under its lock, then saves it UPDATING for the update delay. */
    StreamMeta update(Namespace ns, String name, boolean transition, Consumer<StreamMeta.Editor> change) {
        StreamState state = streams.require(ns, name);
        synchronized (state) {
            long now = clock.millis();
            StreamMeta meta = state.meta();
            requireActive(ns, meta, now);
            StreamMeta.Editor e = meta.edit();
            change.accept(e);
            if (transition) {
                e.transition(StreamStatus.UPDATING, now, settings.updateDelay().toMillis());
            }
            StreamMeta saved = e.done();
            streams.save(state, saved);
            return saved;
        }
    }

    static void requireActive(Namespace ns, StreamMeta meta, long now) {
        StreamStatus status = meta.statusAt(now);
        if (status != StreamStatus.ACTIVE) {
            throw KinesisErrors.RESOURCE_IN_USE.exception("Stream %s under account %s not ACTIVE, instead in state %s",
                    meta.name(), ns.account(), status);
        }
    }

    // ---- retention

    public void increaseRetention(Namespace ns, String name, int hours) {
        admit(ns, "IncreaseStreamRetentionPeriod", name);
        checkRetention(hours);
        // records already past the current retention stay gone, as AWS promises: delete them first
        sweeper.sweep(streams.require(ns, name));
        update(ns, name, false, e -> {
            if (hours < e.retentionHours) {
                throw KinesisErrors.INVALID_ARGUMENT.exception("Requested retention period (%d hours) for stream %s can not be shorter "
                        + "than existing retention period (%d hours). Use DecreaseRetentionPeriod API.", hours, name, e.retentionHours);
            }
            e.retentionHours = hours;
        });
    }

    public void decreaseRetention(Namespace ns, String name, int hours) {
        admit(ns, "DecreaseStreamRetentionPeriod", name);
        checkRetention(hours);
        update(ns, name, false, e -> {
            if (hours > e.retentionHours) {
                throw KinesisErrors.INVALID_ARGUMENT.exception("Requested retention period (%d hours) for stream %s can not be longer "
                        + "than existing retention period (%d hours). Use IncreaseRetentionPeriod API.", hours, name, e.retentionHours);
            }
            e.retentionHours = hours;
        });
    }

    private static void checkRetention(int hours) {
        if (hours < KinesisLimits.MIN_RETENTION_HOURS) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Minimum allowed retention period is %d hours. Requested retention period "
                    + "(%d hours) is too short.", KinesisLimits.MIN_RETENTION_HOURS, hours);
        }
        if (hours > KinesisLimits.MAX_RETENTION_HOURS) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Maximum allowed retention period is %d hours. Requested retention period "
                    + "(%d hours) is too long.", KinesisLimits.MAX_RETENTION_HOURS, hours);
        }
    }

    // ---- monitoring

    public Monitoring enhancedMonitoring(Namespace ns, String name, List<String> metrics, boolean enable) {
        for (String m : metrics) {
            if (!"ALL".equals(m) && !METRICS.contains(m)) {
                throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '[%s]' at 'shardLevelMetrics' failed to "
                        + "satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: %s]", m, METRICS);
            }
        }
        List<String> expanded = metrics.contains("ALL") ? METRICS : metrics;
        List<String> before = new ArrayList<>();
        StreamMeta after = update(ns, name, false, e -> {
            before.addAll(e.enhancedMetrics);
            for (String m : expanded) {
                e.enhancedMetrics.remove(m);
                if (enable) {
                    e.enhancedMetrics.add(m);
                }
            }
            e.enhancedMetrics.sort(null);
        });
        return new Monitoring(name, after.arn(), before, after.enhancedMetrics());
    }

    // ---- capacity mode, record size, warm throughput

    public void updateMode(Namespace ns, String name, String mode, @Nullable Integer warmThroughputMiBps) {
        update(ns, name, true, e -> {
            if (mode.equals(e.mode)) {
                throw KinesisErrors.INVALID_ARGUMENT.exception("Stream %s under account %s is already in %s mode.", name, ns.account(), mode);
            }
            if (StreamMeta.ON_DEMAND.equals(mode) && limits(ns).onDemandStreamCount() >= settings.onDemandStreamLimit()) {
                throw KinesisErrors.LIMIT_EXCEEDED.exception("This request would exceed the on-demand stream limit for the account %s.",
                        ns.account());
            }
            if (warmThroughputMiBps != null) {
                requireWarmThroughputAllowed(ns, mode, warmThroughputMiBps);
            }
            e.mode = mode;
            e.warmThroughputMiBps = StreamMeta.ON_DEMAND.equals(mode) ? warmThroughputMiBps : null;
        });
    }

    public void updateMaxRecordSize(Namespace ns, String name, int kib) {
        checkMaxRecordSize(kib);
        update(ns, name, true, e -> e.maxRecordSizeKiB = kib);
    }

    private static int checkMaxRecordSize(int kib) {
        if (kib < KinesisLimits.DEFAULT_MAX_RECORD_KIB || kib > KinesisLimits.MAX_RECORD_KIB) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'maxRecordSizeInKiB' failed to satisfy "
                    + "constraint: Member must have value between %d and %d", kib, KinesisLimits.DEFAULT_MAX_RECORD_KIB,
                    KinesisLimits.MAX_RECORD_KIB);
        }
        return kib;
    }

    /** Sets the warm throughput; the stream grows to one open shard per MiB/s if it has fewer. */
    public StreamMeta updateWarmThroughput(Namespace ns, String name, int mibps) {
        StreamMeta current = describe(ns, name);
        requireWarmThroughputAllowed(ns, current.mode(), mibps);
        return update(ns, name, true, e -> {
            e.warmThroughputMiBps = mibps;
            int open = (int) e.shards.stream().filter(ShardMeta::isOpen).count();
            int want = Math.min(mibps, settings.shardLimit());
            if (want > open) {
                Resharder.uniform(e, Math.min(want, open * 2), clock.millis());
            }
        });
    }

    private void requireWarmThroughputAllowed(Namespace ns, String mode, int mibps) {
        if (!StreamMeta.ON_DEMAND.equals(mode)) {
            throw KinesisErrors.VALIDATION.exception("Warm throughput is only supported for streams in ON_DEMAND mode.");
        }
        if (!"ENABLED".equals(accountSettings(ns).commitmentStatus())) {
            throw KinesisErrors.VALIDATION.exception("Warm throughput requires MinimumThroughputBillingCommitment to be enabled "
                    + "for the account %s.", ns.account());
        }
        if (mibps < 1 || mibps > KinesisLimits.MAX_WARM_THROUGHPUT_MIBPS) {
            throw KinesisErrors.VALIDATION.exception("WarmThroughputMiBps must be between 1 and %d.", KinesisLimits.MAX_WARM_THROUGHPUT_MIBPS);
        }
    }

    // ---- encryption

    public void startEncryption(Namespace ns, String name, String type, String keyId) {
        requireKms(type);
        String keyArn = cipher.resolve(ns, keyId);
        update(ns, name, true, e -> {
            if ("KMS".equals(e.encryptionType) && keyId.equals(e.keyId)) {
                return; // already encrypted under this key
            }
            e.dataKeys.add(cipher.newDataKey(ns, e, keyId));
            e.encryptionType = "KMS";
            e.keyId = keyId;
        });
    }

    public void stopEncryption(Namespace ns, String name, String type, String keyId) {
        requireKms(type);
        update(ns, name, true, e -> {
            e.encryptionType = "NONE";
            e.keyId = null;
        });
    }

    private static void requireKms(String type) {
        if (!"KMS".equals(type)) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Encryption type %s is not supported; use KMS.", type);
        }
    }

    // ---- account

    public Limits limits(Namespace ns) {
        int open = 0;
        int onDemand = 0;
        for (StreamState s : streams.list(ns)) {
            StreamMeta m = s.meta();
            open += m.openShards().size();
            if (m.onDemand()) {
                onDemand++;
            }
        }
        return new Limits(settings.shardLimit(), open, onDemand, settings.onDemandStreamLimit());
    }

    public AccountSettings accountSettings(Namespace ns) {
        AccountSettings s = keyspace.get(KinesisKeys.accountSettings(ns), AccountSettings.class).orElse(AccountSettings.DEFAULT);
        if ("ENABLED_UNTIL_EARLIEST_ALLOWED_END".equals(s.commitmentStatus()) && s.endedMillis() != null
                && clock.millis() >= s.endedMillis()) {
            return new AccountSettings("DISABLED", null, null);
        }
        return s;
    }

    /** The commitment lasts at least a day once enabled; disabling earlier ends it at that time. */
    public AccountSettings updateAccountSettings(Namespace ns, String status) {
        AccountSettings current = accountSettings(ns);
        long now = clock.millis();
        AccountSettings next;
        if ("ENABLED".equals(status)) {
            next = "DISABLED".equals(current.commitmentStatus()) ? new AccountSettings("ENABLED", now, null)
                    : new AccountSettings("ENABLED", current.startedMillis(), null);
        } else if ("DISABLED".equals(status)) {
            if ("DISABLED".equals(current.commitmentStatus())) {
                next = current;
            } else {
                long earliest = current.startedMillis() + EARLIEST_END_MILLIS;
                next = now >= earliest ? new AccountSettings("DISABLED", null, null)
                        : new AccountSettings("ENABLED_UNTIL_EARLIEST_ALLOWED_END", current.startedMillis(), earliest);
            }
        } else {
            throw KinesisErrors.VALIDATION.exception("Status must be ENABLED or DISABLED.");
        }
        keyspace.put(KinesisKeys.accountSettings(ns), next);
        return next;
    }

    /** How long a minimum throughput billing commitment lasts at least. */
    public static final long EARLIEST_END_MILLIS = 24 * 3_600_000L;
}
