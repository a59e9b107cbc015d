package io.tarn.glue.api;

import io.tarn.core.paging.PageTokens;
import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import org.jspecify.annotations.Nullable;

/**
 * Glue's NextTokens: the engine's position in the core's authenticated page token, scoped to the
 * operation, the account and region and what the listing selects (database, table, expression), so a
 * token is refused by another listing or when altered. Page sizes are checked here too.
 */
public final class NextTokens {

    private final PageTokens tokens;

    public NextTokens(PageTokens tokens) {
        this.tokens = tokens;
    }

    static String scope(RequestContext ctx, String operation, @Nullable Object... filters) {
        return PageTokens.scope(ctx, operation, filters);
    }

    @Nullable String open(String scope, @Nullable String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        PageTokens.Position at = tokens.open(scope, token);
        if (at == null) {
            throw GlueErrors.INVALID_INPUT.exception("Invalid NextToken: %s", token);
        }
        return at.value();
    }

    @Nullable String issue(String scope, @Nullable String position) {
        return position == null ? null : tokens.issue(scope, position);
    }

    /** MaxResults of a catalog getter: 1 to 100, 100 when not given. */
    static int pageSize(@Nullable Integer maxResults) {
        return pageSize(maxResults, 100);
    }

    /** MaxResults of a listing whose model allows 1 to {@code max} (GetConnections, SearchTables: 1000); 100 when not given. */
    static int pageSize(@Nullable Integer maxResults, int max) {
        if (maxResults == null) {
            return Math.min(100, max);
        }
        if (maxResults < 1 || maxResults > max) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'maxResults' failed to satisfy "
                    + "constraint: Member must have value %s", maxResults,
                    maxResults < 1 ? "greater than or equal to 1" : "less than or equal to " + max);
        }
        return maxResults;
    }
}
