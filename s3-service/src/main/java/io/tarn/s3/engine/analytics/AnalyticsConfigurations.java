package io.tarn.s3.engine.analytics;

import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.S3Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Put/Get/Delete/ListBucketAnalyticsConfiguration: a bucket's configurations, at most 1,000, stored
 * one per key and kept in memory by bucket, since every GET asks which of them it counts for.
 */
public final class AnalyticsConfigurations {

    /** S3 User Guide, "Amazon S3 analytics – Storage Class Analysis": up to 1,000 filters per bucket. */
    public static final int MAX_PER_BUCKET = 1_000;
    /** ListBucketAnalyticsConfigurations answers up to 100 configurations a page. */
    public static final int PAGE = 100;
    static final String BUCKET_ARN_PREFIX = "arn:aws:s3:::";

    /** A page of configurations in id order; {@code next} is the id to continue from, null on the last page. */
    public record Page(List<AnalyticsConfiguration> items, @Nullable String next) {}

    private final Keyspace keyspace;
    private final BucketEngine buckets;
    private final EmulatorClock clock;
    /** By bucket name: the configurations of the bucket of that name now (a namesake's are filtered out on load). */
    private final Map<String, List<AnalyticsConfiguration>> cache = new ConcurrentHashMap<>();

    public AnalyticsConfigurations(Keyspace keyspace, BucketEngine buckets, EmulatorClock clock) {
        this.keyspace = keyspace;
        this.buckets = buckets;
        this.clock = clock;
    }

    /** Stores {@code id}'s configuration, replacing one of that id (its observation starts again). */
    public synchronized AnalyticsConfiguration put(String bucket, String id, AnalyticsConfiguration.@Nullable Filter filter,
            AnalyticsConfiguration.@Nullable DataExport export) {
        BucketMeta b = buckets.require(bucket);
        if (export != null && !export.bucketArn().startsWith(BUCKET_ARN_PREFIX)) {
            throw S3Errors.INVALID_ARGUMENT.exception("Invalid ARN").with("ArgumentName", "Bucket")
                    .with("ArgumentValue", export.bucketArn());
        }
        List<AnalyticsConfiguration> existing = of(bucket);
        boolean replaces = existing.stream().anyMatch(c -> c.id().equals(id));
        if (!replaces && existing.size() >= MAX_PER_BUCKET) {
            throw S3Errors.TOO_MANY_CONFIGURATIONS.exception(
                    "You are attempting to create a new configuration but have already reached the 1,000-configuration limit.");
        }
        AnalyticsConfiguration c = new AnalyticsConfiguration(AnalyticsConfiguration.SCHEMA, id, filter, export, clock.instant(),
                b.created());
        keyspace.write(batch -> {
            batch.put(S3Keys.analytics(bucket, id), c);
            // a replaced configuration's counts were of its old filter
            batch.deletePrefix(S3Keys.analyticsAccess(bucket, id));
            batch.deletePrefix(S3Keys.analyticsCumulative(bucket, id));
        });
        cache.remove(bucket);
        return c;
    }

    /** NoSuchConfiguration when the bucket has no configuration {@code id}. */
    public AnalyticsConfiguration get(String bucket, String id) {
        for (AnalyticsConfiguration c : of(bucket)) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw S3Errors.NO_SUCH_CONFIGURATION.exception("The specified configuration does not exist.");
    }

    public synchronized void delete(String bucket, String id) {
        get(bucket, id);
        keyspace.write(batch -> {
            batch.delete(S3Keys.analytics(bucket, id));
            batch.deletePrefix(S3Keys.analyticsAccess(bucket, id));
            batch.deletePrefix(S3Keys.analyticsCumulative(bucket, id));
        });
        cache.remove(bucket);
    }

    /** Whether the bucket (still) has configuration {@code id}. */
    boolean exists(String bucket, String id) {
        BucketMeta b = buckets.find(bucket);
        return b != null && of(bucket).stream().anyMatch(c -> c.id().equals(id));
    }

    /** Up to {@link #PAGE} configurations whose id follows {@code after} (null: from the first). */
    public Page list(String bucket, @Nullable String after) {
        List<AnalyticsConfiguration> all = of(bucket);
        List<AnalyticsConfiguration> page = new ArrayList<>();
        for (AnalyticsConfiguration c : all) {
            if (after == null || c.id().compareTo(after) > 0) {
                if (page.size() == PAGE) {
                    return new Page(page, page.get(PAGE - 1).id());
                }
                page.add(c);
            }
        }
        return new Page(page, null);
    }

    /** The bucket's configurations in id order (NoSuchBucket when there is no bucket). */
    public List<AnalyticsConfiguration> of(String bucket) {
        BucketMeta b = buckets.require(bucket);
        List<AnalyticsConfiguration> cached = cache.get(bucket);
        if (cached != null && (cached.isEmpty() || cached.get(0).ofBucketCreated(b.created()))) {
            return cached;
        }
        List<AnalyticsConfiguration> loaded = new ArrayList<>();
        keyspace.scan(S3Keys.analyticsOf(bucket), null, (Entry e) -> {
            AnalyticsConfiguration c = e.value(AnalyticsConfiguration.class);
            if (c.ofBucketCreated(b.created())) {
                loaded.add(c);
            }
            return true;
        });
        List<AnalyticsConfiguration> out = List.copyOf(loaded);
        cache.put(bucket, out);
        return out;
    }

    /** The names of buckets with stored configurations (some may be a deleted bucket's). */
    List<String> configuredBuckets() {
        List<String> names = new ArrayList<>();
        keyspace.scan(S3Keys.analyticsAll(), null, e -> {
            String name = e.key().string(1);
            if (names.isEmpty() || !names.get(names.size() - 1).equals(name)) {
                names.add(name);
            }
            return true;
        });
        return names;
    }

    /** Forgets what is cached: the keyspace was cleared. */
    public void forget() {
        cache.clear();
    }
}
