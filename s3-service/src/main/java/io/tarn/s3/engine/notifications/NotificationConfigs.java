package io.tarn.s3.engine.notifications;

import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.NotificationConfig;
import io.tarn.s3.model.NotificationConfig.Destination;
import io.tarn.s3.model.OutboxEntry;
import io.tarn.s3.model.S3Keys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Buckets' notification configurations: validated as S3 validates them, stored with the test
 * events they cause (one batch), and kept in memory since every object write asks for them.
 */
public final class NotificationConfigs {

    private final Keyspace keyspace;
    private final BucketEngine buckets;
    private final EmulatorClock clock;
    private final NotificationTargets targets;
    private final LongSupplier sequence;
    private final Outbox outbox;
    /** By bucket name; an entry whose {@code bucketCreated} is not the bucket's is of a deleted namesake. */
    private final Map<String, NotificationConfig> cache = new ConcurrentHashMap<>();

    NotificationConfigs(Keyspace keyspace, BucketEngine buckets, EmulatorClock clock, NotificationTargets targets, LongSupplier sequence,
            Outbox outbox) {
        this.keyspace = keyspace;
        this.buckets = buckets;
        this.clock = clock;
        this.targets = targets;
        this.sequence = sequence;
        this.outbox = outbox;
    }

    /** The bucket's configuration; an empty one when none was put. */
    public NotificationConfig get(String bucket) {
        BucketMeta b = buckets.require(bucket);
        NotificationConfig cached = cache.get(bucket);
        if (cached != null && ofBucket(cached, b)) {
            return cached;
        }
        NotificationConfig stored = keyspace.get(S3Keys.notificationConfig(bucket), NotificationConfig.class).orElse(null);
        NotificationConfig current = stored != null && ofBucket(stored, b) ? stored
                : new NotificationConfig(NotificationConfig.SCHEMA, b.created(), List.of(), false);
        cache.put(bucket, current);
        return current;
    }

    /**
     * Whether the configuration is this bucket's rather than a deleted namesake's. Compared in
     * epoch milliseconds, the precision the store keeps instants in: a bucket created by this
     * process holds its creation instant to the nanosecond, and its configuration read back from
     * the store would never be equal to it.
     */
    private static boolean ofBucket(NotificationConfig config, BucketMeta bucket) {
        return config.bucketCreated().toEpochMilli() == bucket.created().toEpochMilli();
    }

    /**
     * Replaces the bucket's configuration after S3's checks: known events, at most one prefix and
     * one suffix rule, unique ids, no two destinations that one event of one key could both match,
     * every destination reachable. Each destination is sent {@code s3:TestEvent}, from the same batch.
     */
    public synchronized NotificationConfig put(String bucket, List<Destination> destinations, boolean eventBridge) {
        BucketMeta b = buckets.require(bucket);
        check(destinations);
        NotificationConfig config = new NotificationConfig(NotificationConfig.SCHEMA, b.created(), destinations, eventBridge);
        RequestOrigin origin = RequestOrigin.current();
        long now = clock.millis();
        Set<String> tested = new HashSet<>();
        keyspace.write(batch -> {
            batch.put(S3Keys.notificationConfig(bucket), config);
            long seq = sequence.getAsLong();
            int n = 0;
            for (Destination d : destinations) {
                if (tested.add(d.arn())) {
                    outbox.add(batch, seq, n++, new OutboxEntry(OutboxEntry.SCHEMA, bucket, "s3:TestEvent", d.arn(), bucket,
                            EventRecords.testEvent(bucket, origin, clock.instant(), seq), now, 0, 0, null));
                }
            }
        });
        cache.put(bucket, config);
        if (!tested.isEmpty()) {
            outbox.committed();
        }
        return config;
    }

    private void check(List<Destination> destinations) {
        List<String> unreachable = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Destination d : destinations) {
            if (d.events().isEmpty()) {
                throw S3Errors.MALFORMED_XML.exception(
                        "The XML you provided was not well-formed or did not validate against our published schema");
            }
            for (String e : d.events()) {
                if (!EventNames.SUPPORTED.contains(e)) {
                    throw S3Errors.INVALID_ARGUMENT.exception("The event is not supported for notifications")
                            .with("ArgumentName", "Event").with("ArgumentValue", e);
                }
            }
            if (!ids.add(d.id())) {
                throw S3Errors.INVALID_ARGUMENT.exception("Configuration ids must be unique.")
                        .with("ArgumentName", "Id").with("ArgumentValue", d.id());
            }
            if (targets.of(d.arn()) == null && !unreachable.contains(d.arn())) {
                unreachable.add(d.arn());
            }
        }
        for (int i = 0; i < destinations.size(); i++) {
            for (int j = i + 1; j < destinations.size(); j++) {
                if (overlap(destinations.get(i), destinations.get(j))) {
                    throw S3Errors.INVALID_ARGUMENT.exception("Configuration is ambiguously defined. Cannot have overlapping suffixes "
                            + "in two rules if the prefixes are overlapping for the same event type.");
                }
            }
        }
        if (!unreachable.isEmpty()) {
            var error = S3Errors.INVALID_ARGUMENT.exception("Unable to validate the following destination configurations");
            for (int i = 0; i < unreachable.size(); i++) {
                error.with("ArgumentName" + (i + 1), unreachable.get(i)).with("ArgumentValue" + (i + 1),
                        "Tarn's init file maps no target to this ARN (s3Notifications)");
            }
            throw error;
        }
    }

    /** Two destinations one event of one key could both match: an event in common, prefixes and suffixes that nest. */
    static boolean overlap(Destination a, Destination b) {
        boolean events = a.events().stream().anyMatch(x -> b.events().stream().anyMatch(y -> EventNames.overlap(x, y)));
        return events && nests(a.prefix(), b.prefix(), true) && nests(a.suffix(), b.suffix(), false);
    }

    private static boolean nests(@Nullable String a, @Nullable String b, boolean prefix) {
        String x = a == null ? "" : a;
        String y = b == null ? "" : b;
        return prefix ? x.startsWith(y) || y.startsWith(x) : x.endsWith(y) || y.endsWith(x);
    }

    /** Forgets what was read, after an admin reset. */
    void forget() {
        cache.clear();
    }
}
