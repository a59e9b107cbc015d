package io.tarn.core.iam;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The identities whose identity-based policies Tarn knows (the init file's users and roles), each
 * compiled once at start-up, and the identity side of AWS's policy evaluation logic: an explicit
 * deny anywhere wins; within one account an allow from the identity's policies or from the
 * resource's policy suffices; across accounts both must allow; a session policy then limits what
 * a role session was allowed. Principals Tarn has no policies for (an account's root, a 12-digit
 * key, {@code test}, a role the init file does not configure) are allowed on the identity side,
 * so that their account may use its own resources as before identities existed.
 */
public final class Identities {

    /** How decisions name the kinds of policy, and how AWS's denial messages name them. */
    public static final String IDENTITY_BASED = "identity-based policy";
    public static final String RESOURCE_BASED = "resource-based policy";
    public static final String SESSION = "session policy";
    public static final String TRUST = "role trust policy";

    public static final Identities NONE = new Identities(List.of(), List.of());

    /** Bounds the cache of compiled session policies (each session's document is compiled once while it stays cached). */
    private static final int SESSION_CACHE = 1024;

    /**
     * A configured user or role.
     *
     * @param arn its ARN ({@code arn:aws:iam::ACCOUNT:user/NAME}, {@code arn:aws:iam::ACCOUNT:role/PATH/NAME})
     * @param policies its inline identity-based policies by name, in the order configured
     * @param trustPolicy a role's trust policy; null for a user, or a role that trusts its own account
     */
    public record Identity(String arn, String account, String name, Map<String, Policy> policies, @Nullable Policy trustPolicy) {

        public Identity {
            Objects.requireNonNull(arn);
            Objects.requireNonNull(account);
            Objects.requireNonNull(name);
            policies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        }

        /** Its own policies alone: an explicit deny in any decides, else the first allow, else an implicit deny. */
        Decision evaluate(AccessRequest request) {
            Decision allow = null;
            for (Map.Entry<String, Policy> e : policies.entrySet()) {
                Decision d = e.getValue().evaluate(request, IDENTITY_BASED + " " + name + "/" + e.getKey());
                if (d.explicitlyDenied()) {
                    return d;
                }
                if (allow == null && d.allowed()) {
                    allow = d;
                }
            }
            return allow != null ? allow : new Decision(Decision.Outcome.IMPLICIT_DENY, IDENTITY_BASED, null);
        }
    }

    private final Map<String, Identity> users = new HashMap<>();
    /** By account and name: a session's ARN names its role without the role's path. */
    private final Map<String, Identity> roles = new HashMap<>();
    private final Map<String, Policy> sessionPolicies = new ConcurrentHashMap<>();

    public Identities(List<Identity> users, List<Identity> roles) {
        for (Identity u : users) {
            if (this.users.putIfAbsent(u.arn(), u) != null) {
                throw new IllegalArgumentException("two users are " + u.arn());
            }
        }
        for (Identity r : roles) {
            if (this.roles.putIfAbsent(roleKey(r.account(), r.name()), r) != null) {
                throw new IllegalArgumentException("two roles are named " + r.name() + " in account " + r.account());
            }
        }
    }

    public @Nullable Identity user(String arn) {
        return users.get(arn);
    }

    public @Nullable Identity role(String account, String name) {
        return roles.get(roleKey(account, name));
    }

    /**
     * A session policy compiled (cached by its text: every request of the session carries it).
     *
     * @throws PolicyException when the document is not a valid identity-based policy
     */
    public Policy sessionPolicy(String document) {
        Policy cached = sessionPolicies.get(document);
        if (cached != null) {
            return cached;
        }
        Policy compiled = PolicyParser.parse(document, IdentityPolicyRules.INSTANCE);
        if (sessionPolicies.size() >= SESSION_CACHE) {
            sessionPolicies.clear();
        }
        sessionPolicies.put(document, compiled);
        return compiled;
    }

    /**
     * The decision for a request on a resource whose resource-based policies decided {@code
     * resourceBased}: an explicit deny in the resource's, the identity's or the session's policy
     * wins; then the resource's or the identity's allow within one account, both across accounts;
     * then the session policy must allow too. An implicit deny names the kind of policy that
     * lacked the allow, as AWS's denial messages do.
     *
     * @param sameAccount whether the principal belongs to the resource's account
     */
    public Decision decide(AccessRequest request, Decision resourceBased, boolean sameAccount) {
        Decision identityBased = ownPolicies(request.principal(), request);
        Policy sessionPolicy = request.principal().sessionPolicy();
        Decision session = sessionPolicy == null ? null : sessionPolicy.evaluate(request, SESSION);
        if (resourceBased.explicitlyDenied()) {
            return resourceBased;
        }
        if (identityBased.explicitlyDenied()) {
            return identityBased;
        }
        if (session != null && session.explicitlyDenied()) {
            return session;
        }
        Decision combined = Decision.combine(resourceBased, identityBased, sameAccount);
        if (!combined.allowed()) {
            return new Decision(Decision.Outcome.IMPLICIT_DENY, identityBased.allowed() ? RESOURCE_BASED : IDENTITY_BASED, null);
        }
        if (session != null && !session.allowed()) {
            return new Decision(Decision.Outcome.IMPLICIT_DENY, SESSION, null);
        }
        return combined;
    }

    /** The decision for an action on no resource's policy (S3's ListBuckets, CreateBucket): the identity's alone. */
    public Decision decide(AccessRequest request) {
        return decide(request, Decision.IMPLICIT_DENY, true);
    }

    /**
     * STS AssumeRole of {@code roleArn}'s role ({@code role} when configured, else null): its trust
     * policy must allow the caller, and the caller's identity must allow sts:AssumeRole too across
     * accounts, or when the trust policy names the caller only through its account (which leaves
     * the choice to the account's identity policies). A configured role without a trust policy
     * trusts its own account that way; a role the init file does not configure may be assumed by
     * anyone, as before roles could be configured.
     */
    public Decision assumeRole(AccessRequest request, @Nullable Identity role, String roleAccount) {
        boolean sameAccount = request.principal().account().equals(roleAccount);
        boolean delegatedToAccount = role != null
                && (role.trustPolicy() == null || role.trustPolicy().allowsOnlyThroughAccount(request));
        Decision trust = role == null ? Decision.allowedBy("a role the init file does not configure")
                : role.trustPolicy() == null ? (sameAccount ? Decision.allowedBy("a role trusting its own account")
                        : new Decision(Decision.Outcome.IMPLICIT_DENY, TRUST, null))
                : role.trustPolicy().evaluate(request, TRUST);
        Decision decision = decide(request, trust, sameAccount && !delegatedToAccount);
        if (decision.allowed() && !trust.allowed()) {
            return new Decision(Decision.Outcome.IMPLICIT_DENY, TRUST, null); // a trust policy is required, whatever the identity allows
        }
        return decision;
    }

    /**
     * The end of AWS's denial message for a denied {@code action}: "with an explicit deny in a
     * resource-based policy", "because no identity-based policy allows the s3:GetObject action"...
     */
    public static String denialReason(Decision decision, String action) {
        String policy = decision.policy() == null ? RESOURCE_BASED : decision.policy();
        String kind = policy.startsWith(IDENTITY_BASED) ? IDENTITY_BASED : policy.startsWith(SESSION) ? SESSION : RESOURCE_BASED;
        if (decision.explicitlyDenied()) {
            return "with an explicit deny in " + (kind.equals(IDENTITY_BASED) ? "an " : "a ") + kind;
        }
        return "because no " + kind + " allows the " + action + " action";
    }

    private Decision ownPolicies(RequestPrincipal principal, AccessRequest request) {
        Identity identity = switch (principal.kind()) {
            case USER -> users.get(principal.arn());
            case ROLE_SESSION -> roles.get(roleKey(principal.account(), principal.roleName()));
            default -> null;
        };
        if (identity != null) {
            return identity.evaluate(request);
        }
        return switch (principal.kind()) {
            case ANONYMOUS -> new Decision(Decision.Outcome.IMPLICIT_DENY, IDENTITY_BASED, null);
            case ROOT -> Decision.allowedBy("the account's root");
            default -> Decision.allowedBy("identity without identity policies");
        };
    }

    private static String roleKey(String account, @Nullable String name) {
        return account + ":" + name;
    }
}
