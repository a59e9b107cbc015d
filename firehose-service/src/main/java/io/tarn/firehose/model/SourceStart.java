package io.tarn.firehose.model;

/**
 * That a delivery stream took the tip of its Kinesis source as its starting point (AWS reads from
 * LATEST at creation); written with the shard checkpoints of that tip.
 *
 * @param kinesisStreamArn the source stream
 * @param startedMillis emulator time the tip was taken
 */
public record SourceStart(int schema, String kinesisStreamArn, long startedMillis) {

    public static final int SCHEMA = 1;
}
