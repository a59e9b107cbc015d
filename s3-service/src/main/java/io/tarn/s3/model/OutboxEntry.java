package io.tarn.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * One event waiting for delivery to one destination (schema 1), at {@code ("ob", sequencer, n)}:
 * written in the batch of the change it tells of, deleted once its destination took it.
 *
 * @param destinationArn the configuration's queue, topic or function ARN (mapped to a target by the init file)
 * @param partitionKey what orders events on a stream: the object key (the bucket for a test event)
 * @param body the event's JSON as it is sent
 * @param attempts failed deliveries so far
 * @param nextAttemptMillis emulator time of the next attempt after a failure, else 0
 * @param lastError why the last attempt failed, or null
 */
public record OutboxEntry(int schema, String bucket, String eventName, String destinationArn, String partitionKey, String body,
        long createdMillis, int attempts, long nextAttemptMillis, @Nullable String lastError) {

    public static final int SCHEMA = 1;

    public OutboxEntry failed(String error, long nextMillis) {
        return new OutboxEntry(schema, bucket, eventName, destinationArn, partitionKey, body, createdMillis, attempts + 1, nextMillis,
                error);
    }
}
