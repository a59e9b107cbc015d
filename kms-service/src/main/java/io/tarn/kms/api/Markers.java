package io.tarn.kms.api;

import io.tarn.core.paging.PageTokens;
import io.tarn.core.spi.RequestContext;
import io.tarn.kms.KmsErrors;
import org.jspecify.annotations.Nullable;

/**
 * KMS's list markers (ListKeys, ListAliases, ListGrants...): the engine's position wrapped in
 * the core's authenticated page token, scoped to the operation, the account and region, and the
 * request's filters (key, grantee...), so a marker is refused by another listing or when altered.
 */
public final class Markers {

    private final PageTokens tokens;

    public Markers(PageTokens tokens) {
        this.tokens = tokens;
    }

    /** The listing a marker belongs to: the operation and what selects its entries. */
    static String scope(RequestContext ctx, String operation, @Nullable Object... filters) {
        return PageTokens.scope(ctx, operation, filters);
    }

    /** The engine position inside a client's marker, or null for none; InvalidMarkerException when it is not this listing's. */
    @Nullable String open(String scope, @Nullable String marker) {
        if (marker == null) {
            return null;
        }
        PageTokens.Position at = tokens.open(scope, marker);
        if (at == null) {
            throw KmsErrors.INVALID_MARKER.exception("The marker is not valid for this request.");
        }
        return at.value();
    }

    /** The marker a client gets for the engine's next position (null on the last page). */
    @Nullable String issue(String scope, @Nullable String position) {
        return position == null ? null : tokens.issue(scope, position);
    }
}
