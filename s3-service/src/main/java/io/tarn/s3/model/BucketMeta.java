package io.tarn.s3.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A bucket as stored (schema 1). Bucket names are global: the owner account is part of the value,
 * not of the key.
 *
 * @param versioning null (never enabled), {@code Enabled} or {@code Suspended}
 * @param objectOwnership {@code BucketOwnerEnforced} (AWS's default for new buckets), {@code
 *     BucketOwnerPreferred} or {@code ObjectWriter}; null once the ownership controls were deleted
 * @param locationConstraint the LocationConstraint GetBucketLocation answers when it is not the
 *     region's own name (the legacy {@code EU} of an eu-west-1 bucket); null otherwise
 * @param publicAccessBlock the bucket's own Block Public Access settings (all on for new buckets,
 *     as on AWS since April 2023); null when it has none (deleted, or a bucket stored before them)
 */
public record BucketMeta(
        int schema,
        String name,
        String owner,
        String region,
        Instant created,
        @Nullable String versioning,
        @Nullable String objectOwnership,
        Map<String, String> tags,
        @Nullable List<CorsRule> cors,
        AccessControl acl,
        @Nullable String locationConstraint,
        @Nullable PublicAccessBlock publicAccessBlock) {

    public static final int SCHEMA = 1;

    /** A bucket without Block Public Access settings of its own. */
    public BucketMeta(int schema, String name, String owner, String region, Instant created, @Nullable String versioning,
            @Nullable String objectOwnership, Map<String, String> tags, @Nullable List<CorsRule> cors, AccessControl acl,
            @Nullable String locationConstraint) {
        this(schema, name, owner, region, created, versioning, objectOwnership, tags, cors, acl, locationConstraint, null);
    }

    public BucketMeta {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        cors = cors == null ? null : List.copyOf(cors);
    }

    public boolean versioningEnabled() {
        return "Enabled".equals(versioning);
    }

    /** Whether new writes get real version ids; under Suspended (or never enabled) they get the null version. */
    public boolean keepsVersions() {
        return versioningEnabled();
    }

    public BucketMeta withVersioning(String status) {
        return new BucketMeta(schema, name, owner, region, created, status, objectOwnership, tags, cors,
                acl, locationConstraint, publicAccessBlock);
    }

    public BucketMeta withObjectOwnership(@Nullable String ownership) {
        return new BucketMeta(schema, name, owner, region, created, versioning, ownership, tags, cors,
                acl, locationConstraint, publicAccessBlock);
    }

    public BucketMeta withTags(Map<String, String> newTags) {
        return new BucketMeta(schema, name, owner, region, created, versioning, objectOwnership, newTags, cors,
                acl, locationConstraint, publicAccessBlock);
    }

    public BucketMeta withCors(@Nullable List<CorsRule> rules) {
        return new BucketMeta(schema, name, owner, region, created, versioning, objectOwnership, tags, rules,
                acl, locationConstraint, publicAccessBlock);
    }

    public BucketMeta withAcl(AccessControl newAcl) {
        return new BucketMeta(schema, name, owner, region, created, versioning, objectOwnership, tags, cors,
                newAcl, locationConstraint, publicAccessBlock);
    }

    public BucketMeta withPublicAccessBlock(@Nullable PublicAccessBlock block) {
        return new BucketMeta(schema, name, owner, region, created, versioning, objectOwnership, tags, cors,
                acl, locationConstraint, block);
    }

    /** Whether the bucket's ACLs take part in access decisions: every Object Ownership setting but BucketOwnerEnforced. */
    public boolean aclsEnabled() {
        return !"BucketOwnerEnforced".equals(objectOwnership);
    }
}
