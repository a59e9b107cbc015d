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
        @Nullable String lastError) {

    public static final int SCHEMA = 1;

    public static BufferMeta open(String bufferId, String stream, String incarnation, String destinationId,
            @Nullable String partition, long openedMillis) {
        return new BufferMeta(SCHEMA, bufferId, stream, incarnation, destinationId, partition, openedMillis, null, null, null,
                null, 0, null);
    }

    public boolean sealed() {
        return objectKey != null;
    }

    public BufferMeta seal(String bucket, String objectKey, String compression, @Nullable String kmsKeyArn) {
        return new BufferMeta(schema, bufferId, stream, incarnation, destinationId, partition, openedMillis, bucket, objectKey,
                compression, kmsKeyArn, attempts, lastError);
    }

    public BufferMeta failed(String error) {
        return new BufferMeta(schema, bufferId, stream, incarnation, destinationId, partition, openedMillis, bucket, objectKey,
                compression, kmsKeyArn, attempts + 1, error);
    }
}
