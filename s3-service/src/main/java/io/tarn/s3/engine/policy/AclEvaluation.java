package io.tarn.s3.engine.policy;

import io.tarn.core.iam.Decision;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.AccessControl.Grant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an ACL grants, as S3's "Mapping of ACL permissions and access policy permissions" says: a
 * bucket ACL's READ lists the bucket (ListBucket, ListBucketVersions, ListBucketMultipartUploads),
 * its WRITE creates and deletes objects in it (PutObject, DeleteObject), READ_ACP and WRITE_ACP read
 * and write the bucket's ACL; an object ACL's READ reads the object (GetObject, GetObjectVersion,
 * HEAD), READ_ACP and WRITE_ACP its ACL; FULL_CONTROL is all of them. ACLs only ever allow: an ACL
 * never denies, so an explicit Deny elsewhere still wins.
 *
 * <p>Grantees: {@code AllUsers} is anyone, anonymous callers too; {@code AuthenticatedUsers} any
 * signed caller of any account; a canonical user id is that account (an account id given as a
 * grantee is stored as its account's canonical id). {@code LogDelivery} is S3's log delivery,
 * which no request to Tarn is.
 */
public final class AclEvaluation {

    private static final Map<String, String> BUCKET_PERMISSIONS = Map.of(
            "s3:ListBucket", "READ", "s3:ListBucketVersions", "READ", "s3:ListBucketMultipartUploads", "READ",
            "s3:PutObject", "WRITE", "s3:DeleteObject", "WRITE",
            "s3:GetBucketAcl", "READ_ACP", "s3:PutBucketAcl", "WRITE_ACP");

    private static final Map<String, String> OBJECT_PERMISSIONS = Map.of(
            "s3:GetObject", "READ", "s3:GetObjectVersion", "READ",
            "s3:GetObjectAcl", "READ_ACP", "s3:GetObjectVersionAcl", "READ_ACP",
            "s3:PutObjectAcl", "WRITE_ACP", "s3:PutObjectVersionAcl", "WRITE_ACP");

    private AclEvaluation() {}

    /** Whether an object's ACL (rather than its bucket's) is what may grant the action. */
    public static boolean decidedByObjectAcl(String action) {
        return OBJECT_PERMISSIONS.containsKey(action);
    }

    /**
     * The ACLs' decision for one action: the bucket's ACL for bucket actions and object writes,
     * the object's for object reads and its ACL operations.
     *
     * @param objectAcl the addressed object version's ACL; null when the object does not exist
     * @param ignorePublic Block Public Access's IgnorePublicAcls: grants to AllUsers and
     *     AuthenticatedUsers count for nothing
     */
    public static Decision decide(AccessControl bucketAcl, @Nullable AccessControl objectAcl, String action,
            RequestPrincipal principal, boolean ignorePublic) {
        String permission = BUCKET_PERMISSIONS.get(action);
        if (permission != null) {
            return decide(bucketAcl, "bucket ACL", permission, principal, ignorePublic);
        }
        permission = OBJECT_PERMISSIONS.get(action);
        if (permission != null && objectAcl != null) {
            return decide(objectAcl, "object ACL", permission, principal, ignorePublic);
        }
        return Decision.IMPLICIT_DENY;
    }

    private static Decision decide(AccessControl acl, String aclName, String permission, RequestPrincipal principal,
            boolean ignorePublic) {
        for (Grant g : acl.grants()) {
            if ((g.permission().equals(permission) || g.permission().equals("FULL_CONTROL"))
                    && !(ignorePublic && g.isPublic()) && covers(g, principal)) {
                return new Decision(Decision.Outcome.ALLOW, aclName, g.permission() + " to " + shortName(g));
            }
        }
        return Decision.IMPLICIT_DENY;
    }

    private static boolean covers(Grant g, RequestPrincipal principal) {
        switch (g.type()) {
            case "Group":
                return g.grantee().equals(AccessControl.ALL_USERS)
                        || g.grantee().equals(AccessControl.AUTHENTICATED_USERS) && !principal.isAnonymous()
                                && principal.kind() != RequestPrincipal.Kind.SERVICE;
            case "CanonicalUser":
                return principal.canonicalId() != null && g.grantee().equalsIgnoreCase(principal.canonicalId());
            default:
                return false; // e-mail grantees never resolve here (PutBucketAcl refuses them)
        }
    }

    private static String shortName(Grant g) {
        return g.type().equals("Group") ? g.grantee().substring(g.grantee().lastIndexOf('/') + 1) : g.grantee();
    }
}
