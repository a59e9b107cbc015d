package io.tarn.firehose.engine.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * What delivery needs of a delivery stream.
 *
 * @param incarnation unique to one creation of the stream: buffers of an earlier stream of the same
 *     name (deleted, then created again) are never delivered to the new one
 * @param streamType {@code DirectPut} or {@code KinesisStreamAsSource}
 * @param status {@code CREATING}, {@code ACTIVE}, {@code DELETING}... as DescribeDeliveryStream says
 * @param versionId the stream's {@code VersionId}, part of the default object names
 * @param destinationId {@code destinationId-000000000001} for the only destination
 * @param s3 the S3 destination, null for an HTTP endpoint destination
 * @param httpEndpoint the whole {@code HttpEndpointDestinationDescription} of an HTTP endpoint
 *     destination (its {@code EndpointConfiguration} with the {@code AccessKey}, which
 *     DescribeDeliveryStream never shows), null for an S3 destination
 * @param kinesisSource the {@code KinesisStreamSourceDescription} of a {@code KinesisStreamAsSource}
 *     stream ({@code KinesisStreamARN}, {@code DeliveryStartTimestamp}), else null
 */
public record DeliveryTarget(
        String streamName,
        String streamArn,
        String incarnation,
        String streamType,
        String status,
        long versionId,
        String destinationId,
        @Nullable S3Delivery s3,
        @Nullable ObjectNode httpEndpoint,
        @Nullable ObjectNode kinesisSource) {

    /** A target without an HTTP endpoint or Kinesis source: what delivery's own tests build. */
    public DeliveryTarget(String streamName, String streamArn, String incarnation, String streamType, String status,
            long versionId, String destinationId, @Nullable S3Delivery s3) {
        this(streamName, streamArn, incarnation, streamType, status, versionId, destinationId, s3, null, null);
    }

    /**
     * An S3 destination ({@code ExtendedS3DestinationConfiguration}, or the older
     * {@code S3DestinationConfiguration} seen as one).
     *
     * @param description the whole {@code ExtendedS3DestinationDescription} as DescribeDeliveryStream
     *     answers it: bucket, buffering, compression, encryption, prefixes, processors, dynamic
     *     partitioning, format conversion, S3 backup, all read by {@link DeliveryPlan}
     */
    public record S3Delivery(ObjectNode description) {}
}
