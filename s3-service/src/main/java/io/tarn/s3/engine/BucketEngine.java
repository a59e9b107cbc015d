package io.tarn.s3.engine;

import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.BucketObjectLock;
import io.tarn.s3.model.PublicAccessBlock;
import io.tarn.s3.model.S3Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Buckets: names, owners, regions, and their configuration records. Bucket names are global. */
public final class BucketEngine {

    // "Bucket naming rules" (general purpose buckets): 3-63 of a-z 0-9 . -, starting and ending with a letter or digit
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    /** Buckets are read by every request and change rarely: kept in memory once read, written through. */
    private final Map<String, BucketMeta> cache = new ConcurrentHashMap<>();

    public BucketEngine(Keyspace keyspace, EmulatorClock clock) {
        this.keyspace = keyspace;
        this.clock = clock;
    }

    public static void checkName(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()
                || name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")
                || name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith(".mrap") || name.endsWith("--x-s3")
                || name.endsWith("--table-s3")) {
            throw S3Errors.INVALID_BUCKET_NAME.exception("The specified bucket is not valid.").with("BucketName", name);
        }
    }

    /**
     * What CreateBucket asks for besides the name and owner.
     *
     * @param locationConstraint the constraint as given when it is not the region's name (legacy {@code EU}), else null
     * @param objectOwnership null for AWS's default, BucketOwnerEnforced
     */
    public record NewBucket(String region, @Nullable String locationConstraint, @Nullable String objectOwnership,
            AccessControl acl, Map<String, String> tags, boolean objectLock) {

        public NewBucket(String region, @Nullable String locationConstraint, @Nullable String objectOwnership, AccessControl acl,
                Map<String, String> tags) {
            this(region, locationConstraint, objectOwnership, acl, tags, false);
        }
    }

    /** Creates a bucket with no tags and no legacy location constraint. */
    public BucketMeta create(String name, String owner, String region, @Nullable String objectOwnership, AccessControl acl) {
        return create(name, owner, new NewBucket(region, null, objectOwnership, acl, Map.of()));
    }

    /** Creates a bucket; owning it already is an error outside us-east-1 only, as on AWS. */
    public synchronized BucketMeta create(String name, String owner, NewBucket spec) {
        checkName(name);
        BucketMeta existing = find(name);
        if (existing != null) {
            if (existing.owner().equals(owner)) {
                throw S3Errors.BUCKET_ALREADY_OWNED_BY_YOU.exception(
                        "Your previous request to create the named bucket succeeded and you already own it.").with("BucketName", name);
            }
            throw S3Errors.BUCKET_ALREADY_EXISTS.exception(
                    "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.")
                    .with("BucketName", name);
        }
        if (count(owner) >= S3Limits.MAX_BUCKETS) {
            throw S3Errors.TOO_MANY_BUCKETS.exception("You have attempted to create more buckets than allowed").with("BucketName", name);
        }
        // Object Lock turns versioning on, and both are written in one batch
        BucketMeta bucket = new BucketMeta(BucketMeta.SCHEMA, name, owner, spec.region(), clock.instant(),
                spec.objectLock() ? "Enabled" : null,
                spec.objectOwnership() != null ? spec.objectOwnership() : "BucketOwnerEnforced", spec.tags(), null, spec.acl(),
                spec.locationConstraint(), PublicAccessBlock.ALL); // all four settings on, as S3 does since April 2023
        keyspace.write(batch -> {
            batch.put(S3Keys.bucket(name), bucket);
            if (spec.objectLock()) {
                batch.put(S3Keys.objectLock(name), BucketObjectLock.enabled());
            }
        });
        cache.put(name, bucket);
        return bucket;
    }

    public @Nullable BucketMeta find(String name) {
        BucketMeta cached = cache.get(name);
        return cached != null ? cached : load(name);
    }

    /** A cache miss, under the lock that creates and deletes, so a deleted bucket is never cached again. */
    private synchronized @Nullable BucketMeta load(String name) {
        BucketMeta stored = keyspace.get(S3Keys.bucket(name), BucketMeta.class).orElse(null);
        if (stored != null) {
            cache.put(name, stored);
        }
        return stored;
    }

    /** Forgets what was read, after an admin reset cleared the keyspace. */
    public synchronized void forget() {
        cache.clear();
    }

    public BucketMeta require(String name) {
        BucketMeta bucket = find(name);
        if (bucket == null) {
            throw S3Errors.NO_SUCH_BUCKET.exception("The specified bucket does not exist").with("BucketName", name);
        }
        return bucket;
    }

    /** Changes a bucket's record under the engine's lock (configuration writes are rare). */
    public synchronized BucketMeta update(String name, UnaryOperator<BucketMeta> change) {
        BucketMeta updated = change.apply(require(name));
        keyspace.put(S3Keys.bucket(name), updated);
        cache.put(name, updated);
        return updated;
    }

    /** Deletes an empty bucket: no versions, no delete markers. Uploads in progress are dropped with it. */
    public synchronized void delete(String name, MultipartEngine uploads) {
        require(name);
        if (!keyspace.scan(S3Keys.versions(name), null, 1).isEmpty()) {
            throw S3Errors.BUCKET_NOT_EMPTY.exception("The bucket you tried to delete is not empty").with("BucketName", name);
        }
        uploads.abortAll(name);
        // a new bucket of that name starts without lock configuration or lifecycle rules
        keyspace.write(batch -> batch.delete(S3Keys.bucket(name)).delete(S3Keys.objectLock(name)).delete(S3Keys.lifecycle(name))
                .delete(S3Keys.bucketEncryption(name))

                .delete(S3Keys.bucketPolicy(name)));
        cache.remove(name);
    }

    /**
     * The buckets {@code owner} owns, in name order, from {@code after} (exclusive), matching
     * {@code prefix} and in {@code region} when they are given.
     */
    public List<BucketMeta> list(String owner, @Nullable String prefix, @Nullable String region, @Nullable String after, int limit) {
        List<BucketMeta> out = new ArrayList<>();
        keyspace.scan(S3Keys.buckets(), after == null ? null : S3Keys.bucket(after + "\0"), (Entry e) -> {
            BucketMeta b = e.value(BucketMeta.class);
            if (b.owner().equals(owner) && (prefix == null || b.name().startsWith(prefix))
                    && (region == null || b.region().equals(region))) {
                out.add(b);
            }
            return out.size() < limit;
        });
        return out;
    }

    private int count(String owner) {
        int[] n = {0};
        keyspace.scan(S3Keys.buckets(), null, e -> {
            if (e.value(BucketMeta.class).owner().equals(owner)) {
                n[0]++;
            }
            return true;
        });
        return n[0];
    }
}
