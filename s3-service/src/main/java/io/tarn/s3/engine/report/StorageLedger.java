package io.tarn.s3.engine.report;

import io.tarn.core.store.Batch;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The durable counts behind the storage report: transitions, completed restores and early-deletion
 * charges, recorded by the engines that make those changes inside the change's own batch, so a
 * count is committed with its change or not at all. Each count is a delta under a fresh sequence
 * number; reading folds the deltas into per-bucket, per-class totals.
 *
 * <p>It also remembers when a version entered its storage class by a transition (its creation
 * otherwise), since minimum storage durations run from that moment.
 */
public final class StorageLedger {

    private static final int FOLD_BATCH = 1_000;

    private final Keyspace keyspace;
    private final BucketEngine buckets;
    private final LongSupplier sequence;

    public StorageLedger(Keyspace keyspace, BucketEngine buckets, LongSupplier sequence) {
        this.keyspace = keyspace;
        this.buckets = buckets;
        this.sequence = sequence;
    }

    /**
     * {@code v} stops being stored at {@code at} (deleted, or replaced as the null version): early
     * deletion charged if due. A lifecycle evaluation's change is made as of its midnight, which a
     * clock advance may have passed already.
     */
    public void removed(Batch batch, String bucket, ObjectVersion v, Instant at) {
        if (v.deleteMarker()) {
            return;
        }
        StorageCounters early = earlyDeletion(v, at);
        if (!early.equals(StorageCounters.ZERO)) {
            add(batch, bucket, v.storageClass(), early);
        }
        batch.delete(S3Keys.storageClassSince(v.seq()));
    }

    /** {@code v} moves from its class to {@code to} at {@code now} (a lifecycle transition); leaving early is charged as a deletion. */
    public void transitioned(Batch batch, String bucket, ObjectVersion v, String to, Instant now) {
        add(batch, bucket, v.storageClass(), earlyDeletion(v, now).plus(new StorageCounters(0, 1, 0, 0, 0, 0, 0)));
        add(batch, bucket, to, new StorageCounters(1, 0, 0, 0, 0, 0, 0));
        batch.put(S3Keys.storageClassSince(v.seq()), now.toEpochMilli());
    }

    /** A restore of an archived version of {@code storageClass} completed, making {@code bytes} readable. */
    public void restored(Batch batch, String bucket, String storageClass, long bytes) {
        add(batch, bucket, storageClass, new StorageCounters(0, 0, 1, bytes, 0, 0, 0));
    }

    /** What {@code v} leaving its class at {@code now} is charged. */
    private StorageCounters earlyDeletion(ObjectVersion v, Instant now) {
        String storageClass = v.storageClass();
        if (StorageClassBilling.minimumDuration(storageClass).isZero()) {
            return StorageCounters.ZERO; // no read for the classes without a minimum
        }
        Instant since = keyspace.get(S3Keys.storageClassSince(v.seq()), Long.class).map(Instant::ofEpochMilli).orElse(v.lastModified());
        long days = StorageClassBilling.earlyDeletionDays(storageClass, Duration.between(since, now));
        if (days == 0) {
            return StorageCounters.ZERO;
        }
        return new StorageCounters(0, 0, 0, 0, 1, days, days * StorageClassBilling.billableBytes(storageClass, v.size()));
    }

    private void add(Batch batch, String bucket, String storageClass, StorageCounters counts) {
        BucketMeta b = buckets.find(bucket);
        long created = b == null ? 0 : b.created().toEpochMilli();
        batch.put(S3Keys.storageLedgerDelta(sequence.getAsLong()), new LedgerDelta(bucket, created, storageClass, counts));
    }

    /** The bucket's totals by storage class (the deltas written so far folded in first). */
    public Map<String, StorageCounters> totals(BucketMeta bucket) {
        fold();
        Map<String, StorageCounters> out = new LinkedHashMap<>();
        keyspace.scan(S3Keys.storageTotals(bucket.name(), bucket.created().toEpochMilli()), null, e -> {
            out.put(e.key().string(4), e.value(StorageCounters.class)); // ("sr", "t", bucket, created, class)
            return true;
        });
        return out;
    }

    /**
     * Adds the deltas into the totals, a page at a time, each page in one batch that also deletes
     * its deltas: a crash between pages leaves the rest for the next fold, never counts one twice.
     * Only this method writes totals, and it is serialised, so its read-modify-write is safe.
     */
    synchronized void fold() {
        while (true) {
            List<Entry> page = keyspace.scan(S3Keys.storageLedgerDeltas(), null, FOLD_BATCH);
            if (page.isEmpty()) {
                return;
            }
            Map<List<Object>, StorageCounters> sums = new HashMap<>();
            for (Entry e : page) {
                LedgerDelta d = e.value(LedgerDelta.class);
                sums.merge(List.of(d.bucket(), d.bucketCreated(), d.storageClass()), d.counts(), StorageCounters::plus);
            }
            keyspace.write(batch -> {
                sums.forEach((k, counts) -> {
                    var key = S3Keys.storageTotal((String) k.get(0), (Long) k.get(1), (String) k.get(2));
                    StorageCounters before = keyspace.get(key, StorageCounters.class).orElse(StorageCounters.ZERO);
                    batch.put(key, before.plus(counts));
                });
                page.forEach(e -> batch.delete(e.key()));
            });
            if (page.size() < FOLD_BATCH) {
                return;
            }
        }
    }
}
