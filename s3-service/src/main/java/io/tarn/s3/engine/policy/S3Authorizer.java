package io.tarn.s3.engine.policy;

import io.tarn.core.error.AwsException;
import io.tarn.core.iam.AccessRequest;
import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.Decision;
import io.tarn.core.iam.Identities;
import io.tarn.core.iam.Policy;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.s3.S3Errors;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.PublicAccessBlock;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3's authorization of one action on one bucket or object, as AWS's evaluation logic decides it:
 * the resource-based side (the bucket policy, and the bucket's and object's ACLs where Object
 * Ownership enables them: {@link AclEvaluation}) combined with the caller's identity-based
 * permissions ({@link Identities}: the init file's users and roles, limited by a session policy),
 * under the Block Public Access settings in effect ({@link PublicAccessBlocks}). An identity
 * without identity policies (an account's root, {@code test}) allows whatever its account may do;
 * hence the bucket owner's account may do everything (unless the bucket policy denies it), another
 * account only what the bucket policy grants it, an anonymous caller only what it grants everyone.
 * The account root keeps Get/Put/DeleteBucketPolicy whatever the policy says, and those three are
 * refused to other accounts with 405, as S3 does.
 */
public final class S3Authorizer {

    private static final Logger log = LoggerFactory.getLogger(S3Authorizer.class);
    private static final Set<String> POLICY_ACTIONS = Set.of("s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy");
    private static final String BUCKET_POLICY = "bucket policy";
    /** The condition key of an object's tags, one key per tag ("Tagging and access control policies"). */
    public static final String EXISTING_OBJECT_TAG = "s3:ExistingObjectTag/";

    private final BucketPolicies policies;
    private final PublicAccessBlocks publicAccess;
    private final boolean enabled;
    private final Identities identities;
    private final AccessLog accessLog = new AccessLog();

    public S3Authorizer(BucketPolicies policies, PublicAccessBlocks publicAccess, boolean enabled) {
        this(policies, publicAccess, enabled, Identities.NONE);
    }

    public S3Authorizer(BucketPolicies policies, PublicAccessBlocks publicAccess, boolean enabled, Identities identities) {
        this.policies = policies;
        this.publicAccess = publicAccess;
        this.enabled = enabled;
        this.identities = identities;
    }

    /**
     * What an object action needs to know of the addressed version: its owner (the writer's account
     * where Object Ownership lets writers own objects) and its ACL.
     */
    public record ObjectAccess(String owner, @Nullable AccessControl acl) {}

    public BucketPolicies policies() {
        return policies;
    }

    public PublicAccessBlocks publicAccess() {
        return publicAccess;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The last decisions, for {@code GET /_tarn/s3/access-log}. */
    public AccessLog accessLog() {
        return accessLog;
    }

    /**
     * Whether the bucket's policy reads {@code s3:ExistingObjectTag/<key>}: only then does a
     * request pay for reading the addressed object's tags before it is authorized.
     */
    public boolean readsExistingObjectTags(BucketMeta bucket) {
        Policy policy = enabled ? policies.policy(bucket) : null;
        return policy != null && policy.readsKey(EXISTING_OBJECT_TAG);
    }

    /** An action on no bucket (ListBuckets): identity-based only, so never an anonymous caller. */
    public void checkAccountAction(RequestPrincipal principal, String action) {
        checkAccountAction(principal, action, null, ContextKeys.EMPTY);
    }

    /**
     * An action no bucket policy decides (ListBuckets, CreateBucket of {@code resource}): the
     * caller's identity policies alone, so never an anonymous caller.
     */
    public void checkAccountAction(RequestPrincipal principal, String action, @Nullable String resource, ContextKeys context) {
        if (!enabled) {
            return;
        }
        if (principal.isAnonymous()) {
            log.debug("{} {}: denied, anonymous", action, "(no resource)");
            accessLog.record(principal, null, action, null, Decision.IMPLICIT_DENY);
            throw S3Errors.ACCESS_DENIED.exception("Access Denied");
        }
        Decision decision = identities.decide(new AccessRequest(principal, action, resource, context));
        accessLog.record(principal, null, action, resource, decision);
        log.debug("{} {} by {}: {}", action, resource == null ? "(no resource)" : resource, principal.arn(), decision);
        if (!decision.allowed()) {
            throw S3Errors.ACCESS_DENIED.exception("User: %s is not authorized to perform: %s%s %s", principal.arn(), action,
                    resource == null ? "" : " on resource: \"" + resource + "\"", Identities.denialReason(decision, action));
        }
    }

    /**
     * Allows the action or throws S3's AccessDenied (or 405 MethodNotAllowed for a policy operation
     * of another account).
     *
     * @param resource the bucket's or the object's ARN
     */
    public Decision check(RequestPrincipal principal, BucketMeta bucket, String action, String resource, ContextKeys context) {
        return check(principal, bucket, action, resource, context, null);
    }

    /**
     * {@link #check(RequestPrincipal, BucketMeta, String, String, ContextKeys)} of an object action on
     * an existing version ({@code object} non-null) in a bucket whose ACLs are enabled: the version's
     * owner is the resource owner, and its ACL may grant the action.
     */
    public Decision check(RequestPrincipal principal, BucketMeta bucket, String action, String resource, ContextKeys context,
            @Nullable ObjectAccess object) {
        if (!enabled) {
            return Decision.allowedBy("access control off");
        }
        String resourceOwner = object != null && bucket.aclsEnabled() && AclEvaluation.decidedByObjectAcl(action)
                ? object.owner() : bucket.owner();
        boolean ownerAccount = !principal.isAnonymous() && principal.account().equals(resourceOwner);
        if (ownerAccount && principal.kind() == RequestPrincipal.Kind.ROOT && POLICY_ACTIONS.contains(action)) {
            return Decision.allowedBy("the bucket owner's root"); // never locked out of its own bucket policy
        }
        Decision resourceBased = resourceBased(principal, bucket, action, resource, context, object);
        Decision decision = principal.isAnonymous() ? resourceBased
                : identities.decide(new AccessRequest(principal, action, resource, context), resourceBased, ownerAccount);
        log.debug("{} {} by {}: {}", action, resource, principal.isAnonymous() ? "anonymous" : principal.arn(), decision);
        accessLog.record(principal, bucket.name(), action, resource, decision);
        if (!decision.allowed()) {
            throw denied(principal, action, resource, decision, ownerAccount);
        }
        if (!ownerAccount && POLICY_ACTIONS.contains(action)) {
            throw S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.")
                    .with("Method", action.startsWith("s3:Get") ? "GET" : action.startsWith("s3:Put") ? "PUT" : "DELETE")
                    .with("ResourceType", "BUCKET");
        }
        return decision;
    }

    /**
     * The resource-based side: the bucket policy's decision and the ACLs'. An explicit Deny in the
     * policy wins; otherwise an Allow from either allows. Block Public Access's RestrictPublicBuckets
     * keeps a public policy's grants to the bucket owner's account and AWS services, and
     * IgnorePublicAcls drops the ACLs' public grants.
     */
    private Decision resourceBased(RequestPrincipal principal, BucketMeta bucket, String action, String resource,
            ContextKeys context, @Nullable ObjectAccess object) {
        Policy policy = policies.policy(bucket);
        PublicAccessBlock block = publicAccess.effective(bucket);
        AccessRequest request = new AccessRequest(principal, action, resource, context);
        Decision byPolicy = policy == null ? Decision.IMPLICIT_DENY : policy.evaluate(request, BUCKET_POLICY);
        RequestPrincipal.Kind kind = principal.kind();
        if (byPolicy.allowed() && (kind == RequestPrincipal.Kind.USER || kind == RequestPrincipal.Kind.ROLE_SESSION)
                && principal.account().equals(bucket.owner()) && policy.allowsOnlyThroughAccount(request)) {
            // a grant to the owner's own account (its id or root ARN) delegates to that account's
            // identity policies: its user or role session then needs its own allow, as in AWS's
            // evaluation (across accounts both sides must allow anyway)
            byPolicy = Decision.IMPLICIT_DENY;
        }
        if (byPolicy.allowed() && block.restrictPublicBuckets() && !principal.account().equals(bucket.owner())
                && principal.kind() != RequestPrincipal.Kind.SERVICE && BucketPolicies.isPublic(policy)) {
            byPolicy = Decision.IMPLICIT_DENY;
        }
        if (byPolicy.explicitlyDenied() || byPolicy.allowed() || !bucket.aclsEnabled()) {
            return byPolicy;
        }
        return AclEvaluation.decide(bucket.acl(), object == null ? null : object.acl(), action, principal,
                block.ignorePublicAcls());
    }

    /**
     * Block Public Access's BlockPublicAcls: a request that would set a public ACL (a write's
     * canned ACL or grants, PutBucketAcl, PutObjectAcl, CreateBucket) is refused with 403.
     *
     * @param bucket the bucket written to; null for CreateBucket, whose new bucket has all four settings on
     */
    public void checkAclWrite(RequestPrincipal principal, @Nullable BucketMeta bucket, String owner, AccessControl acl,
            String action, String resource) {
        PublicAccessBlock block = bucket == null ? PublicAccessBlock.ALL : publicAccess.effective(bucket);
        if (enabled && block.blockPublicAcls() && acl.isPublic()) {
            throw blocked(principal, owner, action, resource, "public ACLs are blocked by the BlockPublicAcls block public access setting");
        }
    }

    /** Block Public Access's BlockPublicPolicy: PutBucketPolicy with a public policy is refused with 403. */
    public void checkPolicyWrite(RequestPrincipal principal, BucketMeta bucket, Policy policy) {
        if (enabled && publicAccess.effective(bucket).blockPublicPolicy() && BucketPolicies.isPublic(policy)) {
            throw blocked(principal, bucket.owner(), "s3:PutBucketPolicy", bucketArn(bucket.name()),
                    "public policies are blocked by the BlockPublicPolicy block public access setting");
        }
    }

    private static AwsException blocked(RequestPrincipal principal, String owner, String action, String resource, String why) {
        if (principal.isAnonymous() || !principal.account().equals(owner)) {
            return S3Errors.ACCESS_DENIED.exception("Access Denied");
        }
        return S3Errors.ACCESS_DENIED.exception("User: %s is not authorized to perform: %s on resource: \"%s\" because %s",
                principal.arn(), action, resource, why);
    }

    /**
     * S3's denial: within the bucket owner's account it says which policy kind denied, as AWS now
     * does; to other accounts and anonymous callers only "Access Denied".
     */
    private static AwsException denied(RequestPrincipal principal, String action, String resource, Decision decision,
            boolean ownerAccount) {
        if (!ownerAccount) {
            return S3Errors.ACCESS_DENIED.exception("Access Denied");
        }
        String why = Identities.denialReason(decision, action);
        return S3Errors.ACCESS_DENIED.exception("User: %s is not authorized to perform: %s on resource: \"%s\" %s",
                principal.arn(), action, resource, why);
    }

    public static String bucketArn(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    public static String objectArn(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    /** Whether the principal may list the bucket: S3 answers a missing key 404 to those who may, 403 to the others. */
    public boolean mayList(RequestPrincipal principal, BucketMeta bucket, ContextKeys context) {
        try {
            check(principal, bucket, "s3:ListBucket", bucketArn(bucket.name()), context);
            return true;
        } catch (AwsException e) {
            return false;
        }
    }
}
