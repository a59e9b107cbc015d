package io.tarn.kinesis.model;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An enhanced fan-out consumer registered on a stream. Its status moves CREATING -> ACTIVE and
 * DELETING -> gone at {@code statusDueMillis} on the emulator clock.
 */
public record ConsumerMeta(
        String name,
        String arn,
        String streamName,
        long streamIncarnation,
        String status,
        long statusDueMillis,
        long createdMillis,
        Map<String, String> tags,
        @Nullable String policy) {

    public ConsumerMeta {
        tags = new TreeMap<>(tags == null ? Map.of() : tags);
    }

    /** The status as of {@code now}: a pending transition whose time came is done. */
    public String statusAt(long now) {
        if ("CREATING".equals(status) && now >= statusDueMillis) {
            return "ACTIVE";
        }
        return status;
    }

    public boolean goneAt(long now) {
        return "DELETING".equals(status) && now >= statusDueMillis;
    }

    public ConsumerMeta withStatus(String newStatus, long due) {
        return new ConsumerMeta(name, arn, streamName, streamIncarnation, newStatus, due, createdMillis, tags, policy);
    }

    public ConsumerMeta withTags(Map<String, String> newTags) {
        return new ConsumerMeta(name, arn, streamName, streamIncarnation, status, statusDueMillis, createdMillis, newTags, policy);
    }

    public ConsumerMeta withPolicy(@Nullable String newPolicy) {
        return new ConsumerMeta(name, arn, streamName, streamIncarnation, status, statusDueMillis, createdMillis, tags, newPolicy);
    }
}
