package io.tarn.firehose.engine.source;

import io.tarn.core.spi.ports.StreamPort;
import java.util.List;

/**
 * Records read from one shard of the source in one read, in shard order (never empty).
 *
 * @param records with their sequence numbers, arrival times and partition keys, decrypted
 * @param shardEnded these are the last records of a closed shard
 */
public record SourceRecords(SourceStream source, String shardId, List<StreamPort.Record> records, boolean shardEnded) {

    public SourceRecords {
        records = List.copyOf(records);
    }

    public long bytes() {
        long n = 0;
        for (StreamPort.Record r : records) {
            n += r.data().length;
        }
        return n;
    }
}
