package io.tarn.s3.engine.report;

/**
 * One change's counts, written in the change's batch under its own key (persisted, schema 1):
 * writers never read-modify-write a shared total, so concurrent changes cannot lose each other's
 * counts; {@link StorageLedger#fold} adds them into the totals.
 *
 * @param bucketCreated the bucket's creation (epoch millis), so a deleted namesake's counts are never a new bucket's
 */
record LedgerDelta(String bucket, long bucketCreated, String storageClass, StorageCounters counts) {}
