package io.tarn.core.iam;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of evaluating policies for one request, naming the statement that decided it (which
 * AWS does not tell, and everyone debugging a policy wants).
 *
 * @param policy the name the caller gave the deciding policy ("bucket policy", "identity policy"), or null
 * @param statement the deciding statement's Sid, else {@code Statement[i]}; null for an implicit deny
 */
public record Decision(Outcome outcome, @Nullable String policy, @Nullable String statement) {

    public enum Outcome { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    public static final Decision IMPLICIT_DENY = new Decision(Outcome.IMPLICIT_DENY, null, null);

    public Decision {
        Objects.requireNonNull(outcome);
    }

    /** An allow that no policy gave but the principal's standing does (an account's root in its own account). */
    public static Decision allowedBy(String reason) {
        return new Decision(Outcome.ALLOW, reason, null);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }

    public boolean explicitlyDenied() {
        return outcome == Outcome.EXPLICIT_DENY;
    }

    /**
     * AWS's combination of a resource-based and an identity-based decision: an explicit deny in
     * either wins; within one account either allow suffices; across accounts both must allow.
     */
    public static Decision combine(Decision resourceBased, Decision identityBased, boolean sameAccount) {
        if (resourceBased.explicitlyDenied()) {
            return resourceBased;
        }
        if (identityBased.explicitlyDenied()) {
            return identityBased;
        }
        if (sameAccount) {
            return resourceBased.allowed() ? resourceBased : identityBased.allowed() ? identityBased : IMPLICIT_DENY;
        }
        if (resourceBased.allowed() && identityBased.allowed()) {
            return resourceBased;
        }
        return IMPLICIT_DENY;
    }

    @Override
    public String toString() {
        return statement == null ? outcome + (policy == null ? "" : " (" + policy + ")")
                : outcome + " by " + policy + " " + statement;
    }
}
