package io.tarn.kms.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.api.shapes.AliasShapes.AliasInput;
import io.tarn.kms.api.shapes.AliasShapes.DeleteAliasInput;
import io.tarn.kms.api.shapes.AliasShapes.ListAliasesInput;
import io.tarn.kms.api.shapes.AliasShapes.ListAliasesOutput;
import io.tarn.kms.engine.AliasRegistry;
import io.tarn.kms.engine.Page;
import io.tarn.kms.model.AliasMeta;

/** CreateAlias, UpdateAlias, DeleteAlias, ListAliases. */
public final class AliasOperations {

    private final AliasRegistry aliases;
    private final Markers markers;

    public AliasOperations(AliasRegistry aliases, Markers markers) {
        this.markers = markers;
        this.aliases = aliases;
    }

    public Void createAlias(RequestContext ctx, AliasInput in) {
        check(in.aliasName()).notNull("targetKeyId", in.targetKeyId())
                .length("targetKeyId", in.targetKeyId(), 1, KmsLimits.MAX_KEY_ID_LENGTH).check();
        aliases.create(ctx.namespace(), in.aliasName(), in.targetKeyId());
        return null;
    }

    public Void updateAlias(RequestContext ctx, AliasInput in) {
        check(in.aliasName()).notNull("targetKeyId", in.targetKeyId())
                .length("targetKeyId", in.targetKeyId(), 1, KmsLimits.MAX_KEY_ID_LENGTH).check();
        aliases.update(ctx.namespace(), in.aliasName(), in.targetKeyId());
        return null;
    }

    public Void deleteAlias(RequestContext ctx, DeleteAliasInput in) {
        check(in.aliasName()).check();
        aliases.delete(ctx.namespace(), in.aliasName());
        return null;
    }

    public ListAliasesOutput listAliases(RequestContext ctx, ListAliasesInput in) {
        Wire.paging(Validation.of(), in.limit(), in.marker(), KmsLimits.Page.ALIASES)
                .length("keyId", in.keyId(), 1, KmsLimits.MAX_KEY_ID_LENGTH).check();
        String scope = Markers.scope(ctx, "ListAliases", in.keyId());
        Page<AliasMeta> page = aliases.list(ctx.namespace(), in.keyId(), markers.open(scope, in.marker()),
                Wire.limit(in.limit(), KmsLimits.Page.ALIASES));
        return new ListAliasesOutput(page.items().stream().map(Wire::alias).toList(), markers.issue(scope, page.nextMarker()),
                page.truncated());
    }

    private static Validation check(String aliasName) {
        return Validation.of().notNull("aliasName", aliasName)
                .length("aliasName", aliasName, 1, KmsLimits.MAX_ALIAS_NAME_LENGTH)
                .pattern("aliasName", aliasName, Wire.ALIAS_NAME);
    }
}
