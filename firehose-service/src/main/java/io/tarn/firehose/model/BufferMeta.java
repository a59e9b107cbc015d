package io.tarn.firehose.model;

import org.jspecify.annotations.Nullable;

/**
 * A buffer of records for one destination (and, later, one partition) of a stream incarnation.
 * Open while it takes records; sealed once its object is decided: the sealed record holds where and
 * how its object is written, so a delivery retried (or repeated after a crash) writes the same bytes
 * to the same key.
 *
 * @param openedMillis when its first record arrived: the time of its default prefix and name
 * @param partition the dynamic partition's key, null without dynamic partitioning
 * @param objectKey null while open
 * @param attempts failed delivery attempts so far
 * @param format {@value #PARQUET} or {@value #ORC} when the records are converted on delivery;
 *     {@value #HTTP} when they are posted to an HTTP endpoint, the object being where they go if the
 *     endpoint never takes them; null when the object is the records as they are
 * @param errorObjectKey where the records conversion rejects go (decided with the object key), else null
 */
public record BufferMeta(
        int schema,
        String bufferId,
        String stream,
        String incarnation,
        String destinationId,
        @Nullable String partition,
        long openedMillis,
        @Nullable String bucket,
        @Nullable String objectKey,
        @Nullable String compression,
        @Nullable String kmsKeyArn,
        int attempts,
        @Nullable String lastError,
        @Nullable String format,
        @Nullable String errorObjectKey) {

    public static final int SCHEMA = 1;
    public static final String PARQUET = "PARQUET";
    public static final String ORC = "ORC";
    public static final String HTTP = "HTTP";

    public static BufferMeta open(String bufferId, String stream, String incarnation, String destinationId,
            @Nullable String partition, long openedMillis) {
        return new BufferMeta(SCHEMA, bufferId, stream, incarnation, destinationId, partition, openedMillis, null, null, null,
                null, 0, null, null, null);
    }

    public boolean sealed() {
        return objectKey != null;
    }

    public BufferMeta seal(@Nullable String bucket, String objectKey, String compression, @Nullable String kmsKeyArn) {
        return new BufferMeta(schema, bufferId, stream, incarnation, destinationId, partition, openedMillis, bucket, objectKey,
                compression, kmsKeyArn, attempts, lastError, null, null);
    }

    /** Sealed for delivery as {@code format}, the records conversion rejects going to {@code errorObjectKey}. */
    public BufferMeta deliveredAs(String format, @Nullable String errorObjectKey) {
        return new BufferMeta(schema, bufferId, stream, incarnation, destinationId, partition, openedMillis, bucket, objectKey,
                compression, kmsKeyArn, attempts, lastError, format, errorObjectKey);
    }

    public BufferMeta failed(String error) {
        return new BufferMeta(schema, bufferId, stream, incarnation, destinationId, partition, openedMillis, bucket, objectKey,
                compression, kmsKeyArn, attempts + 1, error, format, errorObjectKey);
    }
}
