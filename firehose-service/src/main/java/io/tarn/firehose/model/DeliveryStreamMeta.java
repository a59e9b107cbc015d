package io.tarn.firehose.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A delivery stream as persisted at {@code (account, region, "ds", name)}: identity (a fresh
 * {@code incarnation} per creation, so buffers of a deleted stream never reach a new one of the
 * same name), status with the time its pending transition ends, the source and the one
 * destination as DescribeDeliveryStream describes them (JSON documents, the way AWS returns them),
 * server-side encryption, the failure delivery reported, and the tags.
 *
 * @param destinationKind {@link #EXTENDED_S3} or {@link #HTTP_ENDPOINT}
 * @param destination the {@code ExtendedS3DestinationDescription} or {@code HttpEndpointDestinationDescription};
 *     an HTTP endpoint's {@code EndpointConfiguration} keeps its {@code AccessKey}, which is never described
 * @param source the {@code SourceDescription}, null when there is none to describe
 * @param encryptionChanges when Start/StopDeliveryStreamEncryption were called, for AWS's limit per 24 hours
 */
public record DeliveryStreamMeta(
        int schema,
        String name,
        String arn,
        String incarnation,
        String type,
        DeliveryStreamStatus status,
        long statusDueMillis,
        long createdMillis,
        @Nullable Long lastUpdateMillis,
        long versionId,
        @Nullable ObjectNode source,
        String destinationKind,
        ObjectNode destination,
        Encryption encryption,
        @Nullable Failure failure,
        Map<String, String> tags,
        List<Long> encryptionChanges) {

    public static final int SCHEMA = 1;
    public static final String DIRECT_PUT = "DirectPut";
    public static final String KINESIS_SOURCE = "KinesisStreamAsSource";
    public static final String EXTENDED_S3 = "ExtendedS3";
    public static final String HTTP_ENDPOINT = "HttpEndpoint";

    public DeliveryStreamMeta {
        tags = new TreeMap<>(tags);
        encryptionChanges = List.copyOf(encryptionChanges);
    }

    /** Server-side encryption of the stream's buffered data; {@code status} ENABLING/DISABLING end when {@code dueMillis} comes. */
    public record Encryption(@Nullable String keyType, @Nullable String keyArn, String status, long dueMillis) {

        public static final Encryption DISABLED = new Encryption(null, null, "DISABLED", 0);

        public String statusAt(long now) {
            if (now >= dueMillis) {
                if ("ENABLING".equals(status)) {
                    return "ENABLED";
                }
                if ("DISABLING".equals(status)) {
                    return "DISABLED";
                }
            }
            return status;
        }
    }

    /** A {@code FailureDescription}: {@code type} one of AWS's DeliveryStreamFailureType values. */
    public record Failure(String type, String details) {}

    /** CREATING ends in ACTIVE when its time comes. */
    public DeliveryStreamStatus statusAt(long now) {
        return status == DeliveryStreamStatus.CREATING && now >= statusDueMillis ? DeliveryStreamStatus.ACTIVE : status;
    }

    /** A DELETING stream whose deletion time came no longer exists. */
    public boolean goneAt(long now) {
        return status == DeliveryStreamStatus.DELETING && now >= statusDueMillis;
    }

    public DeliveryStreamMeta withStatus(DeliveryStreamStatus newStatus, long dueMillis) {
        return new DeliveryStreamMeta(schema, name, arn, incarnation, type, newStatus, dueMillis, createdMillis, lastUpdateMillis,
                versionId, source, destinationKind, destination, encryption, failure, tags, encryptionChanges);
    }

    /** A new destination: VersionId + 1 and LastUpdateTimestamp now, as UpdateDestination does. */
    public DeliveryStreamMeta withDestination(String kind, ObjectNode newDestination, long now) {
        return new DeliveryStreamMeta(schema, name, arn, incarnation, type, status, statusDueMillis, createdMillis, now,
                versionId + 1, source, kind, newDestination, encryption, failure, tags, encryptionChanges);
    }

    public DeliveryStreamMeta withEncryption(Encryption newEncryption, List<Long> changes) {
        return new DeliveryStreamMeta(schema, name, arn, incarnation, type, status, statusDueMillis, createdMillis, lastUpdateMillis,
                versionId, source, destinationKind, destination, newEncryption, failure, tags, changes);
    }

    public DeliveryStreamMeta withFailure(@Nullable Failure newFailure) {
        return new DeliveryStreamMeta(schema, name, arn, incarnation, type, status, statusDueMillis, createdMillis, lastUpdateMillis,
                versionId, source, destinationKind, destination, encryption, newFailure, tags, encryptionChanges);
    }

    public DeliveryStreamMeta withTags(Map<String, String> newTags) {
        return new DeliveryStreamMeta(schema, name, arn, incarnation, type, status, statusDueMillis, createdMillis, lastUpdateMillis,
                versionId, source, destinationKind, destination, encryption, failure, newTags, encryptionChanges);
    }
}
