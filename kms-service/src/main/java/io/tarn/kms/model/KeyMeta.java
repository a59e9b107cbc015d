package io.tarn.kms.model;

import io.tarn.core.spi.Namespace;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A KMS key as persisted (never the wire shape). Key material lives apart, encrypted, in
 * {@link KeyMaterial} records; the public key of an asymmetric key is not secret and lives here.
 *
 * @param currentMaterialVersion the material version new ciphertexts use (1 = the original)
 * @param onDemandRotations RotateKeyOnDemand calls so far (AWS allows 25 per key)
 */
public record KeyMeta(
        int schemaVersion,
        String account,
        String region,
        String keyId,
        String arn,
        Instant creationDate,
        String description,
        String keyUsage,
        String keySpec,
        String origin,
        String keyManager,
        KeyState keyState,
        @Nullable Instant deletionDate,
        @Nullable Integer pendingWindowInDays,
        int currentMaterialVersion,
        @Nullable String currentMaterialId,
        byte @Nullable [] publicKey,
        boolean rotationEnabled,
        int rotationPeriodInDays,
        @Nullable Instant nextRotationDate,
        int onDemandRotations,
        Map<String, String> tags) {

    public static final int SCHEMA_VERSION = 1;
    public static final String CUSTOMER = "CUSTOMER";
    public static final String AWS = "AWS";

    public KeyMeta {
        tags = tags == null ? new LinkedHashMap<>() : new LinkedHashMap<>(tags);
    }

    public Namespace namespace() {
        return new Namespace(account, region);
    }

    public boolean enabled() {
        return keyState == KeyState.Enabled;
    }

    public boolean awsManaged() {
        return AWS.equals(keyManager);
    }

    public boolean symmetric() {
        return "SYMMETRIC_DEFAULT".equals(keySpec);
    }

    public KeyMeta withState(KeyState state, @Nullable Instant deletion, @Nullable Integer pendingDays) {
        return new KeyMeta(schemaVersion, account, region, keyId, arn, creationDate, description, keyUsage, keySpec,
                origin, keyManager, state, deletion, pendingDays, currentMaterialVersion, currentMaterialId,
                publicKey, rotationEnabled, rotationPeriodInDays, nextRotationDate, onDemandRotations, tags);
    }

    public KeyMeta withDescription(String newDescription) {
        return new KeyMeta(schemaVersion, account, region, keyId, arn, creationDate, newDescription, keyUsage, keySpec,
                origin, keyManager, keyState, deletionDate, pendingWindowInDays, currentMaterialVersion,
                currentMaterialId, publicKey, rotationEnabled, rotationPeriodInDays, nextRotationDate,
                onDemandRotations, tags);
    }

    public KeyMeta withTags(Map<String, String> newTags) {
        return new KeyMeta(schemaVersion, account, region, keyId, arn, creationDate, description, keyUsage, keySpec,
                origin, keyManager, keyState, deletionDate, pendingWindowInDays, currentMaterialVersion,
                currentMaterialId, publicKey, rotationEnabled, rotationPeriodInDays, nextRotationDate,
                onDemandRotations, newTags);
    }

    public KeyMeta withRotation(boolean enabled, int periodDays, @Nullable Instant next) {
        return new KeyMeta(schemaVersion, account, region, keyId, arn, creationDate, description, keyUsage, keySpec,
                origin, keyManager, keyState, deletionDate, pendingWindowInDays, currentMaterialVersion,
                currentMaterialId, publicKey, enabled, periodDays, next, onDemandRotations, tags);
    }

    public KeyMeta withMaterial(int version, String materialId, int onDemandCount) {
        return new KeyMeta(schemaVersion, account, region, keyId, arn, creationDate, description, keyUsage, keySpec,
                origin, keyManager, keyState, deletionDate, pendingWindowInDays, version, materialId, publicKey,
                rotationEnabled, rotationPeriodInDays, nextRotationDate, onDemandCount, tags);
    }
}
