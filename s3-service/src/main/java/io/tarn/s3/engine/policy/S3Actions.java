package io.tarn.s3.engine.policy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * S3's actions and the resource each applies to (the Service Authorization Reference for Amazon
 * S3): a bucket policy may name only these, and each must apply to one of its statement's resources.
 */
final class S3Actions {

    enum Scope { BUCKET, OBJECT, ACCOUNT }

    private static final Set<String> OBJECT_ACTIONS = Set.of("AbortMultipartUpload", "BypassGovernanceRetention",
            "DeleteObject", "DeleteObjectTagging", "DeleteObjectVersion", "DeleteObjectVersionTagging", "GetObject",
            "GetObjectAcl", "GetObjectAttributes", "GetObjectLegalHold", "GetObjectRetention", "GetObjectTagging",
            "GetObjectTorrent", "GetObjectVersion", "GetObjectVersionAcl", "GetObjectVersionAttributes",
            "GetObjectVersionForReplication", "GetObjectVersionTagging", "GetObjectVersionTorrent", "InitiateReplication",
            "ListMultipartUploadParts", "ObjectOwnerOverrideToBucketOwner", "PutObject", "PutObjectAcl", "PutObjectLegalHold",
            "PutObjectRetention", "PutObjectTagging", "PutObjectVersionAcl", "PutObjectVersionTagging", "RenameObject",
            "ReplicateDelete", "ReplicateObject", "ReplicateTags", "RestoreObject");

    private static final Set<String> BUCKET_ACTIONS = Set.of("CreateBucket", "CreateBucketMetadataTableConfiguration",
            "CreateSession", "DeleteBucket", "DeleteBucketMetadataTableConfiguration", "DeleteBucketOwnershipControls",
            "DeleteBucketPolicy", "DeleteBucketWebsite", "GetAccelerateConfiguration", "GetAnalyticsConfiguration",
            "GetBucketAbac", "GetBucketAcl", "GetBucketCORS", "GetBucketLocation", "GetBucketLogging",
            "GetBucketMetadataTableConfiguration", "GetBucketNotification", "GetBucketObjectLockConfiguration",
            "GetBucketOwnershipControls", "GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketPublicAccessBlock",
            "GetBucketRequestPayment", "GetBucketTagging", "GetBucketVersioning", "GetBucketWebsite",
            "GetEncryptionConfiguration", "GetIntelligentTieringConfiguration", "GetInventoryConfiguration",
            "GetLifecycleConfiguration", "GetMetricsConfiguration", "GetReplicationConfiguration", "ListBucket",
            "ListBucketMultipartUploads", "ListBucketVersions", "ListTagsForResource", "PutAccelerateConfiguration",
            "PutAnalyticsConfiguration", "PutBucketAbac", "PutBucketAcl", "PutBucketCORS", "PutBucketLogging",
            "PutBucketNotification", "PutBucketObjectLockConfiguration", "PutBucketOwnershipControls", "PutBucketPolicy",
            "PutBucketPublicAccessBlock", "PutBucketRequestPayment", "PutBucketTagging", "PutBucketVersioning",
            "PutBucketWebsite", "PutEncryptionConfiguration", "PutIntelligentTieringConfiguration",
            "PutInventoryConfiguration", "PutLifecycleConfiguration", "PutMetricsConfiguration", "PutReplicationConfiguration",
            "TagResource", "UntagResource");

    /** Actions on no bucket: valid action names, but a bucket policy's resources never fit them. */
    private static final Set<String> ACCOUNT_ACTIONS = Set.of("CreateJob", "GetAccountPublicAccessBlock",
            "ListAccessPoints", "ListAllMyBuckets", "ListJobs", "ListStorageLensConfigurations", "PutAccountPublicAccessBlock",
            "PutStorageLensConfiguration");

    /** By lower-case name ({@code s3:getobject}): action names are case-insensitive. */
    static final Map<String, Scope> BY_NAME = new HashMap<>();

    static {
        OBJECT_ACTIONS.forEach(a -> BY_NAME.put(key(a), Scope.OBJECT));
        BUCKET_ACTIONS.forEach(a -> BY_NAME.put(key(a), Scope.BUCKET));
        ACCOUNT_ACTIONS.forEach(a -> BY_NAME.put(key(a), Scope.ACCOUNT));
    }

    private S3Actions() {}

    private static String key(String action) {
        return ("s3:" + action).toLowerCase(Locale.ROOT);
    }
}
