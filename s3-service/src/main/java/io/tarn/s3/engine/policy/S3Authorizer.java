package io.tarn.s3.engine.policy;

import io.tarn.core.error.AwsException;
import io.tarn.core.iam.AccessRequest;
import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.Decision;
import io.tarn.core.iam.Policy;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.s3.S3Errors;
import io.tarn.s3.model.BucketMeta;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3's authorization of one action on one bucket or object, as AWS's evaluation logic decides it:
 * the bucket policy (resource-based) combined with the caller's identity-based permissions. Tarn
 * has no identity policies yet, so a signed caller's identity allows whatever its account may do;
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
    private final boolean enabled;
    private final AccessLog accessLog = new AccessLog();

    public S3Authorizer(BucketPolicies policies, boolean enabled) {
        this.policies = policies;
        this.enabled = enabled;
    }

    public BucketPolicies policies() {
        return policies;
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

    /** An action on no bucket (ListBuckets, CreateBucket): identity-based only, so any signed caller, never an anonymous one. */
    public void checkAccountAction(RequestPrincipal principal, String action) {
        if (enabled && principal.isAnonymous()) {
            log.debug("{} {}: denied, anonymous", action, "(no resource)");
            accessLog.record(principal, null, action, null, Decision.IMPLICIT_DENY);
            throw S3Errors.ACCESS_DENIED.exception("Access Denied");
        }
    }

    /**
     * Allows the action or throws S3's AccessDenied (or 405 MethodNotAllowed for a policy operation
     * of another account).
     *
     * @param resource the bucket's or the object's ARN
     */
    public Decision check(RequestPrincipal principal, BucketMeta bucket, String action, String resource, ContextKeys context) {
        if (!enabled) {
            return Decision.allowedBy("access control off");
        }
        boolean ownerAccount = !principal.isAnonymous() && principal.account().equals(bucket.owner());
        if (ownerAccount && principal.kind() == RequestPrincipal.Kind.ROOT && POLICY_ACTIONS.contains(action)) {
            return Decision.allowedBy("the bucket owner's root"); // never locked out of its own bucket policy
        }
        Policy policy = policies.policy(bucket);
        Decision resourceBased = policy == null ? Decision.IMPLICIT_DENY
                : policy.evaluate(new AccessRequest(principal, action, resource, context), BUCKET_POLICY);
        Decision decision = principal.isAnonymous() ? resourceBased
                : Decision.combine(resourceBased, Decision.allowedBy("identity without identity policies"), ownerAccount);
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
     * S3's denial: within the bucket owner's account it says which policy kind denied, as AWS now
     * does; to other accounts and anonymous callers only "Access Denied".
     */
    private static AwsException denied(RequestPrincipal principal, String action, String resource, Decision decision,
            boolean ownerAccount) {
        if (!ownerAccount) {
            return S3Errors.ACCESS_DENIED.exception("Access Denied");
        }
        String why = decision.explicitlyDenied() ? "with an explicit deny in a resource-based policy"
                : "because no resource-based policy allows the " + action + " action";
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
