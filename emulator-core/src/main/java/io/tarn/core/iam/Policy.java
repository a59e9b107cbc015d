package io.tarn.core.iam;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A policy document compiled once by {@link PolicyParser}: immutable, evaluated on every request
 * without parsing again.
 */
public final class Policy {

    private final String version;
    private final @Nullable String id;
    private final List<Statement> statements;
    /** The context keys the conditions read, lower-case: their keys and the variables in their values. */
    private final List<String> conditionKeys;

    Policy(String version, @Nullable String id, List<Statement> statements) {
        this.version = version;
        this.id = id;
        this.statements = List.copyOf(statements);
        this.conditionKeys = conditionKeys(this.statements);
    }

    private static List<String> conditionKeys(List<Statement> statements) {
        Set<String> keys = new LinkedHashSet<>();
        for (Statement s : statements) {
            for (Condition c : s.conditions()) {
                keys.add(c.keyLowerCase());
                for (String value : c.values) {
                    for (int at = value.indexOf("${"); at >= 0; at = value.indexOf("${", at + 2)) {
                        int end = value.indexOf('}', at);
                        if (end > at) {
                            keys.add(value.substring(at + 2, end).trim().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return List.copyOf(keys);
    }

    /**
     * Whether a condition reads a context key starting with {@code prefix} (case-insensitive), as
     * its key or as a variable in its values: a service gathers a key that costs a read (S3's
     * {@code s3:ExistingObjectTag/}) only for policies that ask for it.
     */
    public boolean readsKey(String prefix) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        for (String key : conditionKeys) {
            if (key.startsWith(lower)) {
                return true;
            }
        }
        return false;
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
        String action = request.action().toLowerCase(Locale.ROOT);
        for (Statement s : statements) {
            if (s.effect() == Effect.ALLOW && s.applies(request, action)) {
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
