package io.tarn.core.store;

/** How a keyspace is mostly written and read, which decides its RocksDB table and memtable sizes. */
public enum AccessPattern {

    /**
     * Point reads of small values (metadata, small objects): 4 KiB blocks, so a read that misses
     * the block cache copies little besides the value it wants; 16 MiB memtables, two at most.
     */
    POINT_READS(4 << 10, 16 << 20, 2, 0),

    /**
     * Point reads of values that are often kilobytes (the sealed bytes of small S3 objects, kept
     * in the keyspace under keys of their own). Values of 2 KiB or more are written to blob files
     * beside the tables: compaction then moves keys and small values only, where it rewrote every
     * object's bytes level after level, which was over a third of the server's CPU under a stream
     * of 4 KiB PUTs.
     * The blob files' garbage (overwritten and deleted values) is collected by
     * {@link BlobGarbageCollector}.
     */
    POINT_READS_LARGE_VALUES(4 << 10, 16 << 20, 2, 2 << 10),

    /**
     * A log: values appended in key order at a high rate and read back by long range scans
     * (Kinesis records). 64 KiB blocks: a scan fetches, checks and caches a sixteenth as many,
     * and GetRecords spent over half its CPU on that with 4 KiB blocks. Up to four 32 MiB
     * memtables: fewer, larger flushes leave compaction less to merge, so a sustained stream of
     * puts stalls less (and up to 128 MiB of native memory is the price).
     */
    RANGE_SCANS(64 << 10, 32 << 20, 4, 0);

    private final long blockBytes;
    private final long memtableBytes;
    private final int maxMemtables;
    private final long blobFromBytes;

    AccessPattern(long blockBytes, long memtableBytes, int maxMemtables, long blobFromBytes) {
        this.blockBytes = blockBytes;
        this.memtableBytes = memtableBytes;
        this.maxMemtables = maxMemtables;
        this.blobFromBytes = blobFromBytes;
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

    /** Whether values are kept in blob files rather than in the tables. */
    boolean separatesValues() {
        return blobFromBytes > 0;
    }

    /** The smallest value kept in a blob file. */
    long blobFromBytes() {
        return blobFromBytes;
    }
}
