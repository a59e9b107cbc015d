package io.tarn.s3.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * An access control list: the owner (a canonical user id) and its grants. Evaluated where the
 * bucket's Object Ownership enables ACLs ({@code engine/policy/AclEvaluation}).
 */
public record AccessControl(String owner, List<Grant> grants) {

    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    public AccessControl {
        grants = List.copyOf(grants);
    }

    /** S3's "meaning of public" for an ACL: it grants anything to the AllUsers or AuthenticatedUsers group. */
    @JsonIgnore
    public boolean isPublic() {
        return grants.stream().anyMatch(Grant::isPublic);
    }

    /**
     * One grant.
     *
     * @param type {@code CanonicalUser}, {@code Group} or {@code AmazonCustomerByEmail}
     * @param grantee the canonical id, group URI or e-mail address
     * @param permission {@code FULL_CONTROL}, {@code READ}, {@code WRITE}, {@code READ_ACP} or {@code WRITE_ACP}
     */
    public record Grant(String type, String grantee, String permission) {

        @JsonIgnore
    public boolean isPublic() {
            return type.equals("Group") && (grantee.equals(ALL_USERS) || grantee.equals(AUTHENTICATED_USERS));
        }
    }
}
