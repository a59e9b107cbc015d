package io.tarn.kms.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Wire shapes of the key operations (CreateKey, DescribeKey, ListKeys, state, policies, rotation). */
public final class KeyShapes {

    private KeyShapes() {}

    public record Tag(@JsonProperty("TagKey") @Nullable String tagKey, @JsonProperty("TagValue") @Nullable String tagValue) {}

    public record KeyMetadata(
            @JsonProperty("AWSAccountId") String awsAccountId,
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("Arn") String arn,
            @JsonProperty("CreationDate") Instant creationDate,
            @JsonProperty("Enabled") boolean enabled,
            @JsonProperty("Description") String description,
            @JsonProperty("KeyUsage") String keyUsage,
            @JsonProperty("KeyState") String keyState,
            @JsonProperty("DeletionDate") @Nullable Instant deletionDate,
            @JsonProperty("Origin") String origin,
            @JsonProperty("KeyManager") String keyManager,
            @JsonProperty("CustomerMasterKeySpec") String customerMasterKeySpec,
            @JsonProperty("KeySpec") String keySpec,
            @JsonProperty("EncryptionAlgorithms") @Nullable List<String> encryptionAlgorithms,
            @JsonProperty("SigningAlgorithms") @Nullable List<String> signingAlgorithms,
            @JsonProperty("MultiRegion") boolean multiRegion,
            @JsonProperty("PendingDeletionWindowInDays") @Nullable Integer pendingDeletionWindowInDays,
            @JsonProperty("MacAlgorithms") @Nullable List<String> macAlgorithms,
            @JsonProperty("CurrentKeyMaterialId") @Nullable String currentKeyMaterialId) {}

    public record CreateKeyInput(
            @JsonProperty("Policy") @Nullable String policy,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("KeyUsage") @Nullable String keyUsage,
            @JsonProperty("CustomerMasterKeySpec") @Nullable String customerMasterKeySpec,
            @JsonProperty("KeySpec") @Nullable String keySpec,
            @JsonProperty("Origin") @Nullable String origin,
            @JsonProperty("CustomKeyStoreId") @Nullable String customKeyStoreId,
            @JsonProperty("BypassPolicyLockoutSafetyCheck") @Nullable Boolean bypassPolicyLockoutSafetyCheck,
            @JsonProperty("Tags") @Nullable List<Tag> tags,
            @JsonProperty("MultiRegion") @Nullable Boolean multiRegion,
            @JsonProperty("XksKeyId") @Nullable String xksKeyId) {}

    /** CreateKey and DescribeKey answer the same shape. */
    public record KeyMetadataOutput(@JsonProperty("KeyMetadata") KeyMetadata keyMetadata) {}

    /** The input of every operation that names one key and nothing else (DescribeKey, EnableKey...). */
    public record KeyIdInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens) {}

    public record KeyIdOutput(@JsonProperty("KeyId") String keyId) {}

    public record ListKeysInput(@JsonProperty("Limit") @Nullable Integer limit, @JsonProperty("Marker") @Nullable String marker) {}

    public record KeyListEntry(@JsonProperty("KeyId") String keyId, @JsonProperty("KeyArn") String keyArn) {}

    public record ListKeysOutput(
            @JsonProperty("Keys") List<KeyListEntry> keys,
            @JsonProperty("NextMarker") @Nullable String nextMarker,
            @JsonProperty("Truncated") boolean truncated) {}

    public record ScheduleKeyDeletionInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("PendingWindowInDays") @Nullable Integer pendingWindowInDays) {}

    public record ScheduleKeyDeletionOutput(
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("DeletionDate") Instant deletionDate,
            @JsonProperty("KeyState") String keyState,
            @JsonProperty("PendingWindowInDays") int pendingWindowInDays) {}

    public record UpdateKeyDescriptionInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("Description") @Nullable String description) {}

    public record GetKeyPolicyInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("PolicyName") @Nullable String policyName) {}

    public record GetKeyPolicyOutput(@JsonProperty("Policy") String policy, @JsonProperty("PolicyName") String policyName) {}

    public record PutKeyPolicyInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("PolicyName") @Nullable String policyName,
            @JsonProperty("Policy") @Nullable String policy,
            @JsonProperty("BypassPolicyLockoutSafetyCheck") @Nullable Boolean bypassPolicyLockoutSafetyCheck) {}

    public record ListKeyPoliciesInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("Marker") @Nullable String marker) {}

    public record ListKeyPoliciesOutput(
            @JsonProperty("PolicyNames") List<String> policyNames,
            @JsonProperty("NextMarker") @Nullable String nextMarker,
            @JsonProperty("Truncated") boolean truncated) {}

    public record EnableKeyRotationInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("RotationPeriodInDays") @Nullable Integer rotationPeriodInDays) {}

    public record GetKeyRotationStatusOutput(
            @JsonProperty("KeyRotationEnabled") boolean keyRotationEnabled,
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("RotationPeriodInDays") @Nullable Integer rotationPeriodInDays,
            @JsonProperty("NextRotationDate") @Nullable Instant nextRotationDate) {}

    public record ListKeyRotationsInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("IncludeKeyMaterial") @Nullable String includeKeyMaterial,
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("Marker") @Nullable String marker) {}

    public record RotationsListEntry(
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("KeyMaterialId") String keyMaterialId,
            @JsonProperty("KeyMaterialState") String keyMaterialState,
            @JsonProperty("ExpirationModel") String expirationModel,
            @JsonProperty("RotationDate") @Nullable Instant rotationDate,
            @JsonProperty("RotationType") @Nullable String rotationType) {}

    public record ListKeyRotationsOutput(
            @JsonProperty("Rotations") List<RotationsListEntry> rotations,
            @JsonProperty("NextMarker") @Nullable String nextMarker,
            @JsonProperty("Truncated") boolean truncated) {}
}
