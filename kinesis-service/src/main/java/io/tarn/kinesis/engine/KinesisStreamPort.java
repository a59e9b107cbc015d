package io.tarn.kinesis.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.StreamPort;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import io.tarn.kinesis.model.SequenceNumber;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StreamMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kinesis as the other services read it ({@link StreamPort}): ListShards, the LATEST position of
 * every shard, and GetRecords after a sequence number, through the same checks, decryption and
 * read allowance as the API, without iterators (the caller keeps its own positions).
 */
final class KinesisStreamPort implements StreamPort {

    private final ShardReader reader;
    private final RecordLog log;
    private final EmulatorClock clock;

    KinesisStreamPort(ShardReader reader, RecordLog log, EmulatorClock clock) {
        this.reader = reader;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public List<Shard> shards(Namespace ns, String streamName) {
        StreamMeta meta = reader.readable(ns, streamName);
        List<Shard> out = new ArrayList<>(meta.shards().size());
        for (ShardMeta s : meta.shards()) {
            SequenceNumber end = s.endingSequenceNumber();
            out.add(new Shard(s.shardId(), shardIdOrNull(s.parentIndex()), shardIdOrNull(s.adjacentParentIndex()),
                    s.startingHashKey(), s.endingHashKey(), s.startingSequenceNumber().toString(),
                    end == null ? null : end.toString()));
        }
        return out;
    }

    @Override
    public Map<String, String> tip(Namespace ns, String streamName) {
        StreamMeta meta = reader.readable(ns, streamName);
        Map<String, String> out = new LinkedHashMap<>();
        for (ShardMeta s : meta.shards()) {
            SequenceNumber newest = log.newest(meta, s.index());
            out.put(s.shardId(), (newest == null ? s.startingSequenceNumber() : newest).toString());
        }
        return out;
    }

    @Override
    public Read readAfter(Namespace ns, String streamName, String shardId, String afterSequenceNumber, int maxRecords, long maxBytes) {
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a read takes at least one record and one byte");
        }
        StreamMeta meta = reader.readable(ns, streamName);
        ShardMeta shard = ShardReader.shard(ns, meta, shardId);
        // the same checks as an AFTER_SEQUENCE_NUMBER iterator: a number of another shard or stream is refused
        ShardReader.Start start = reader.start(meta, shard, "AFTER_SEQUENCE_NUMBER", afterSequenceNumber, null);
        RecordLog.Page page = reader.read(ns, meta, shard, start.from(), start.inclusive(),
                Math.min(maxRecords, KinesisLimits.GET_RECORDS_MAX_LIMIT), Math.min(maxBytes, KinesisLimits.GET_RECORDS_MAX_BYTES),
                clock.millis());
        List<Record> records = new ArrayList<>(page.records().size());
        for (RecordLog.Record r : page.records()) {
            records.add(new Record(r.sequenceNumber().toString(), Instant.ofEpochMilli(r.sequenceNumber().millis()), r.partitionKey(),
                    r.dataBytes()));
        }
        return new Read(records, page.shardEnded(), page.millisBehindLatest());
    }

    @Override
    public String putRecord(Namespace ns, String streamName, String partitionKey, byte[] data) {
        RecordLog.Appended a = log.append(ns, streamName, List.of(new RecordLog.NewRecord(partitionKey, null, data))).records().get(0);
        if (a.failed()) {
            throw KinesisErrors.PROVISIONED_THROUGHPUT_EXCEEDED.exception(a.errorMessage());
        }
        return a.sequenceNumber();
    }

    private static String shardIdOrNull(long index) {
        return index == ShardMeta.NONE ? null : ShardMeta.shardId(index);
    }
}
