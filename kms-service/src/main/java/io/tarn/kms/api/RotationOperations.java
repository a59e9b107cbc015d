package io.tarn.kms.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.api.shapes.KeyShapes.EnableKeyRotationInput;
import io.tarn.kms.api.shapes.KeyShapes.GetKeyRotationStatusOutput;
import io.tarn.kms.api.shapes.KeyShapes.KeyIdInput;
import io.tarn.kms.api.shapes.KeyShapes.KeyIdOutput;
import io.tarn.kms.api.shapes.KeyShapes.ListKeyRotationsInput;
import io.tarn.kms.api.shapes.KeyShapes.ListKeyRotationsOutput;
import io.tarn.kms.api.shapes.KeyShapes.RotationsListEntry;
import io.tarn.kms.engine.KeyRing;
import io.tarn.kms.engine.KeyRotation;
import io.tarn.kms.engine.Page;
import io.tarn.kms.model.KeyMaterial;
import io.tarn.kms.model.KeyMeta;
import java.util.List;

/** Key rotation: automatic (on the emulator clock) and on demand, and its listings. */
public final class RotationOperations {

    private final KeyRotation rotation;
    private final KeyRing keys;
    private final Markers markers;

    public RotationOperations(KeyRotation rotation, KeyRing keys, Markers markers) {
        this.markers = markers;
        this.rotation = rotation;
        this.keys = keys;
    }

    public Void enableKeyRotation(RequestContext ctx, EnableKeyRotationInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId())
                .range("rotationPeriodInDays", in.rotationPeriodInDays(), KmsLimits.MIN_ROTATION_PERIOD_DAYS,
                        KmsLimits.MAX_ROTATION_PERIOD_DAYS)
                .check();
        rotation.enable(ctx.namespace(), in.keyId(), in.rotationPeriodInDays());
        return null;
    }

    public Void disableKeyRotation(RequestContext ctx, KeyIdInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId()).check();
        rotation.disable(ctx.namespace(), in.keyId());
        return null;
    }

    public GetKeyRotationStatusOutput getKeyRotationStatus(RequestContext ctx, KeyIdInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId()).check();
        KeyMeta key = rotation.status(ctx.namespace(), in.keyId());
        boolean on = key.rotationEnabled();
        return new GetKeyRotationStatusOutput(on, key.arn(), on ? key.rotationPeriodInDays() : null,
                on ? key.nextRotationDate() : null);
    }

    public KeyIdOutput rotateKeyOnDemand(RequestContext ctx, KeyIdInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId()).check();
        return new KeyIdOutput(rotation.rotateOnDemand(ctx.namespace(), in.keyId()).keyId());
    }

    public ListKeyRotationsOutput listKeyRotations(RequestContext ctx, ListKeyRotationsInput in) {
        Wire.paging(Wire.keyId(Validation.of(), "keyId", in.keyId()), in.limit(), in.marker(), KmsLimits.Page.ROTATIONS)
                .oneOf("includeKeyMaterial", in.includeKeyMaterial(), WireEnums.INCLUDE_KEY_MATERIAL)
                .check();
        KeyMeta key = keys.resolve(ctx.namespace(), in.keyId(), KeyRing.Access.OWN_ACCOUNT);
        String scope = Markers.scope(ctx, "ListKeyRotations", key.keyId(), in.includeKeyMaterial());
        Page<KeyMaterial> page = rotation.rotations(ctx.namespace(), in.keyId(), "ALL_KEY_MATERIAL".equals(in.includeKeyMaterial()),
                markers.open(scope, in.marker()), Wire.limit(in.limit(), KmsLimits.Page.ROTATIONS));
        List<RotationsListEntry> entries = page.items().stream().map(m -> new RotationsListEntry(key.arn(), m.materialId(),
                m.version() == key.currentMaterialVersion() ? "CURRENT" : "NON_CURRENT", "KEY_MATERIAL_DOES_NOT_EXPIRE",
                m.rotationType() == null ? null : m.createdAt(), m.rotationType())).toList();
        return new ListKeyRotationsOutput(entries, markers.issue(scope, page.nextMarker()), page.truncated());
    }
}
