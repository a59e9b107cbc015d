package io.tarn.kinesis.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.api.shapes.RecordShapes;
import io.tarn.kinesis.api.shapes.ShardShapes;
import io.tarn.kinesis.engine.RecordLog;
import io.tarn.kinesis.engine.TagEngine;
import io.tarn.kinesis.model.SequenceNumber;
import io.tarn.kinesis.model.ShardMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The api layer's shared pieces: naming a stream, required members, and shard and record shapes. */
final class Wire {

    /** botocore's ShardId shape. */
    private static final Pattern SHARD_ID = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final int MAX_SHARD_ID_LENGTH = 128;

    private Wire() {}

    /** The stream named by StreamName or StreamARN (both, if given, must agree). */
    static String stream(RequestContext ctx, @Nullable String name, @Nullable String arn) {
        if (arn != null) {
            String fromArn = TagEngine.streamName(ctx.namespace(), arn);
            if (name != null && !name.equals(fromArn)) {
                throw KinesisErrors.INVALID_ARGUMENT.exception("StreamARN %s and StreamName %s do not name the same stream.", arn, name);
            }
            return fromArn;
        }
        if (name == null) {
            throw KinesisErrors.VALIDATION.exception("Either StreamName or StreamARN should be provided.");
        }
        return name;
    }

    static <T> T required(@Nullable T value, String member) {
        if (value == null) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value null at '%s' failed to satisfy constraint: "
                    + "Member must not be null", member);
        }
        return value;
    }

    /**
     * Checks shard id members against botocore's ShardId shape (1-128 characters of
     * {@code [a-zA-Z0-9_.-]}) before anything else, as AWS validates a request before acting on it;
     * members given as (name, value) pairs, null values skipped (required members are checked apart).
     */
    static void shardIds(@Nullable String... membersAndValues) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < membersAndValues.length; i += 2) {
            String member = membersAndValues[i];
            String value = membersAndValues[i + 1];
            if (value == null) {
                continue;
            }
            if (value.isEmpty()) {
                errors.add(String.format("Value '' at '%s' failed to satisfy constraint: Member must have length greater than or equal to 1",
                        member));
            } else if (value.length() > MAX_SHARD_ID_LENGTH) {
                errors.add(String.format("Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d",
                        value, member, MAX_SHARD_ID_LENGTH));
            } else if (!SHARD_ID.matcher(value).matches()) {
                errors.add(String.format("Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "%s", value, member, SHARD_ID.pattern()));
            }
        }
        if (!errors.isEmpty()) {
            throw KinesisErrors.VALIDATION.exception("%d validation error%s detected: %s", errors.size(), errors.size() == 1 ? "" : "s",
                    String.join("; ", errors));
        }
    }

    static int limit(@Nullable Integer value, String member, int max, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 1 || value > max) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: "
                    + "Member must have value between 1 and %d", value, member, max);
        }
        return value;
    }

    static ShardShapes.Shard shard(ShardMeta s) {
        SequenceNumber end = s.endingSequenceNumber();
        return new ShardShapes.Shard(s.shardId(),
                s.parentIndex() == ShardMeta.NONE ? null : ShardMeta.shardId(s.parentIndex()),
                s.adjacentParentIndex() == ShardMeta.NONE ? null : ShardMeta.shardId(s.adjacentParentIndex()),
                new ShardShapes.HashKeyRange(s.startingHashKey(), s.endingHashKey()),
                new ShardShapes.SequenceNumberRange(s.startingSequenceNumber().toString(), end == null ? null : end.toString()));
    }

    static @Nullable List<ShardShapes.ChildShard> children(@Nullable List<ShardMeta> children) {
        if (children == null) {
            return null;
        }
        List<ShardShapes.ChildShard> out = new ArrayList<>();
        for (ShardMeta c : children) {
            List<String> parents = new ArrayList<>();
            parents.add(ShardMeta.shardId(c.parentIndex()));
            if (c.adjacentParentIndex() != ShardMeta.NONE) {
                parents.add(ShardMeta.shardId(c.adjacentParentIndex()));
            }
            out.add(new ShardShapes.ChildShard(c.shardId(), parents, new ShardShapes.HashKeyRange(c.startingHashKey(), c.endingHashKey())));
        }
        return out;
    }

    static List<RecordShapes.Record> records(List<RecordLog.Record> records) {
        List<RecordShapes.Record> out = new ArrayList<>(records.size());
        for (RecordLog.Record r : records) {
            out.add(new RecordShapes.Record(r.sequenceNumber().toString(), Instant.ofEpochMilli(r.sequenceNumber().millis()), r.data(),
                    r.partitionKey(), r.encrypted() ? "KMS" : null));
        }
        return out;
    }
}
