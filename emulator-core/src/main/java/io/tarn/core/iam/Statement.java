package io.tarn.core.iam;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One compiled statement. Each of principal, action and resource is either the listed form or
 * its {@code Not} form ({@code negated*}); a null principal is an identity policy's statement.
 *
 * @param index the statement's position in the policy, from 0, naming it when it has no Sid
 */
record Statement(int index, @Nullable String sid, Effect effect, @Nullable PrincipalSet principals, boolean notPrincipal,
        List<WildcardPattern> actions, boolean notAction, List<WildcardPattern> resources, boolean notResource,
        List<Condition> conditions) {

    /** @param lowerCaseAction the request's action lower-cased, as action patterns hold theirs */
    boolean applies(AccessRequest request, String lowerCaseAction) {
        if (principals != null && principals.matches(request.principal()) == notPrincipal) {
            return false;
        }
        if (matchesAnyAction(lowerCaseAction) == notAction) {
            return false;
        }
        if (anyResourceOutside(request)) {
            return false;
        }
        for (Condition c : conditions) {
            if (!c.test(request.context())) {
                return false;
            }
        }
        return true;
    }

    /** Every resource of the request must be covered (a request names one resource, or none). */
    private boolean anyResourceOutside(AccessRequest request) {
        String resource = request.resource();
        return resource != null && matchesAny(resources, resource, request.context()) == notResource;
    }

    private boolean matchesAnyAction(String lowerCaseAction) {
        for (WildcardPattern p : actions) {
            if (p.matchesInItsCase(lowerCaseAction, ContextKeys.EMPTY)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAny(List<WildcardPattern> patterns, String value, ContextKeys context) {
        for (WildcardPattern p : patterns) {
            if (p.matches(value, context)) {
                return true;
            }
        }
        return false;
    }

    /** How a decision names the statement: its Sid, else its position. */
    String name() {
        return sid != null && !sid.isEmpty() ? sid : "Statement[" + index + "]";
    }
}
