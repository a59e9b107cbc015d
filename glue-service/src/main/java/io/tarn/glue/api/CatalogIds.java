package io.tarn.glue.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import org.jspecify.annotations.Nullable;

/**
 * The CatalogId every catalog operation takes: the caller's own account (the default). Another
 * account's catalog is refused as AWS refuses a catalog no resource policy shares with the caller.
 */
final class CatalogIds {

    private CatalogIds() {}

    static String check(RequestContext ctx, String operation, @Nullable String catalogId) {
        if (catalogId == null || catalogId.equals(ctx.account())) {
            return ctx.account();
        }
        throw GlueErrors.ACCESS_DENIED.exception("User: %s is not authorized to perform: glue:%s on resource: "
                + "arn:aws:glue:%s:%s:catalog because no resource-based policy allows the glue:%s action",
                ctx.caller().arn(), operation, ctx.region(), catalogId, operation);
    }
}
