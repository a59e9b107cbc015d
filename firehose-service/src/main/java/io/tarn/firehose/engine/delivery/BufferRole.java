package io.tarn.firehose.engine.delivery;

import io.tarn.firehose.engine.prefix.ErrorOutputType;
import org.jspecify.annotations.Nullable;

/**
 * What a buffer holds, as its {@code partition} field says (stored with it, so a restart knows):
 * <ul>
 *   <li>null: the records of a stream without dynamic partitioning, for the data prefix;
 *   <li>a {@code PartitionKeys.id()} (starts with {@code q} or {@code l}): the records of one dynamic partition;
 *   <li>{@code !<error-output-type>}: error records (AWS's JSON lines) for the error prefix;
 *   <li>{@value #BACKUP}: the source records as they arrived, for the S3 backup;
 *   <li>{@value #PROCESSING}: records waiting for the Lambda processor, which routes its answers to
 *       the buffers above.
 * </ul>
 */
final class BufferRole {

    static final String PROCESSING = "~lambda";
    static final String BACKUP = "~backup";

    private BufferRole() {}

    static String errors(ErrorOutputType type) {
        return "!" + type.value();
    }

    /** The error output type of an error buffer, null for any other. */
    static @Nullable ErrorOutputType errorType(@Nullable String partition) {
        if (partition == null || !partition.startsWith("!")) {
            return null;
        }
        for (ErrorOutputType t : ErrorOutputType.values()) {
            if (partition.substring(1).equals(t.value())) {
                return t;
            }
        }
        throw new IllegalStateException("unknown error buffer " + partition);
    }

    /** A buffer of records for the data prefix (one partition, or the only buffer). */
    static boolean holdsData(@Nullable String partition) {
        return partition == null || !partition.startsWith("!") && !partition.startsWith("~");
    }
}
