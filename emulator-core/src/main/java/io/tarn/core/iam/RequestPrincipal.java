package io.tarn.core.iam;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking, as a policy's {@code Principal} element sees it.
 *
 * @param kind what sort of principal
 * @param account its account (empty for an anonymous or a service principal)
 * @param arn its ARN; for a service, the service's name ({@code cloudfront.amazonaws.com})
 * @param canonicalId S3's canonical user id of its account, when known
 * @param sessionPolicy the session policy its temporary credentials were issued with (AssumeRole's
 *     {@code Policy}), which limits what its identity-based policies allow; null when none
 */
public record RequestPrincipal(Kind kind, String account, String arn, @Nullable String canonicalId,
        @Nullable Policy sessionPolicy) {

    public enum Kind { ANONYMOUS, ROOT, USER, ROLE_SESSION, FEDERATED_USER, SERVICE }

    public RequestPrincipal {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(account);
        Objects.requireNonNull(arn);
    }

    public RequestPrincipal(Kind kind, String account, String arn, @Nullable String canonicalId) {
        this(kind, account, arn, canonicalId, null);
    }

    /** The same principal acting under a session policy (null: none). */
    public RequestPrincipal withSessionPolicy(@Nullable Policy policy) {
        return new RequestPrincipal(kind, account, arn, canonicalId, policy);
    }

    public static RequestPrincipal anonymous() {
        return new RequestPrincipal(Kind.ANONYMOUS, "", "", null);
    }

    public static RequestPrincipal service(String name) {
        return new RequestPrincipal(Kind.SERVICE, "", name, null);
    }

    /** A principal known by its ARN ({@code arn:aws:iam::<account>:root}, {@code :user/...}, {@code arn:aws:sts::...:assumed-role/...}). */
    public static RequestPrincipal of(String account, String arn, @Nullable String canonicalId) {
        String resource = arn.substring(arn.lastIndexOf(':') + 1);
        Kind kind = resource.equals("root") ? Kind.ROOT
                : resource.startsWith("assumed-role/") ? Kind.ROLE_SESSION
                : resource.startsWith("federated-user/") ? Kind.FEDERATED_USER
                : Kind.USER;
        return new RequestPrincipal(kind, account, arn, canonicalId);
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /**
     * The role an assumed-role session belongs to: a role ARN as a policy principal covers its
     * sessions. The role's path is not in the session ARN, so a role with a path is matched without it.
     */
    @Nullable String roleArn() {
        String role = roleName();
        if (role == null) {
            return null;
        }
        String partition = arn.substring(4, arn.indexOf(':', 4));
        return "arn:" + partition + ":iam::" + account + ":role/" + role;
    }

    /** The name of the role an assumed-role session belongs to, else null. */
    public @Nullable String roleName() {
        if (kind != Kind.ROLE_SESSION) {
            return null;
        }
        int resourceStart = arn.lastIndexOf(':') + 1;
        String rest = arn.substring(resourceStart + "assumed-role/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
