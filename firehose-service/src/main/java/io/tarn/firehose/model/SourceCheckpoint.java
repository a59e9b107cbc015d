package io.tarn.firehose.model;

/**
 * How far a delivery stream has read one shard of its Kinesis source, written in the same batch
 * as the records it covers.
 *
 * @param sequenceNumber the last record consumed (or the position reading starts after)
 * @param finished the shard is closed and was read to its end: its children may be read
 */
public record SourceCheckpoint(int schema, String sequenceNumber, boolean finished) {

    public static final int SCHEMA = 1;

    public static SourceCheckpoint at(String sequenceNumber, boolean finished) {
        return new SourceCheckpoint(SCHEMA, sequenceNumber, finished);
    }
}
