package io.tarn.core.store;

/** How a keyspace is mostly read, which decides the size of its RocksDB table blocks. */
public enum AccessPattern {

    /**
     * Point reads of small values (metadata, small objects): 4 KiB blocks, so a read that misses
     * the block cache copies little besides the value it wants.
     */
    POINT_READS(4 << 10),

    /**
     * Long range scans of values written in key order (a log of records): 64 KiB blocks. A scan
     * then fetches, checks and caches a sixteenth as many blocks; Kinesis GetRecords spent over
     * half its CPU on that with 4 KiB blocks.
     */
    RANGE_SCANS(64 << 10);

    private final long blockBytes;

    AccessPattern(long blockBytes) {
        this.blockBytes = blockBytes;
    }

    long blockBytes() {
        return blockBytes;
    }
}
