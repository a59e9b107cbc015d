package io.tarn.s3.engine.report;

import io.tarn.core.store.Keyspace;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.ListedVersion;
import io.tarn.s3.model.S3Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What each bucket's storage costs, by storage class: stored and billable bytes and version counts
 * from a scan of the bucket's versions (one record at a time, so memory does not grow with the
 * bucket), and the counted events from the {@link StorageLedger}.
 */
public final class StorageReport {

    /** One bucket's line for one storage class. */
    public record ClassUsage(String storageClass, long versions, long noncurrentVersions, long storedBytes, long billableBytes,
            StorageCounters counters) {}

    public record BucketUsage(String bucket, List<ClassUsage> storageClasses) {}

    private final Keyspace keyspace;
    private final BucketEngine buckets;
    private final StorageLedger ledger;

    public StorageReport(Keyspace keyspace, BucketEngine buckets, StorageLedger ledger) {
        this.keyspace = keyspace;
        this.buckets = buckets;
        this.ledger = ledger;
    }

    /** Every bucket's usage, by name. */
    public List<BucketUsage> all() {
        List<String> names = new ArrayList<>();
        keyspace.scan(S3Keys.buckets(), null, e -> names.add(e.key().string(1)));
        List<BucketUsage> out = new ArrayList<>();
        for (String name : names) {
            BucketMeta b = buckets.find(name);
            if (b != null) {
                out.add(of(b));
            }
        }
        return out;
    }

    /** One bucket's usage; NoSuchBucket when there is none. */
    public BucketUsage of(String bucket) {
        return of(buckets.require(bucket));
    }

    private BucketUsage of(BucketMeta bucket) {
        Map<String, long[]> scanned = new TreeMap<>(); // class -> versions, noncurrent, stored, billable
        String[] lastKey = {null};
        keyspace.scan(S3Keys.versions(bucket.name()), null, e -> {
            ListedVersion v = ListedVersion.read(e.value());
            // a key's versions are adjacent, newest first: only the first may be current
            boolean noncurrent = v.key().equals(lastKey[0]);
            lastKey[0] = v.key();
            if (v.deleteMarker()) {
                return true;
            }
            long[] row = scanned.computeIfAbsent(v.storageClass(), c -> new long[4]);
            row[0]++;
            row[1] += noncurrent ? 1 : 0;
            row[2] += v.size();
            row[3] += StorageClassBilling.billableBytes(v.storageClass(), v.size());
            long overhead = StorageClassBilling.standardOverheadBytes(v.storageClass());
            if (overhead > 0) {
                scanned.computeIfAbsent("STANDARD", c -> new long[4])[3] += overhead;
            }
            return true;
        });
        Map<String, StorageCounters> counted = ledger.totals(bucket);
        TreeMap<String, ClassUsage> rows = new TreeMap<>();
        scanned.forEach((c, r) -> rows.put(c, new ClassUsage(c, r[0], r[1], r[2], r[3], counted.getOrDefault(c, StorageCounters.ZERO))));
        counted.forEach((c, counters) -> rows.putIfAbsent(c, new ClassUsage(c, 0, 0, 0, 0, counters)));
        return new BucketUsage(bucket.name(), List.copyOf(rows.values()));
    }

    /** The usage of {@code bucket} only, or of every bucket when it is null. */
    public List<BucketUsage> report(@Nullable String bucket) {
        return bucket == null ? all() : List.of(of(bucket));
    }
}
