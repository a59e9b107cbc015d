package io.tarn.s3.model;

import java.util.List;

/** An access control list: the owner and its grants (stored and returned; not evaluated). */
public record AccessControl(String owner, List<Grant> grants) {

    public AccessControl {
        grants = List.copyOf(grants);
    }

    /**
     * One grant.
     *
     * @param type {@code CanonicalUser}, {@code Group} or {@code AmazonCustomerByEmail}
     * @param grantee the canonical id, group URI or e-mail address
     * @param permission {@code FULL_CONTROL}, {@code READ}, {@code WRITE}, {@code READ_ACP} or {@code WRITE_ACP}
     */
    public record Grant(String type, String grantee, String permission) {}
}
