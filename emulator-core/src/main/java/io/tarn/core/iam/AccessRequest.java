package io.tarn.core.iam;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a service asks the policy engine: may this principal perform this action on this resource,
 * in this context.
 *
 * @param action the action as AWS names it ({@code s3:GetObject})
 * @param resource the resource's ARN, or null for an action on no resource ({@code s3:ListAllMyBuckets})
 */
public record AccessRequest(RequestPrincipal principal, String action, @Nullable String resource, ContextKeys context) {

    public AccessRequest {
        Objects.requireNonNull(principal);
        Objects.requireNonNull(action);
        Objects.requireNonNull(context);
    }
}
