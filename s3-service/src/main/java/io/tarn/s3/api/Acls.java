package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.AccessControl.Grant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Access control lists as S3 takes them (a canned {@code x-amz-acl}, {@code x-amz-grant-*}
 * headers, or an AccessControlPolicy document) and returns them; {@code engine/policy/AclEvaluation}
 * evaluates them where the bucket's Object Ownership enables ACLs.
 */
final class Acls {

    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String ALL_USERS = AccessControl.ALL_USERS;
    static final String AUTHENTICATED_USERS = AccessControl.AUTHENTICATED_USERS;
    static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";
    private static final Map<String, String> GRANT_HEADERS = Map.of(
            "x-amz-grant-full-control", "FULL_CONTROL", "x-amz-grant-read", "READ", "x-amz-grant-write", "WRITE",
            "x-amz-grant-read-acp", "READ_ACP", "x-amz-grant-write-acp", "WRITE_ACP");
    private static final Pattern GRANTEE = Pattern.compile("\\s*(id|uri|emailAddress)\\s*=\\s*\"?([^\",]*)\"?\\s*");
    private static final Pattern CANONICAL_ID = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Set<String> GROUPS = Set.of(ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY);
    private static final List<String> PERMISSIONS = List.of("FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP");

    /** Every write and listing shows owners; accounts are few. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> CANONICAL_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    private Acls() {}

    /** The canonical user id S3 shows for an account: 64 hex characters, stable per account. */
    static String canonicalId(String account) {
        return CANONICAL_IDS.computeIfAbsent(account, a -> {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(a.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * With the BucketOwnerEnforced setting (AWS's default) ACLs are disabled: only the bucket
     * owner's full control may be asked for ({@code private}, {@code bucket-owner-full-control}).
     */
    static void checkEnforced(BucketMeta bucket, AccessControl acl) {
        if ("BucketOwnerEnforced".equals(bucket.objectOwnership()) && !ownerOnly(acl, bucket.owner())) {
            throw S3Errors.ACCESS_CONTROL_LIST_NOT_SUPPORTED.exception("The bucket does not allow ACLs");
        }
    }

    /**
     * Whether an ACL grants nothing but full control to the bucket's owner (account {@code
     * bucketOwner}) or to the ACL's own owner (the writer, whose {@code private} names itself).
     */
    static boolean ownerOnly(AccessControl acl, String bucketOwner) {
        String bucketOwnerId = canonicalId(bucketOwner);
        return acl.grants().stream().allMatch(g -> g.type().equals("CanonicalUser") && g.permission().equals("FULL_CONTROL")
                && (g.grantee().equalsIgnoreCase(bucketOwnerId) || g.grantee().equalsIgnoreCase(acl.owner())));
    }

    /**
     * A grantee S3 can resolve, or its error: a canonical id is 64 hex digits, a group one of S3's
     * three, and e-mail grantees resolve to no account here (Tarn keeps no e-mail addresses).
     */
    private static Grant grant(String type, String grantee, String permission) {
        switch (type) {
            case "CanonicalUser":
                if (ACCOUNT_ID.matcher(grantee).matches()) {
                    return new Grant(type, canonicalId(grantee), permission); // an account named by its id: its canonical id
                }
                if (!CANONICAL_ID.matcher(grantee).matches()) {
                    throw S3Errors.INVALID_ARGUMENT.exception("Invalid id").with("ArgumentName", "id").with("ArgumentValue", grantee);
                }
                break;
            case "Group":
                if (!GROUPS.contains(grantee)) {
                    throw S3Errors.INVALID_ARGUMENT.exception("Invalid group uri").with("ArgumentName", "uri")
                            .with("ArgumentValue", grantee);
                }
                break;
            case "AmazonCustomerByEmail":
                throw S3Errors.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS.exception(
                        "The e-mail address you provided does not match any account on record.").with("EmailAddress", grantee);
            default:
                throw S3XmlReader.malformed();
        }
        return new Grant(type, grantee, permission);
    }

    /**
     * The account that owns an object a request writes, as Object Ownership says: the bucket owner
     * under BucketOwnerEnforced, and under BucketOwnerPreferred when the write grants it
     * {@code bucket-owner-full-control}; the writer otherwise (ObjectWriter, or no ownership controls),
     * except that an anonymous upload belongs to the bucket owner.
     */
    static String objectOwner(S3Call call, BucketMeta bucket) {
        String ownership = bucket.objectOwnership();
        if ("BucketOwnerEnforced".equals(ownership) || call.request().context().caller().anonymous()
                || "BucketOwnerPreferred".equals(ownership) && "bucket-owner-full-control".equals(call.header("x-amz-acl"))) {
            return bucket.owner();
        }
        return call.account();
    }

    /** The ACL a write's headers ask for, owned by the caller's account; the owner's full control when they ask for none. */
    static AccessControl fromHeaders(S3Call call, @Nullable String bucketOwner) {
        return fromHeaders(call, call.account(), bucketOwner);
    }

    /** The ACL a write's headers ask for, owned by {@code ownerAccount}; the owner's full control when they ask for none. */
    static AccessControl fromHeaders(S3Call call, String ownerAccount, @Nullable String bucketOwner) {
        String owner = canonicalId(ownerAccount);
        String canned = call.header("x-amz-acl");
        List<Grant> grants = new ArrayList<>();
        for (Map.Entry<String, String> h : GRANT_HEADERS.entrySet()) {
            String value = call.header(h.getKey());
            if (value == null) {
                continue;
            }
            if (canned != null) {
                throw S3Errors.INVALID_REQUEST.exception("Specifying both Canned ACLs and Header Grants is not allowed");
            }
            for (String grantee : value.split(",")) {
                Matcher m = GRANTEE.matcher(grantee);
                if (!m.matches()) {
                    throw S3Errors.INVALID_ARGUMENT.exception("Argument format not recognized").with("ArgumentName", h.getKey())
                            .with("ArgumentValue", value);
                }
                String type = m.group(1).equals("id") ? "CanonicalUser" : m.group(1).equals("uri") ? "Group" : "AmazonCustomerByEmail";
                grants.add(grant(type, m.group(2), h.getValue()));
            }
        }
        if (!grants.isEmpty()) {
            return new AccessControl(owner, grants);
        }
        return canned(canned == null ? "private" : canned, owner, bucketOwner == null ? owner : canonicalId(bucketOwner));
    }

    static AccessControl canned(String acl, String owner, String bucketOwner) {
        List<Grant> grants = new ArrayList<>();
        grants.add(new Grant("CanonicalUser", owner, "FULL_CONTROL"));
        switch (acl) {
            case "private":
                break;
            case "public-read":
                grants.add(new Grant("Group", ALL_USERS, "READ"));
                break;
            case "public-read-write":
                grants.add(new Grant("Group", ALL_USERS, "READ"));
                grants.add(new Grant("Group", ALL_USERS, "WRITE"));
                break;
            case "authenticated-read":
                grants.add(new Grant("Group", AUTHENTICATED_USERS, "READ"));
                break;
            case "aws-exec-read":
                break; // EC2 reads through its own grant; nothing a client sees
            case "bucket-owner-read":
                if (!bucketOwner.equals(owner)) {
                    grants.add(new Grant("CanonicalUser", bucketOwner, "READ"));
                }
                break;
            case "bucket-owner-full-control":
                if (!bucketOwner.equals(owner)) {
                    grants.add(new Grant("CanonicalUser", bucketOwner, "FULL_CONTROL"));
                }
                break;
            case "log-delivery-write":
                grants.add(new Grant("Group", LOG_DELIVERY, "WRITE"));
                grants.add(new Grant("Group", LOG_DELIVERY, "READ_ACP"));
                break;
            default:
                throw S3Errors.INVALID_ARGUMENT.exception("").with("ArgumentName", "x-amz-acl").with("ArgumentValue", acl);
        }
        return new AccessControl(owner, grants);
    }

    /** An AccessControlPolicy document (PutBucketAcl / PutObjectAcl with a body). */
    static AccessControl fromXml(byte[] body, String owner) {
        S3XmlReader policy = S3XmlReader.parse(body, "AccessControlPolicy");
        S3XmlReader list = policy.child("AccessControlList");
        List<Grant> grants = new ArrayList<>();
        if (list != null) {
            for (S3XmlReader g : list.children("Grant")) {
                S3XmlReader grantee = g.child("Grantee");
                String permission = g.text("Permission");
                if (grantee == null || permission == null || !PERMISSIONS.contains(permission)) {
                    throw S3XmlReader.malformed();
                }
                String type = grantee.attribute("type");
                String id = "Group".equals(type) ? grantee.text("URI")
                        : "AmazonCustomerByEmail".equals(type) ? grantee.text("EmailAddress") : grantee.text("ID");
                if (type == null || id == null) {
                    throw S3XmlReader.malformed();
                }
                grants.add(grant(type, id.trim(), permission));
            }
        }
        return new AccessControl(owner, grants);
    }

    static XmlWriter toXml(AccessControl acl) {
        XmlWriter xml = new XmlWriter().start("AccessControlPolicy", S3Call.XMLNS)
                .start("Owner").element("ID", acl.owner()).end()
                .start("AccessControlList");
        for (Grant g : acl.grants()) {
            xml.start("Grant").start("Grantee").namespace("xsi", XSI).attribute("xsi", XSI, "type", g.type());
            switch (g.type()) {
                case "Group":
                    xml.element("URI", g.grantee());
                    break;
                case "AmazonCustomerByEmail":
                    xml.element("EmailAddress", g.grantee());
                    break;
                default:
                    xml.element("ID", g.grantee());
            }
            xml.end().element("Permission", g.permission()).end();
        }
        return xml.end().end();
    }
}
