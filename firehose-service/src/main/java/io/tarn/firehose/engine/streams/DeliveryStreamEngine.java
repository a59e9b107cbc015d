package io.tarn.firehose.engine.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.firehose.FirehoseErrors;
import io.tarn.firehose.engine.delivery.DeliveryStreamLookup;
import io.tarn.firehose.model.DeliveryStreamMeta;
import io.tarn.firehose.model.DeliveryStreamMeta.Encryption;
import io.tarn.firehose.model.DeliveryStreamMeta.Failure;
import io.tarn.firehose.model.DeliveryStreamStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The delivery streams' control plane: create (with AWS's checks of the source, the one
 * destination, encryption and tags), describe, list, delete, UpdateDestination, tags and
 * server-side encryption. Status transitions (CREATING -> ACTIVE, DELETING -> gone, ENABLING ->
 * ENABLED, DISABLING -> DISABLED) are stored with the time they end and evaluated lazily against
 * the emulator clock; a deleted stream is also removed by a timer when its time comes.
 */
public final class DeliveryStreamEngine {

    public static final String DESTINATION_ID = "destinationId-000000000001";
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final List<String> TYPES = List.of("DirectPut", "KinesisStreamAsSource", "MSKAsSource", "DatabaseAsSource");
    /** AWS allows 25 Start/StopDeliveryStreamEncryption calls per stream in 24 hours. */
    static final int ENCRYPTION_CHANGES_PER_DAY = 25;
    private static final long DAY_MILLIS = 24 * 3_600_000L;
    private static final String NOT_BUILT = "%s is not supported by Tarn: its Firehose delivers to Amazon S3 "
            + "(ExtendedS3DestinationConfiguration, S3DestinationConfiguration) and to HTTP endpoints "
            + "(HttpEndpointDestinationConfiguration), from DirectPut or KinesisStreamAsSource sources.";

    private final DeliveryStreams streams;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final FirehoseSettings settings;
    private final Supplier<KeyServicePort> kms;
    private final Object writeLock = new Object();
    private final List<BiConsumer<Namespace, DeliveryStreamMeta>> createListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile DestinationRules destinationRules = DestinationRules.BASIC;

    public DeliveryStreamEngine(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, FirehoseSettings settings,
            Supplier<KeyServicePort> kms) {
        this.streams = new DeliveryStreams(keyspace, clock);
        this.clock = clock;
        this.scheduler = scheduler;
        this.settings = settings;
        this.kms = kms;
    }

    /** What delivery reads of the streams. */
    public DeliveryStreamLookup lookup() {
        return new StoredStreamLookup(streams, clock);
    }

    /** Plugs in delivery's checks of S3 destinations (prefixes, processors, partitioning) in place of {@link DestinationRules#BASIC}. */
    public void useDestinationRules(DestinationRules rules) {
        this.destinationRules = rules;
    }

    /**
     * Tells {@code listener} of each stream about to be stored by CreateDeliveryStream (a Kinesis
     * source begins reading there); a listener's exception refuses the creation.
     */
    public void onCreate(BiConsumer<Namespace, DeliveryStreamMeta> listener) {
        createListeners.add(listener);
    }

    /** Tells {@code listener} of each stream once its deletion completed (its incarnation's buffers can go). */
    public void onStreamGone(Consumer<DeliveryStreamMeta> listener) {
        streams.onGone(listener);
    }

    public long now() {
        return clock.millis();
    }

    public static String arn(Namespace ns, String name) {
        return "arn:aws:firehose:" + ns.region() + ":" + ns.account() + ":deliverystream/" + name;
    }

    // ---- create

    public DeliveryStreamMeta create(Namespace ns, NewDeliveryStream in) {
        String name = checkName(in.name());
        String type = in.type() == null ? DeliveryStreamMeta.DIRECT_PUT : RequestChecks.streamType(in.type(), "deliveryStreamType");
        if (!in.otherSources().isEmpty()) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(NOT_BUILT, in.otherSources().get(0));
        }
        if (!DeliveryStreamMeta.DIRECT_PUT.equals(type) && !DeliveryStreamMeta.KINESIS_SOURCE.equals(type)) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(NOT_BUILT, "DeliveryStreamType " + type);
        }
        List<String> given = new ArrayList<>(in.destinations().keySet());
        if (given.size() != 1) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(given.isEmpty()
                    ? "A destination configuration is required: specify exactly one."
                    : "Only one destination configuration can be specified; the request has " + String.join(", ", given) + ".");
        }
        String member = given.get(0);
        JsonNode cfgNode = in.destinations().get(member);
        if (!cfgNode.isObject()) {
            throw Fields.wrongType(Fields.path(null, member), "a structure");
        }
        ObjectNode cfg = (ObjectNode) cfgNode;
        String path = Fields.path(null, member);
        String kind;
        ObjectNode destination;
        switch (member) {
            case "ExtendedS3DestinationConfiguration" -> {
                kind = DeliveryStreamMeta.EXTENDED_S3;
                destination = S3Destinations.describeExtended(cfg, path, destinationRules);
            }
            case "S3DestinationConfiguration" -> {
                kind = DeliveryStreamMeta.EXTENDED_S3;
                destination = S3Destinations.describeOlder(cfg, path, destinationRules);
            }
            case "HttpEndpointDestinationConfiguration" -> {
                kind = DeliveryStreamMeta.HTTP_ENDPOINT;
                destination = HttpEndpointDestinations.describe(cfg, path);
                destinationRules.check(destination);
            }
            default -> throw FirehoseErrors.INVALID_ARGUMENT.exception(NOT_BUILT, member);
        }
        long now = clock.millis();
        ObjectNode source = source(type, in, now);
        Encryption encryption = Encryption.DISABLED;
        if (in.encryption() != null) {
            if (!DeliveryStreamMeta.DIRECT_PUT.equals(type)) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception(
                        "Server-side encryption is supported only for Firehose streams whose source is DirectPut.");
            }
            EncryptionKey key = encryptionKey(ns, in.encryption(), "deliveryStreamEncryptionConfigurationInput");
            encryption = new Encryption(key.type(), key.arn(), "ENABLED", now);
        }
        Map<String, String> tags = new TreeMap<>();
        if (in.tags() != null) {
            Tags.check(in.tags(), "tags");
            in.tags().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
        }
        synchronized (writeLock) {
            if (streams.find(ns, name) != null) {
                throw FirehoseErrors.RESOURCE_IN_USE.exception("Firehose %s under account %s already exists.", name, ns.account());
            }
            List<DeliveryStreamMeta> existing = streams.list(ns);
            if (existing.size() >= settings.streamLimit()) {
                throw FirehoseErrors.LIMIT_EXCEEDED.exception("You have already consumed your firehose quota of %d hoses. Firehose names: %s",
                        settings.streamLimit(), existing.stream().map(DeliveryStreamMeta::name).toList());
            }
            DeliveryStreamMeta meta = new DeliveryStreamMeta(DeliveryStreamMeta.SCHEMA, name, arn(ns, name), UUID.randomUUID().toString(),
                    type, DeliveryStreamStatus.CREATING, now + settings.createDelay().toMillis(), now, null, 1, source, kind, destination,
                    encryption, null, tags, List.of());
            createListeners.forEach(l -> l.accept(ns, meta));
            streams.save(ns, meta);
            return meta;
        }
    }

    private static String checkName(@Nullable String name) {
        return RequestChecks.streamName(name, "deliveryStreamName", false);
    }

    private static @Nullable ObjectNode source(String type, NewDeliveryStream in, long now) {
        ObjectNode out = DestinationParts.JSON.objectNode();
        if (DeliveryStreamMeta.KINESIS_SOURCE.equals(type)) {
            if (in.directPutSource() != null) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception(
                        "DirectPutSourceConfiguration cannot be specified when DeliveryStreamType is KinesisStreamAsSource.");
            }
            if (in.kinesisSource() == null) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception(
                        "KinesisStreamSourceConfiguration must be specified when DeliveryStreamType is KinesisStreamAsSource.");
            }
            String path = "kinesisStreamSourceConfiguration";
            ObjectNode kinesis = DestinationParts.JSON.objectNode();
            kinesis.put("KinesisStreamARN", Fields.string(in.kinesisSource(), "KinesisStreamARN", path, true, 1, 512, Fields.KINESIS_STREAM_ARN));
            kinesis.put("RoleARN", Fields.string(in.kinesisSource(), "RoleARN", path, true, 1, 512, Fields.ROLE_ARN));
            // where reading starts: the stream's tip when the delivery stream was made (epoch seconds, as the wire has it)
            kinesis.put("DeliveryStartTimestamp", now / 1000.0);
            return out.set("KinesisStreamSourceDescription", kinesis);
        }
        if (in.kinesisSource() != null) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(
                    "KinesisStreamSourceConfiguration can be specified only when DeliveryStreamType is KinesisStreamAsSource.");
        }
        if (in.directPutSource() == null) {
            return null;
        }
        Integer hint = Fields.integer(in.directPutSource(), "ThroughputHintInMBs", "directPutSourceConfiguration", true, 1, 100);
        return out.set("DirectPutSourceDescription", DestinationParts.JSON.objectNode().put("ThroughputHintInMBs", hint));
    }

    // ---- read

    public DeliveryStreamMeta describe(Namespace ns, String name) {
        DeliveryStreamMeta meta = streams.find(ns, checkName(name));
        if (meta == null) {
            throw notFound(ns, name);
        }
        return meta;
    }

    static AwsException notFound(Namespace ns, String name) {
        return FirehoseErrors.RESOURCE_NOT_FOUND.exception("Firehose %s under account %s not found.", name, ns.account());
    }

    /** The streams of {@code ns} of {@code type} (all when null) after {@code exclusiveStart}, in name order. */
    public List<DeliveryStreamMeta> list(Namespace ns, @Nullable String type, @Nullable String exclusiveStart) {
        List<DeliveryStreamMeta> out = new ArrayList<>();
        for (DeliveryStreamMeta m : streams.list(ns)) {
            if ((type == null || type.equals(m.type())) && (exclusiveStart == null || m.name().compareTo(exclusiveStart) > 0)) {
                out.add(m);
            }
        }
        return out;
    }

    // ---- delete

    /** Starts the deletion; AWS refuses it while the stream is CREATING. {@code AllowForceDelete} changes nothing here: deletion never fails. */
    public void delete(Namespace ns, String name) {
        long due;
        synchronized (writeLock) {
            DeliveryStreamMeta meta = describe(ns, name);
            long now = clock.millis();
            DeliveryStreamStatus status = meta.statusAt(now);
            if (status == DeliveryStreamStatus.DELETING) {
                return;
            }
            if (status == DeliveryStreamStatus.CREATING) {
                throw FirehoseErrors.RESOURCE_IN_USE.exception(
                        "Firehose %s under account %s cannot be deleted while it is CREATING.", name, ns.account());
            }
            due = now + settings.deleteDelay().toMillis();
            streams.save(ns, meta.withStatus(DeliveryStreamStatus.DELETING, due));
        }
        if (due <= clock.millis()) {
            streams.find(ns, name); // a lookup removes a stream whose time came
        } else {
            scheduler.at(Instant.ofEpochMilli(due), () -> streams.find(ns, name));
        }
    }

    // ---- UpdateDestination

    /**
     * Applies an update ({@code member} is its wire name: ExtendedS3DestinationUpdate,
     * S3DestinationUpdate or HttpEndpointDestinationUpdate) checked against the current VersionId;
     * the same destination type merges, another replaces the destination and must be complete.
     */
    public DeliveryStreamMeta updateDestination(Namespace ns, String name, String currentVersionId, String destinationId,
            Map<String, JsonNode> updates) {
        List<String> given = new ArrayList<>(updates.keySet());
        if (given.size() != 1) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(given.isEmpty()
                    ? "A destination update is required: specify exactly one."
                    : "Only one destination update can be specified; the request has " + String.join(", ", given) + ".");
        }
        String member = given.get(0);
        String path = Fields.path(null, member);
        String kind = switch (member) {
            case "ExtendedS3DestinationUpdate", "S3DestinationUpdate" -> DeliveryStreamMeta.EXTENDED_S3;
            case "HttpEndpointDestinationUpdate" -> DeliveryStreamMeta.HTTP_ENDPOINT;
            default -> throw FirehoseErrors.INVALID_ARGUMENT.exception(NOT_BUILT, member);
        };
        if (!updates.get(member).isObject()) {
            throw Fields.wrongType(path, "a structure");
        }
        ObjectNode update = (ObjectNode) updates.get(member);
        synchronized (writeLock) {
            DeliveryStreamMeta meta = requireActive(ns, name);
            if (!DESTINATION_ID.equals(destinationId)) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception("Destination %s not found in Firehose %s under account %s.",
                        destinationId, name, ns.account());
            }
            if (!String.valueOf(meta.versionId()).equals(currentVersionId)) {
                throw FirehoseErrors.CONCURRENT_MODIFICATION.exception(
                        "Cannot update firehose: %s since the current version id: %d and specified version id: %s do not match",
                        name, meta.versionId(), currentVersionId);
            }
            ObjectNode destination;
            boolean sameKind = kind.equals(meta.destinationKind());
            if (DeliveryStreamMeta.EXTENDED_S3.equals(kind)) {
                ObjectNode cfg = sameKind ? S3Destinations.merge(meta.destination(), update, path) : renamed(update, "S3BackupUpdate",
                        "S3BackupConfiguration");
                destination = S3Destinations.describeExtended(cfg, path, destinationRules);
                boolean before = sameKind && S3Destinations.partitioned(meta.destination());
                if (S3Destinations.partitioned(destination) && !before) {
                    throw FirehoseErrors.INVALID_ARGUMENT.exception("Dynamic partitioning can be enabled only when a Firehose stream is created.");
                }
            } else {
                ObjectNode cfg = sameKind ? HttpEndpointDestinations.merge(meta.destination(), update, path)
                        : renamed(update, "S3Update", "S3Configuration");
                destination = HttpEndpointDestinations.describe(cfg, path);
                destinationRules.check(destination);
            }
            DeliveryStreamMeta saved = meta.withDestination(kind, destination, clock.millis());
            streams.save(ns, saved);
            return saved;
        }
    }

    private static ObjectNode renamed(ObjectNode update, String from, String to) {
        ObjectNode cfg = update.deepCopy();
        JsonNode v = cfg.remove(from);
        if (v != null) {
            cfg.set(to, v);
        }
        return cfg;
    }

    private DeliveryStreamMeta requireActive(Namespace ns, String name) {
        DeliveryStreamMeta meta = describe(ns, name);
        DeliveryStreamStatus status = meta.statusAt(clock.millis());
        if (status != DeliveryStreamStatus.ACTIVE) {
            throw FirehoseErrors.RESOURCE_IN_USE.exception("Firehose %s under account %s is not ACTIVE, instead in state %s.",
                    name, ns.account(), status);
        }
        return meta;
    }

    // ---- tags

    public void tag(Namespace ns, String name, List<Tags.Tag> tags) {
        Tags.check(tags, "tags");
        change(ns, name, meta -> {
            Map<String, String> after = new TreeMap<>(meta.tags());
            tags.forEach(t -> after.put(t.key(), t.value() == null ? "" : t.value()));
            Tags.checkCount(after, name);
            return meta.withTags(after);
        });
    }

    public void untag(Namespace ns, String name, List<String> keys) {
        if (keys.isEmpty()) {
            throw Fields.invalid("[]", "tagKeys", "Member must have length greater than or equal to 1");
        }
        if (keys.size() > Tags.MAX_TAGS) {
            throw Fields.invalid(keys.size() + " keys", "tagKeys", "Member must have length less than or equal to " + Tags.MAX_TAGS);
        }
        for (int i = 0; i < keys.size(); i++) {
            Tags.checkKey(keys.get(i), Fields.entryPath("tagKeys", i));
        }
        change(ns, name, meta -> {
            Map<String, String> after = new TreeMap<>(meta.tags());
            keys.forEach(after::remove);
            return meta.withTags(after);
        });
    }

    // ---- server-side encryption

    /** StartDeliveryStreamEncryption: ENABLING now, ENABLED after the encryption delay; also changes the key of an enabled stream. */
    public void startEncryption(Namespace ns, String name, @Nullable ObjectNode input) {
        EncryptionKey key = input == null ? new EncryptionKey("AWS_OWNED_CMK", null)
                : encryptionKey(ns, input, "deliveryStreamEncryptionConfigurationInput");
        changeEncryption(ns, name, now -> new Encryption(key.type(), key.arn(), "ENABLING", now + settings.encryptionDelay().toMillis()));
    }

    /** StopDeliveryStreamEncryption: DISABLING now, DISABLED after the encryption delay. */
    public void stopEncryption(Namespace ns, String name) {
        changeEncryption(ns, name, now -> new Encryption(null, null, "DISABLING", now + settings.encryptionDelay().toMillis()));
    }

    private void changeEncryption(Namespace ns, String name, LongFunction<Encryption> next) {
        synchronized (writeLock) {
            DeliveryStreamMeta meta = requireActive(ns, name);
            if (!DeliveryStreamMeta.DIRECT_PUT.equals(meta.type())) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception(
                        "Server-side encryption is supported only for Firehose streams whose source is DirectPut; %s reads a Kinesis stream.",
                        name);
            }
            long now = clock.millis();
            List<Long> recent = new ArrayList<>();
            for (long at : meta.encryptionChanges()) {
                if (at > now - DAY_MILLIS) {
                    recent.add(at);
                }
            }
            if (recent.size() >= ENCRYPTION_CHANGES_PER_DAY) {
                throw FirehoseErrors.LIMIT_EXCEEDED.exception("StartDeliveryStreamEncryption and StopDeliveryStreamEncryption can be called "
                        + "at most %d times per Firehose stream in 24 hours; %s reached that limit.", ENCRYPTION_CHANGES_PER_DAY, name);
            }
            recent.add(now);
            streams.save(ns, meta.withEncryption(next.apply(now), recent));
        }
    }

    private record EncryptionKey(String type, @Nullable String arn) {}

    /** A DeliveryStreamEncryptionConfigurationInput checked; a customer managed key must be an enabled key of Tarn's KMS. */
    private EncryptionKey encryptionKey(Namespace ns, ObjectNode input, String path) {
        String type = Fields.oneOf(input, "KeyType", path, true, List.of("AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"));
        String arn = Fields.string(input, "KeyARN", path, false, 1, 512, Fields.KMS_KEY_ARN);
        if ("AWS_OWNED_CMK".equals(type)) {
            if (arn != null) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception("KeyARN must not be specified when KeyType is AWS_OWNED_CMK.");
            }
            return new EncryptionKey(type, null);
        }
        if (arn == null) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("KeyARN must be specified when KeyType is CUSTOMER_MANAGED_CMK.");
        }
        try {
            kms.get().resolve(ns, arn);
        } catch (AwsException e) {
            throw FirehoseErrors.INVALID_KMS_RESOURCE.exception(e.getMessage()).with("code", e.code());
        }
        return new EncryptionKey(type, arn);
    }

    // ---- what delivery reports

    /**
     * Sets (or with null clears) the FailureDescription DescribeDeliveryStream shows, as delivery
     * reports a destination failing (a missing bucket, a disabled key) and recovering. Ignored
     * when the stream is gone or is another incarnation than the one delivery works for.
     */
    public void reportFailure(Namespace ns, String name, String incarnation, @Nullable Failure failure) {
        synchronized (writeLock) {
            DeliveryStreamMeta meta = streams.find(ns, name);
            if (meta == null || !meta.incarnation().equals(incarnation) || Objects.equals(meta.failure(), failure)) {
                return;
            }
            streams.save(ns, meta.withFailure(failure));
        }
    }

    private void change(Namespace ns, String name, UnaryOperator<DeliveryStreamMeta> edit) {
        synchronized (writeLock) {
            streams.save(ns, edit.apply(describe(ns, name)));
        }
    }

    public void reset() {
        streams.clearCache();
    }
}
