package io.tarn.kinesis;

import java.util.regex.Pattern;

/**
 * Kinesis Data Streams' quotas and name rules, from
 * https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html and the API model.
 */
public final class KinesisLimits {

    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    public static final int MAX_PARTITION_KEY_CHARS = 256;
    /** A record's data plus partition key, unless the stream's MaxRecordSizeInKiB says more. */
    public static final int DEFAULT_MAX_RECORD_KIB = 1024;
    public static final int MAX_RECORD_KIB = 10240;
    public static final int PUT_RECORDS_MAX_RECORDS = 500;
    public static final long PUT_RECORDS_MAX_BYTES = 5L << 20;
    /** GetRecords: records per call and bytes per call. */
    public static final int GET_RECORDS_MAX_LIMIT = 10_000;
    public static final long GET_RECORDS_MAX_BYTES = 10L << 20;
    public static final int MIN_RETENTION_HOURS = 24;
    public static final int MAX_RETENTION_HOURS = 8760;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_KEY_CHARS = 128;
    public static final int MAX_TAG_VALUE_CHARS = 256;
    public static final int MAX_TAGS_PER_CALL = 10;
    public static final int MAX_CONSUMERS_PER_STREAM = 20;
    public static final int MAX_SHARDS_PER_STREAM = 10_000;
    /** Per shard and second (provisioned, and each on-demand shard). */
    public static final long SHARD_WRITE_BYTES = 1L << 20;
    public static final long SHARD_WRITE_RECORDS = 1000;
    public static final long SHARD_READ_BYTES = 2L << 20;
    public static final long SHARD_READ_CALLS = 5;
    /** On-demand streams start with this many shards (4 MiB/s, 4,000 records/s in). */
    public static final int ON_DEMAND_INITIAL_SHARDS = 4;
    /** UpdateShardCount: at most this many scalings per rolling 24 hours. */
    public static final int SCALINGS_PER_DAY = 10;
    public static final long ITERATOR_TTL_MILLIS = 5 * 60_000L;
    public static final long SUBSCRIPTION_MILLIS = 5 * 60_000L;
    public static final int MAX_WARM_THROUGHPUT_MIBPS = 10_240;

    private KinesisLimits() {}

    /** 1..256 Unicode characters. */
    public static boolean validPartitionKey(String key) {
        return key != null && !key.isEmpty() && key.codePointCount(0, key.length()) <= MAX_PARTITION_KEY_CHARS;
    }
}
