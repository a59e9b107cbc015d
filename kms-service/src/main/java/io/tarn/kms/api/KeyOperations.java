package io.tarn.kms.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kms.KmsErrors;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.api.shapes.KeyShapes.CreateKeyInput;
import io.tarn.kms.api.shapes.KeyShapes.GetKeyPolicyInput;
import io.tarn.kms.api.shapes.KeyShapes.GetKeyPolicyOutput;
import io.tarn.kms.api.shapes.KeyShapes.KeyIdInput;
import io.tarn.kms.api.shapes.KeyShapes.KeyIdOutput;
import io.tarn.kms.api.shapes.KeyShapes.KeyListEntry;
import io.tarn.kms.api.shapes.KeyShapes.KeyMetadataOutput;
import io.tarn.kms.api.shapes.KeyShapes.ListKeyPoliciesInput;
import io.tarn.kms.api.shapes.KeyShapes.ListKeyPoliciesOutput;
import io.tarn.kms.api.shapes.KeyShapes.ListKeysInput;
import io.tarn.kms.api.shapes.KeyShapes.ListKeysOutput;
import io.tarn.kms.api.shapes.KeyShapes.PutKeyPolicyInput;
import io.tarn.kms.api.shapes.KeyShapes.ScheduleKeyDeletionInput;
import io.tarn.kms.api.shapes.KeyShapes.ScheduleKeyDeletionOutput;
import io.tarn.kms.api.shapes.KeyShapes.Tag;
import io.tarn.kms.api.shapes.KeyShapes.UpdateKeyDescriptionInput;
import io.tarn.kms.engine.KeyRing;
import io.tarn.kms.engine.NewKey;
import io.tarn.kms.engine.Page;
import io.tarn.kms.model.KeyMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keys: CreateKey, DescribeKey, ListKeys, the state operations, descriptions and key policies. */
public final class KeyOperations {

    private final KeyRing keys;
    private final Markers markers;

    public KeyOperations(KeyRing keys, Markers markers) {
        this.markers = markers;
        this.keys = keys;
    }

    public KeyMetadataOutput createKey(RequestContext ctx, CreateKeyInput in) {
        Validation v = Validation.of()
                .length("policy", in.policy(), 1, 131072)
                .length("description", in.description(), 0, KmsLimits.MAX_DESCRIPTION_LENGTH)
                .oneOf("keyUsage", in.keyUsage(), WireEnums.KEY_USAGE)
                .oneOf("customerMasterKeySpec", in.customerMasterKeySpec(), WireEnums.CUSTOMER_MASTER_KEY_SPEC)
                .oneOf("keySpec", in.keySpec(), WireEnums.KEY_SPEC)
                .oneOf("origin", in.origin(), WireEnums.ORIGIN)
                .length("customKeyStoreId", in.customKeyStoreId(), 1, 64);
        Wire.tags(v, in.tags()).check();
        if (in.keySpec() != null && in.customerMasterKeySpec() != null) {
            throw KmsErrors.VALIDATION.exception("You cannot specify KeySpec and CustomerMasterKeySpec in the same request."
                    + " CustomerMasterKeySpec is deprecated.");
        }
        if (in.origin() != null && !"AWS_KMS".equals(in.origin())) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("Origin %s is not supported by Tarn: keys with imported key "
                    + "material, in CloudHSM or in an external key store are not built; use AWS_KMS.", in.origin());
        }
        if (in.customKeyStoreId() != null || in.xksKeyId() != null) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("Custom key stores are not supported by Tarn.");
        }
        if (Wire.isTrue(in.multiRegion())) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("Multi-Region keys (MultiRegion=true) are not supported by Tarn.");
        }
        checkPolicySize(in.policy());
        String spec = in.keySpec() != null ? in.keySpec()
                : in.customerMasterKeySpec() != null ? in.customerMasterKeySpec() : "SYMMETRIC_DEFAULT";
        KeyMeta key = keys.create(ctx.namespace(), new NewKey(in.description(), in.keyUsage(), spec, in.policy(), tagMap(in.tags())));
        return new KeyMetadataOutput(Wire.keyMetadata(key));
    }

    public KeyMetadataOutput describeKey(RequestContext ctx, KeyIdInput in) {
        Wire.grantTokens(Wire.keyId(Validation.of(), "keyId", in.keyId()), in.grantTokens()).check();
        // USE: DescribeKey of an unused alias/aws/<service> creates that AWS managed key, as in AWS.
        return new KeyMetadataOutput(Wire.keyMetadata(keys.resolve(ctx.namespace(), in.keyId(), KeyRing.Access.USE)));
    }

    public ListKeysOutput listKeys(RequestContext ctx, ListKeysInput in) {
        Wire.paging(Validation.of(), in.limit(), in.marker(), KmsLimits.Page.KEYS).check();
        String scope = Markers.scope(ctx, "ListKeys");
        Page<KeyMeta> page = keys.list(ctx.namespace(), markers.open(scope, in.marker()), Wire.limit(in.limit(), KmsLimits.Page.KEYS));
        List<KeyListEntry> entries = page.items().stream().map(k -> new KeyListEntry(k.keyId(), k.arn())).toList();
        return new ListKeysOutput(entries, markers.issue(scope, page.nextMarker()), page.truncated());
    }

    public Void enableKey(RequestContext ctx, KeyIdInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId()).check();
        keys.enable(ctx.namespace(), in.keyId());
        return null;
    }

    public Void disableKey(RequestContext ctx, KeyIdInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId()).check();
        keys.disable(ctx.namespace(), in.keyId());
        return null;
    }

    public ScheduleKeyDeletionOutput scheduleKeyDeletion(RequestContext ctx, ScheduleKeyDeletionInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId())
                .range("pendingWindowInDays", in.pendingWindowInDays(), KmsLimits.MIN_PENDING_WINDOW_DAYS,
                        KmsLimits.MAX_PENDING_WINDOW_DAYS)
                .check();
        int days = in.pendingWindowInDays() == null ? KmsLimits.DEFAULT_PENDING_WINDOW_DAYS : in.pendingWindowInDays();
        KeyMeta key = keys.scheduleDeletion(ctx.namespace(), in.keyId(), days);
        return new ScheduleKeyDeletionOutput(key.arn(), key.deletionDate(), key.keyState().name(), days);
    }

    public KeyIdOutput cancelKeyDeletion(RequestContext ctx, KeyIdInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId()).check();
        return new KeyIdOutput(keys.cancelDeletion(ctx.namespace(), in.keyId()).arn());
    }

    public Void updateKeyDescription(RequestContext ctx, UpdateKeyDescriptionInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId())
                .notNull("description", in.description())
                .length("description", in.description(), 0, KmsLimits.MAX_DESCRIPTION_LENGTH)
                .check();
        keys.updateDescription(ctx.namespace(), in.keyId(), in.description());
        return null;
    }

    public GetKeyPolicyOutput getKeyPolicy(RequestContext ctx, GetKeyPolicyInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId()).length("policyName", in.policyName(), 1, 128).check();
        String name = in.policyName() == null ? KeyRing.DEFAULT_POLICY_NAME : in.policyName();
        return new GetKeyPolicyOutput(keys.policy(ctx.namespace(), in.keyId(), name), name);
    }

    public Void putKeyPolicy(RequestContext ctx, PutKeyPolicyInput in) {
        Wire.keyId(Validation.of(), "keyId", in.keyId())
                .length("policyName", in.policyName(), 1, 128)
                .notNull("policy", in.policy())
                .length("policy", in.policy(), 1, 131072)
                .check();
        checkPolicySize(in.policy());
        String name = in.policyName() == null ? KeyRing.DEFAULT_POLICY_NAME : in.policyName();
        keys.putPolicy(ctx.namespace(), in.keyId(), name, in.policy());
        return null;
    }

    public ListKeyPoliciesOutput listKeyPolicies(RequestContext ctx, ListKeyPoliciesInput in) {
        Wire.paging(Wire.keyId(Validation.of(), "keyId", in.keyId()), in.limit(), in.marker(), KmsLimits.Page.POLICIES).check();
        keys.resolve(ctx.namespace(), in.keyId(), KeyRing.Access.OWN_ACCOUNT);
        return new ListKeyPoliciesOutput(List.of(KeyRing.DEFAULT_POLICY_NAME), null, false);
    }

    private static void checkPolicySize(String policy) {
        if (policy != null && policy.length() > KmsLimits.MAX_POLICY_LENGTH) {
            throw KmsErrors.LIMIT_EXCEEDED.exception("The key policy exceeds the %d-byte size quota of key policies.",
                    KmsLimits.MAX_POLICY_LENGTH);
        }
    }

    static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            for (Tag t : tags) {
                if (out.put(t.tagKey(), t.tagValue()) != null) {
                    throw KmsErrors.TAG.exception("Duplicate tag keys");
                }
            }
        }
        return out;
    }
}
