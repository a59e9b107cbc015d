package io.tarn.s3.engine.policy;

import io.tarn.core.iam.Policy;
import io.tarn.core.iam.PolicyException;
import io.tarn.core.iam.PolicyParser;
import io.tarn.core.iam.PolicyPublicity;
import io.tarn.core.store.Keyspace;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.BucketPolicy;
import io.tarn.s3.model.S3Keys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Bucket policies: validated and compiled by the core policy engine when put, stored as the
 * document, and kept compiled in memory per bucket so that a request never parses one. A cache
 * entry holds the bucket record it was read for: the bucket engine hands out one record instance
 * until the bucket changes, is deleted (and perhaps made again) or is reset, so any other
 * instance means "read the store again" and a new bucket never sees its predecessor's policy.
 */
public final class BucketPolicies {

    /** S3's keys that make a wildcard principal non-public when fixed ("The meaning of public"). */
    private static final Set<String> RESTRICTING_KEYS = Set.of("s3:dataaccesspointarn", "s3:dataaccesspointaccount",
            "s3:x-amz-server-side-encryption-aws-kms-key-id");

    private record Compiled(BucketMeta bucket, @Nullable Policy policy) {}

    private final Keyspace keyspace;
    private final BucketEngine buckets;
    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

    public BucketPolicies(Keyspace keyspace, BucketEngine buckets) {
        this.keyspace = keyspace;
        this.buckets = buckets;
    }

    /** Validates the document as S3 does ({@code MalformedPolicy} with AWS's message) and compiles it. */
    public static Policy compile(String bucket, byte[] document) {
        try {
            return PolicyParser.parse(document, new BucketPolicyRules(bucket));
        } catch (PolicyException e) {
            throw S3Errors.MALFORMED_POLICY.exception("%s", e.getMessage());
        }
    }

    public synchronized void put(String bucket, byte[] document) {
        BucketMeta b = buckets.require(bucket);
        Policy policy = compile(bucket, document);
        keyspace.put(S3Keys.bucketPolicy(bucket), BucketPolicy.of(BucketPolicyDocument.normalized(document)));
        cache.put(bucket, new Compiled(b, policy));
    }

    /** The document as S3 returns it (normalized when put: {@link BucketPolicyDocument}); {@code NoSuchBucketPolicy} without one. */
    public String document(String bucket) {
        buckets.require(bucket);
        return keyspace.get(S3Keys.bucketPolicy(bucket), BucketPolicy.class).map(BucketPolicy::document)
                .orElseThrow(() -> noPolicy(bucket));
    }

    public synchronized void delete(String bucket) {
        BucketMeta b = buckets.require(bucket);
        keyspace.delete(S3Keys.bucketPolicy(bucket));
        cache.put(bucket, new Compiled(b, null));
    }

    /** GetBucketPolicyStatus's IsPublic; {@code NoSuchBucketPolicy} without a policy, as S3 answers. */
    public boolean isPublic(String bucket) {
        Policy policy = policy(buckets.require(bucket));
        if (policy == null) {
            throw noPolicy(bucket);
        }
        return isPublic(policy);
    }

    /** S3's "meaning of public" for a compiled bucket policy. */
    public static boolean isPublic(Policy policy) {
        return PolicyPublicity.isPublic(policy, RESTRICTING_KEYS);
    }

    /** The bucket's compiled policy, or null: read from the store once per change, then from memory. */
    public @Nullable Policy policy(BucketMeta bucket) {
        Compiled c = cache.get(bucket.name());
        if (c == null || c.bucket() != bucket) {
            c = load(bucket);
        }
        return c.policy();
    }

    /** A cache miss, under the lock that puts and deletes, so a stale read never overwrites a newer policy. */
    private synchronized Compiled load(BucketMeta bucket) {
        Compiled c = cache.get(bucket.name());
        if (c != null && c.bucket() == bucket) {
            return c;
        }
        BucketPolicy stored = keyspace.get(S3Keys.bucketPolicy(bucket.name()), BucketPolicy.class).orElse(null);
        c = new Compiled(bucket, stored == null ? null
                : compile(bucket.name(), stored.document().getBytes(StandardCharsets.UTF_8)));
        cache.put(bucket.name(), c);
        return c;
    }

    private static RuntimeException noPolicy(String bucket) {
        return S3Errors.NO_SUCH_BUCKET_POLICY.exception("The bucket policy does not exist").with("BucketName", bucket);
    }
}
