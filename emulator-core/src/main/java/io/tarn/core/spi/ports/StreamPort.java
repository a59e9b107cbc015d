package io.tarn.core.spi.ports;

import io.tarn.core.spi.Namespace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What Kinesis Data Streams offers the other services: reading a stream in process, as a consumer
 * calling ListShards and GetRecords would (Firehose's {@code KinesisStreamAsSource}). Reads go
 * through Kinesis's own checks: a stream CREATING or DELETING is not found, records past retention
 * are gone, encrypted records come back decrypted, and every read counts against the shard's read
 * allowance (5 calls and 2 MiB a second, shared with every other consumer), as a GetRecords call
 * does. Errors are thrown as {@link io.tarn.core.error.AwsException} with Kinesis's codes
 * ({@code ResourceNotFoundException}, {@code ProvisionedThroughputExceededException},
 * {@code InvalidArgumentException}).
 *
 * <p>A position is a sequence number: reading "after" a shard's {@code startingSequenceNumber}
 * (which no record holds) reads it from its first record still within retention.
 */
public interface StreamPort {

    /**
     * A shard as ListShards describes it. A closed shard (split or merged) has an
     * {@code endingSequenceNumber} and stays readable until its records pass retention; its
     * children name it as parent. Shards are listed while within retention, so a parent may be gone.
     */
    record Shard(String shardId, @Nullable String parentShardId, @Nullable String adjacentParentShardId,
            String startingHashKey, String endingHashKey, String startingSequenceNumber,
            @Nullable String endingSequenceNumber) {

        public boolean open() {
            return endingSequenceNumber == null;
        }
    }

    /** A record as GetRecords answers it; {@code data} is the caller's own copy, decrypted. */
    record Record(String sequenceNumber, Instant approximateArrivalTimestamp, String partitionKey, byte[] data) {}

    /**
     * One read of a shard.
     *
     * @param shardEnded the shard is closed and every record it holds has been read: its children
     *     take over
     * @param millisBehindLatest how far the read is behind the shard's newest record, as GetRecords says
     */
    record Read(List<Record> records, boolean shardEnded, long millisBehindLatest) {}

    /** The stream's shards, open and closed, in shard order (ListShards). */
    List<Shard> shards(Namespace ns, String streamName);

    /**
     * The stream's tip now, per shard id: the sequence number of each shard's newest record (its
     * {@code startingSequenceNumber} when it holds none). Reading after it returns only records
     * written later: a consumer that starts at {@code LATEST}.
     */
    Map<String, String> tip(Namespace ns, String streamName);

    /**
     * Up to {@code maxRecords} records and about {@code maxBytes} (at least one record) of
     * {@code shardId} after {@code afterSequenceNumber}, as one GetRecords call: it takes one of
     * the shard's read calls and charges the bytes read, so a shard read too often answers
     * {@code ProvisionedThroughputExceededException}.
     */
    Read readAfter(Namespace ns, String streamName, String shardId, String afterSequenceNumber, int maxRecords, long maxBytes);

    /**
     * Appends one record, as a PutRecord call does: Kinesis's own checks (the stream must be
     * ACTIVE or UPDATING, the record within the stream's maximum size), encryption and the shard's
     * write allowance ({@code ProvisionedThroughputExceededException} when it is spent). Records
     * of one partition key go to one shard in the order they are put.
     *
     * @return the record's sequence number
     */
    String putRecord(Namespace ns, String streamName, String partitionKey, byte[] data);
}
