package io.tarn.s3.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.core.spi.Caller;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.policy.AclEvaluation;
import io.tarn.s3.engine.policy.BucketPolicies;
import io.tarn.s3.engine.policy.AccessLog;
import io.tarn.s3.engine.policy.S3Authorizer;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.ObjectVersion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps each S3 operation to the action(s) AWS authorizes it as, on the bucket or object ARN, with
 * the request's context keys, and asks {@link S3Authorizer}. A copy needs s3:GetObject on its
 * source besides s3:PutObject on its target; HEAD is s3:GetObject; a version id turns object
 * actions into their Version forms. Preflights (OPTIONS) are not authorized, as in S3.
 */
final class RequestAuthorization {

    /** Operation -> action, for operations on a bucket (the resource is the bucket's ARN). */
    private static final Map<String, String> BUCKET_ACTIONS = Map.ofEntries(
            Map.entry("HeadBucket", "s3:ListBucket"), Map.entry("ListObjects", "s3:ListBucket"),
            Map.entry("ListObjectsV2", "s3:ListBucket"), Map.entry("ListObjectVersions", "s3:ListBucketVersions"),
            Map.entry("ListMultipartUploads", "s3:ListBucketMultipartUploads"), Map.entry("DeleteBucket", "s3:DeleteBucket"),
            Map.entry("GetBucketLocation", "s3:GetBucketLocation"), Map.entry("GetBucketVersioning", "s3:GetBucketVersioning"),
            Map.entry("PutBucketVersioning", "s3:PutBucketVersioning"), Map.entry("GetBucketTagging", "s3:GetBucketTagging"),
            Map.entry("PutBucketTagging", "s3:PutBucketTagging"), Map.entry("DeleteBucketTagging", "s3:PutBucketTagging"),
            Map.entry("GetBucketCors", "s3:GetBucketCORS"), Map.entry("PutBucketCors", "s3:PutBucketCORS"),
            Map.entry("DeleteBucketCors", "s3:PutBucketCORS"),
            Map.entry("GetBucketOwnershipControls", "s3:GetBucketOwnershipControls"),
            Map.entry("PutBucketOwnershipControls", "s3:PutBucketOwnershipControls"),
            Map.entry("DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls"),
            Map.entry("GetBucketAcl", "s3:GetBucketAcl"), Map.entry("PutBucketAcl", "s3:PutBucketAcl"),
            Map.entry("GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration"),
            Map.entry("PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration"),
            Map.entry("GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"),
            Map.entry("PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration"),
            Map.entry("DeleteBucketLifecycle", "s3:PutLifecycleConfiguration"),
            Map.entry("GetBucketNotificationConfiguration", "s3:GetBucketNotification"),
            Map.entry("PutBucketNotificationConfiguration", "s3:PutBucketNotification"),
            Map.entry("GetBucketPolicy", "s3:GetBucketPolicy"), Map.entry("PutBucketPolicy", "s3:PutBucketPolicy"),
            Map.entry("DeleteBucketPolicy", "s3:DeleteBucketPolicy"), Map.entry("GetBucketPolicyStatus", "s3:GetBucketPolicyStatus"),
            Map.entry("GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
            Map.entry("PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
            Map.entry("DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock"));

    /** Operation -> action on the object; the version form applies when the request names a version id. */
    private static final Map<String, String> OBJECT_ACTIONS = Map.ofEntries(
            Map.entry("PutObject", "s3:PutObject"), Map.entry("CopyObject", "s3:PutObject"),
            Map.entry("GetObject", "s3:GetObject"), Map.entry("HeadObject", "s3:GetObject"),
            Map.entry("DeleteObject", "s3:DeleteObject"), Map.entry("GetObjectAttributes", "s3:GetObjectAttributes"),
            Map.entry("GetObjectTagging", "s3:GetObjectTagging"), Map.entry("PutObjectTagging", "s3:PutObjectTagging"),
            Map.entry("DeleteObjectTagging", "s3:DeleteObjectTagging"), Map.entry("GetObjectAcl", "s3:GetObjectAcl"),
            Map.entry("PutObjectAcl", "s3:PutObjectAcl"), Map.entry("GetObjectRetention", "s3:GetObjectRetention"),
            Map.entry("PutObjectRetention", "s3:PutObjectRetention"), Map.entry("GetObjectLegalHold", "s3:GetObjectLegalHold"),
            Map.entry("PutObjectLegalHold", "s3:PutObjectLegalHold"), Map.entry("RestoreObject", "s3:RestoreObject"),
            Map.entry("CreateMultipartUpload", "s3:PutObject"), Map.entry("UploadPart", "s3:PutObject"),
            Map.entry("UploadPartCopy", "s3:PutObject"), Map.entry("CompleteMultipartUpload", "s3:PutObject"),
            Map.entry("AbortMultipartUpload", "s3:AbortMultipartUpload"), Map.entry("ListParts", "s3:ListMultipartUploadParts"));

    /** Object actions with a Version form for requests naming a version id. */
    private static final Map<String, String> VERSION_ACTIONS = Map.of("s3:GetObject", "s3:GetObjectVersion",
            "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObjectAttributes", "s3:GetObjectVersionAttributes",
            "s3:GetObjectTagging", "s3:GetObjectVersionTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging",
            "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging", "s3:GetObjectAcl", "s3:GetObjectVersionAcl",
            "s3:PutObjectAcl", "s3:PutObjectVersionAcl");

    /**
     * The actions whose context carries the addressed object's tags as s3:ExistingObjectTag/<key>
     * (Service Authorization Reference for Amazon S3): reads and changes of an existing object's
     * data, ACL, tags and lock state; never PutObject or DeleteObject, as S3's tagging guide says.
     */
    private static final Set<String> EXISTING_TAG_ACTIONS = Set.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAcl",
            "s3:GetObjectVersionAcl", "s3:GetObjectTagging", "s3:GetObjectVersionTagging", "s3:GetObjectAttributes",
            "s3:GetObjectVersionAttributes", "s3:PutObjectAcl", "s3:PutObjectVersionAcl", "s3:PutObjectTagging",
            "s3:PutObjectVersionTagging", "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging", "s3:GetObjectRetention",
            "s3:PutObjectRetention", "s3:GetObjectLegalHold", "s3:PutObjectLegalHold");

    /** Operations that may set an ACL from x-amz-acl or x-amz-grant-* headers (a browser POST is checked as PutObject). */
    private static final Set<String> ACL_WRITES = Set.of("PutObject", "CopyObject", "CreateMultipartUpload", "PutObjectAcl",
            "PutBucketAcl", "CreateBucket");

    private final S3Authorizer authorizer;
    private final BucketEngine buckets;
    private final ObjectEngine objects;

    RequestAuthorization(S3Authorizer authorizer, BucketEngine buckets, ObjectEngine objects) {
        this.authorizer = authorizer;
        this.buckets = buckets;
        this.objects = objects;
    }

    /** Throws AccessDenied unless the caller may perform the operation; a missing bucket is left to the operation's NoSuchBucket. */
    void check(String operation, S3Call call) {
        if (!authorizer.enabled() || operation.startsWith("Preflight")) {
            return;
        }
        try (AccessLog.Scope logged = logged(call)) {
            checkOperation(operation, call);
        }
    }

    /** The access log names the decisions made until the scope closes with this request's id and time. */
    private static AccessLog.Scope logged(S3Call call) {
        return AccessLog.request(call.request().context().requestId(), call.request().context().now());
    }

    private void checkOperation(String operation, S3Call call) {
        RequestPrincipal principal = principal(call.request().context().caller());
        if (call.bucketOrNull() == null || operation.equals("CreateBucket")) {
            if (call.bucketOrNull() != null) {
                BucketEngine.checkName(call.bucket()); // a malformed name is the request's error, before whose it is
            }
            authorizer.checkAccountAction(principal, operation.equals("CreateBucket") ? "s3:CreateBucket" : "s3:ListAllMyBuckets",
                    call.bucketOrNull() == null ? null : S3Authorizer.bucketArn(call.bucket()), context(call, principal, null));
            if (operation.equals("CreateBucket")) {
                checkNewBucketAcl(call, principal);
            }
            return;
        }
        BucketMeta bucket = buckets.find(call.bucket());
        if (bucket == null) {
            return;
        }
        String bucketAction = BUCKET_ACTIONS.get(operation);
        if (bucketAction != null) {
            authorizer.check(principal, bucket, bucketAction, S3Authorizer.bucketArn(bucket.name()), context(call, principal, bucket));
            checkPublicWrites(operation, call, principal, bucket, S3Authorizer.bucketArn(bucket.name()));
            return;
        }
        String objectAction = OBJECT_ACTIONS.get(operation);
        if (objectAction != null) {
            ObjectVersion version = checkObject(principal, bucket, objectAction, call.key(), call.query("versionId"), call);
            if (version != null) {
                call.addressed(version);
            }
            checkPublicWrites(operation, call, principal, bucket, S3Authorizer.objectArn(bucket.name(), call.key()));
            if (call.header("x-amz-copy-source") != null && (operation.equals("CopyObject") || operation.equals("UploadPartCopy"))) {
                CopySource.Named source = CopySource.named(call);
                BucketMeta sourceBucket = buckets.find(source.bucket());
                if (sourceBucket != null) {
                    checkObject(principal, sourceBucket, "s3:GetObject", source.key(), source.versionId(), call);
                }
            }
            return;
        }
        if (operation.equals("DeleteObjects")) {
            return; // each key is checked as it is deleted (deleteKey), refused keys reported in the answer as S3 does
        }
        // an operation without a mapping is one this table has not learnt yet: only the owner's account
        authorizer.check(principal, bucket, "s3:" + operation, S3Authorizer.bucketArn(bucket.name()), context(call, principal, bucket));
    }

    /**
     * The error a caller may see: S3 answers a missing key 404 only to callers that may list the
     * bucket (s3:ListBucket), 403 to the others, so that keys cannot be probed.
     */
    AwsException shown(S3Call call, AwsException error) {
        if (!authorizer.enabled() || !error.code().equals("NoSuchKey") || call.bucketOrNull() == null) {
            return error;
        }
        BucketMeta bucket = buckets.find(call.bucket());
        RequestPrincipal principal = principal(call.request().context().caller());
        try (AccessLog.Scope logged = logged(call)) {
            if (bucket == null || authorizer.mayList(principal, bucket, context(call, principal, bucket))) {
                return error;
            }
        }
        return S3Errors.ACCESS_DENIED.exception("Access Denied");
    }

    /** DeleteObjects' check of one key: s3:DeleteObject (or s3:DeleteObjectVersion). */
    void deleteKey(S3Call call, String key, @Nullable String versionId) {
        if (!authorizer.enabled()) {
            return;
        }
        BucketMeta bucket = buckets.require(call.bucket());
        try (AccessLog.Scope logged = logged(call)) {
            checkObject(principal(call.request().context().caller()), bucket, "s3:DeleteObject", key, versionId, call);
        }
    }

    /** Checks one object action; returns the addressed version when the check had to read it, else null. */
    private @Nullable ObjectVersion checkObject(RequestPrincipal principal, BucketMeta bucket, String action, String key,
            @Nullable String versionId, S3Call call) {
        String named = versionId == null ? action : VERSION_ACTIONS.getOrDefault(action, action);
        // where ACLs are enabled the addressed version's owner and ACL decide object reads; a policy
        // reading s3:ExistingObjectTag needs its tags: one read of the version serves both
        boolean aclDecides = bucket.aclsEnabled() && AclEvaluation.decidedByObjectAcl(named);
        boolean readsTags = EXISTING_TAG_ACTIONS.contains(named) && authorizer.readsExistingObjectTags(bucket);
        ObjectVersion version = aclDecides || readsTags ? addressed(bucket, key, versionId) : null;
        ContextKeys.Builder context = RequestKeys.of(call, principal, bucket);
        if (readsTags && version != null) {
            version.tags().forEach((k, v) -> context.put(S3Authorizer.EXISTING_OBJECT_TAG + k, v));
        }
        S3Authorizer.ObjectAccess object = aclDecides && version != null ? new S3Authorizer.ObjectAccess(version.owner(), version.acl())
                : null;
        authorizer.check(principal, bucket, named, S3Authorizer.objectArn(bucket.name(), key), context.build(), object);
        return version;
    }

    /**
     * The version the request addresses; null when it does not exist (the operation then answers
     * NoSuchKey or NoSuchVersion itself) or is a delete marker.
     */
    private @Nullable ObjectVersion addressed(BucketMeta bucket, String key, @Nullable String versionId) {
        try {
            ObjectVersion v = objects.resolve(bucket.name(), key, versionId);
            return v.deleteMarker() ? null : v;
        } catch (AwsException e) {
            return null;
        }
    }

    /**
     * Block Public Access on writes, in buckets whose ACLs are enabled (elsewhere the operation
     * refuses any ACL but the owner's first): BlockPublicAcls refuses a public ACL in headers or an
     * AccessControlPolicy document; BlockPublicPolicy a public bucket policy.
     */
    private void checkPublicWrites(String operation, S3Call call, RequestPrincipal principal, BucketMeta bucket, String resource) {
        if (operation.equals("PutBucketPolicy")) {
            authorizer.checkPolicyWrite(principal, bucket, BucketPolicies.compile(bucket.name(), call.request().body()));
            return;
        }
        if (!ACL_WRITES.contains(operation) || !bucket.aclsEnabled()) {
            return;
        }
        String action = "s3:" + (operation.equals("CopyObject") || operation.equals("CreateMultipartUpload") ? "PutObject" : operation);
        boolean document = (operation.equals("PutBucketAcl") || operation.equals("PutObjectAcl")) && call.request().body().length > 0;
        if (document) {
            AccessControl acl = Acls.fromXml(call.request().body(), Acls.canonicalId(bucket.owner()));
            authorizer.checkAclWrite(principal, bucket, bucket.owner(), acl, action, resource);
        } else if (requestsAcl(call)) {
            authorizer.checkAclWrite(principal, bucket, bucket.owner(), Acls.fromHeaders(call, bucket.owner()), action, resource);
        }
    }

    /** CreateBucket with a public ACL fails: the new bucket has Block Public Access on (with ACLs disabled, the ACL is refused first). */
    private void checkNewBucketAcl(S3Call call, RequestPrincipal principal) {
        String ownership = call.header("x-amz-object-ownership");
        if (ownership != null && !ownership.equals("BucketOwnerEnforced") && requestsAcl(call) && buckets.find(call.bucket()) == null) {
            authorizer.checkAclWrite(principal, null, call.account(), Acls.fromHeaders(call, call.account()), "s3:CreateBucket",
                    S3Authorizer.bucketArn(call.bucket()));
        }
    }

    private static boolean requestsAcl(S3Call call) {
        if (call.header("x-amz-acl") != null) {
            return true;
        }
        for (String header : List.of("x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp", "x-amz-grant-write-acp",
                "x-amz-grant-full-control")) {
            if (call.header(header) != null) {
                return true;
            }
        }
        return false;
    }

    static RequestPrincipal principal(Caller caller) {
        if (caller.anonymous()) {
            return RequestPrincipal.anonymous();
        }
        return RequestPrincipal.of(caller.account(), caller.arn(), Acls.canonicalId(caller.account()))
                .withSessionPolicy(caller.sessionPolicy());
    }

    /** The request's context keys (computed as policies read them: {@link RequestKeys}). */
    private static ContextKeys context(S3Call call, RequestPrincipal principal, @Nullable BucketMeta bucket) {
        return RequestKeys.of(call, principal, bucket).build();
    }
}
