package io.tarn.core.store;

/** How a keyspace is mostly written and read, which decides its RocksDB table and memtable sizes. */
public enum AccessPattern {

    /**
     * Point reads of small values (metadata, small objects): 4 KiB blocks, so a read that misses
     * the block cache copies little besides the value it wants; 16 MiB memtables, two at most.
     */
    POINT_READS(4 << 10, 16 << 20, 2),

    /**
     * A log: values appended in key order at a high rate and read back by long range scans
     * (Kinesis records). 64 KiB blocks: a scan fetches, checks and caches a sixteenth as many,
     * and GetRecords spent over half its CPU on that with 4 KiB blocks. Up to four 32 MiB
     * memtables: fewer, larger flushes leave compaction less to merge, so a sustained stream of
     * puts stalls less (and up to 128 MiB of native memory is the price).
     */
    RANGE_SCANS(64 << 10, 32 << 20, 4);

    private final long blockBytes;
    private final long memtableBytes;
    private final int maxMemtables;

    AccessPattern(long blockBytes, long memtableBytes, int maxMemtables) {
        this.blockBytes = blockBytes;
        this.memtableBytes = memtableBytes;
        this.maxMemtables = maxMemtables;
    }

    long blockBytes() {
        return blockBytes;
    }

    long memtableBytes() {
        return memtableBytes;
    }

    int maxMemtables() {
        return maxMemtables;
    }
}
