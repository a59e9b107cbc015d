package io.tarn.core.iam;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A policy document compiled once by {@link PolicyParser}: immutable, evaluated on every request
 * without parsing again.
 */
public final class Policy {

    private final String version;
    private final @Nullable String id;
    private final List<Statement> statements;

    Policy(String version, @Nullable String id, List<Statement> statements) {
        this.version = version;
        this.id = id;
        this.statements = List.copyOf(statements);
    }

    public String version() {
        return version;
    }

    public @Nullable String id() {
        return id;
    }

    public int size() {
        return statements.size();
    }

    List<Statement> statements() {
        return statements;
    }

    /**
     * Whether every Allow that applies to the request names its principal only through the
     * principal's account ({@code "AWS": "111111111111"} or its root ARN): a trust policy that trusts
     * an account so leaves the choice of who may assume the role to that account's identity policies.
     */
    public boolean allowsOnlyThroughAccount(AccessRequest request) {
        boolean allowed = false;
        for (Statement s : statements) {
            if (s.effect() == Effect.ALLOW && s.applies(request)) {
                if (s.principals() == null || s.notPrincipal() || s.principals().namesItself(request.principal())) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /**
     * AWS's evaluation within one policy: an applicable Deny decides at once; else the first
     * applicable Allow; else an implicit deny.
     *
     * @param name how the decision names this policy ("bucket policy")
     */
    public Decision evaluate(AccessRequest request, String name) {
        Objects.requireNonNull(request);
        String action = request.action().toLowerCase(Locale.ROOT); // once, not once per statement
        Statement allow = null;
        for (Statement s : statements) {
            if (s.applies(request, action)) {
                if (s.effect() == Effect.DENY) {
                    return new Decision(Decision.Outcome.EXPLICIT_DENY, name, s.name());
                }
                if (allow == null) {
                    allow = s;
                }
            }
        }
        return allow == null ? Decision.IMPLICIT_DENY : new Decision(Decision.Outcome.ALLOW, name, allow.name());
    }
}
