package io.tarn.kms.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.api.shapes.GrantShapes.CreateGrantInput;
import io.tarn.kms.api.shapes.GrantShapes.CreateGrantOutput;
import io.tarn.kms.api.shapes.GrantShapes.ListGrantsInput;
import io.tarn.kms.api.shapes.GrantShapes.ListGrantsOutput;
import io.tarn.kms.api.shapes.GrantShapes.ListRetirableGrantsInput;
import io.tarn.kms.api.shapes.GrantShapes.RetireGrantInput;
import io.tarn.kms.api.shapes.GrantShapes.RevokeGrantInput;
import io.tarn.kms.engine.CryptoEngine;
import io.tarn.kms.engine.GrantRegistry;
import io.tarn.kms.engine.KeyRing;
import io.tarn.kms.engine.Page;
import io.tarn.kms.model.GrantMeta;

/** CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant. */
public final class GrantOperations {

    private final GrantRegistry grants;
    private final KeyRing keys;
    private final Markers markers;

    public GrantOperations(GrantRegistry grants, KeyRing keys, Markers markers) {
        this.markers = markers;
        this.grants = grants;
        this.keys = keys;
    }

    public CreateGrantOutput createGrant(RequestContext ctx, CreateGrantInput in) {
        Validation v = Wire.keyId(Validation.of(), "keyId", in.keyId())
                .notNull("granteePrincipal", in.granteePrincipal())
                .length("granteePrincipal", in.granteePrincipal(), 1, 256)
                .pattern("granteePrincipal", in.granteePrincipal(), Wire.PRINCIPAL)
                .length("retiringPrincipal", in.retiringPrincipal(), 1, 256)
                .pattern("retiringPrincipal", in.retiringPrincipal(), Wire.PRINCIPAL)
                .notNull("operations", in.operations())
                .allOf("operations", in.operations(), WireEnums.GRANT_OPERATION)
                .length("name", in.name(), 1, 256)
                .pattern("name", in.name(), Wire.GRANT_NAME);
        Wire.grantTokens(v, in.grantTokens()).check();
        grants.checkTokens(in.grantTokens());
        if (Wire.isTrue(in.dryRun())) {
            KeyRing.requireEnabled(keys.resolve(ctx.namespace(), in.keyId(), KeyRing.Access.CROSS_ACCOUNT));
            throw CryptoEngine.dryRunSucceeded();
        }
        GrantRegistry.Created created = grants.create(ctx.namespace(), in.keyId(), in.granteePrincipal(),
                in.retiringPrincipal(), in.operations(),
                in.constraints() == null ? null : in.constraints().encryptionContextSubset(),
                in.constraints() == null ? null : in.constraints().encryptionContextEquals(), in.name());
        return new CreateGrantOutput(created.grantToken(), created.grantId());
    }

    public ListGrantsOutput listGrants(RequestContext ctx, ListGrantsInput in) {
        Wire.paging(Wire.keyId(Validation.of(), "keyId", in.keyId()), in.limit(), in.marker(), KmsLimits.Page.GRANTS)
                .length("grantId", in.grantId(), 1, 128)
                .length("granteePrincipal", in.granteePrincipal(), 1, 256)
                .pattern("granteePrincipal", in.granteePrincipal(), Wire.PRINCIPAL)
                .check();
        String scope = Markers.scope(ctx, "ListGrants", in.keyId(), in.grantId(), in.granteePrincipal());
        Page<GrantMeta> page = grants.list(ctx.namespace(), in.keyId(), in.grantId(), in.granteePrincipal(),
                markers.open(scope, in.marker()), Wire.limit(in.limit(), KmsLimits.Page.GRANTS));
        return new ListGrantsOutput(page.items().stream().map(Wire::grant).toList(), markers.issue(scope, page.nextMarker()),
                page.truncated());
    }

    public ListGrantsOutput listRetirableGrants(RequestContext ctx, ListRetirableGrantsInput in) {
        Wire.paging(Validation.of(), in.limit(), in.marker(), KmsLimits.Page.GRANTS)
                .notNull("retiringPrincipal", in.retiringPrincipal())
                .length("retiringPrincipal", in.retiringPrincipal(), 1, 256)
                .pattern("retiringPrincipal", in.retiringPrincipal(), Wire.PRINCIPAL)
                .check();
        String scope = Markers.scope(ctx, "ListRetirableGrants", in.retiringPrincipal());
        Page<GrantMeta> page = grants.listRetirable(ctx.namespace(), in.retiringPrincipal(), markers.open(scope, in.marker()),
                Wire.limit(in.limit(), KmsLimits.Page.GRANTS));
        return new ListGrantsOutput(page.items().stream().map(Wire::grant).toList(), markers.issue(scope, page.nextMarker()),
                page.truncated());
    }

    public Void retireGrant(RequestContext ctx, RetireGrantInput in) {
        Validation.of().length("grantToken", in.grantToken(), 1, KmsLimits.MAX_GRANT_TOKEN_LENGTH)
                .length("keyId", in.keyId(), 1, KmsLimits.MAX_KEY_ID_LENGTH)
                .length("grantId", in.grantId(), 1, 128)
                .check();
        if (Wire.isTrue(in.dryRun())) {
            throw CryptoEngine.dryRunSucceeded();
        }
        grants.retire(ctx.namespace(), in.grantToken(), in.keyId(), in.grantId());
        return null;
    }

    public Void revokeGrant(RequestContext ctx, RevokeGrantInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId())
                .notNull("grantId", in.grantId())
                .length("grantId", in.grantId(), 1, 128)
                .check();
        if (Wire.isTrue(in.dryRun())) {
            throw CryptoEngine.dryRunSucceeded();
        }
        grants.revoke(ctx.namespace(), in.keyId(), in.grantId());
        return null;
    }
}
