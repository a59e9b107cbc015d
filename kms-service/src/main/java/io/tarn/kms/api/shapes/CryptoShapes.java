package io.tarn.kms.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Wire shapes of the cryptographic operations. Blobs are byte arrays: base64 in JSON. */
public final class CryptoShapes {

    private CryptoShapes() {}

    public record EncryptInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("Plaintext") byte @Nullable [] plaintext,
            @JsonProperty("EncryptionContext") @Nullable Map<String, String> encryptionContext,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens,
            @JsonProperty("EncryptionAlgorithm") @Nullable String encryptionAlgorithm,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    public record EncryptOutput(
            @JsonProperty("CiphertextBlob") byte[] ciphertextBlob,
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("EncryptionAlgorithm") String encryptionAlgorithm) {}

    public record DecryptInput(
            @JsonProperty("CiphertextBlob") byte @Nullable [] ciphertextBlob,
            @JsonProperty("EncryptionContext") @Nullable Map<String, String> encryptionContext,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens,
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("EncryptionAlgorithm") @Nullable String encryptionAlgorithm,
            @JsonProperty("Recipient") @Nullable JsonNode recipient,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    public record DecryptOutput(
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("Plaintext") byte[] plaintext,
            @JsonProperty("EncryptionAlgorithm") String encryptionAlgorithm,
            @JsonProperty("KeyMaterialId") @Nullable String keyMaterialId) {}

    public record ReEncryptInput(
            @JsonProperty("CiphertextBlob") byte @Nullable [] ciphertextBlob,
            @JsonProperty("SourceEncryptionContext") @Nullable Map<String, String> sourceEncryptionContext,
            @JsonProperty("SourceKeyId") @Nullable String sourceKeyId,
            @JsonProperty("DestinationKeyId") @Nullable String destinationKeyId,
            @JsonProperty("DestinationEncryptionContext") @Nullable Map<String, String> destinationEncryptionContext,
            @JsonProperty("SourceEncryptionAlgorithm") @Nullable String sourceEncryptionAlgorithm,
            @JsonProperty("DestinationEncryptionAlgorithm") @Nullable String destinationEncryptionAlgorithm,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    public record ReEncryptOutput(
            @JsonProperty("CiphertextBlob") byte[] ciphertextBlob,
            @JsonProperty("SourceKeyId") String sourceKeyId,
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("SourceEncryptionAlgorithm") String sourceEncryptionAlgorithm,
            @JsonProperty("DestinationEncryptionAlgorithm") String destinationEncryptionAlgorithm,
            @JsonProperty("SourceKeyMaterialId") @Nullable String sourceKeyMaterialId,
            @JsonProperty("DestinationKeyMaterialId") @Nullable String destinationKeyMaterialId) {}

    /** GenerateDataKey and GenerateDataKeyWithoutPlaintext. */
    public record GenerateDataKeyInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("EncryptionContext") @Nullable Map<String, String> encryptionContext,
            @JsonProperty("NumberOfBytes") @Nullable Integer numberOfBytes,
            @JsonProperty("KeySpec") @Nullable String keySpec,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens,
            @JsonProperty("Recipient") @Nullable JsonNode recipient,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    /** Plaintext is absent from the WithoutPlaintext answer. */
    public record GenerateDataKeyOutput(
            @JsonProperty("CiphertextBlob") byte[] ciphertextBlob,
            @JsonProperty("Plaintext") byte @Nullable [] plaintext,
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("KeyMaterialId") @Nullable String keyMaterialId) {}

    /** GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext. */
    public record GenerateDataKeyPairInput(
            @JsonProperty("EncryptionContext") @Nullable Map<String, String> encryptionContext,
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("KeyPairSpec") @Nullable String keyPairSpec,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens,
            @JsonProperty("Recipient") @Nullable JsonNode recipient,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    public record GenerateDataKeyPairOutput(
            @JsonProperty("PrivateKeyCiphertextBlob") byte[] privateKeyCiphertextBlob,
            @JsonProperty("PrivateKeyPlaintext") byte @Nullable [] privateKeyPlaintext,
            @JsonProperty("PublicKey") byte[] publicKey,
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("KeyPairSpec") String keyPairSpec,
            @JsonProperty("KeyMaterialId") @Nullable String keyMaterialId) {}

    public record GenerateRandomInput(
            @JsonProperty("NumberOfBytes") @Nullable Integer numberOfBytes,
            @JsonProperty("CustomKeyStoreId") @Nullable String customKeyStoreId,
            @JsonProperty("Recipient") @Nullable JsonNode recipient) {}

    public record GenerateRandomOutput(@JsonProperty("Plaintext") byte[] plaintext) {}

    public record SignInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("Message") byte @Nullable [] message,
            @JsonProperty("MessageType") @Nullable String messageType,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens,
            @JsonProperty("SigningAlgorithm") @Nullable String signingAlgorithm,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    public record SignOutput(
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("Signature") byte[] signature,
            @JsonProperty("SigningAlgorithm") String signingAlgorithm) {}

    public record VerifyInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("Message") byte @Nullable [] message,
            @JsonProperty("MessageType") @Nullable String messageType,
            @JsonProperty("Signature") byte @Nullable [] signature,
            @JsonProperty("SigningAlgorithm") @Nullable String signingAlgorithm,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    public record VerifyOutput(
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("SignatureValid") boolean signatureValid,
            @JsonProperty("SigningAlgorithm") String signingAlgorithm) {}

    public record GetPublicKeyOutput(
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("PublicKey") byte[] publicKey,
            @JsonProperty("CustomerMasterKeySpec") String customerMasterKeySpec,
            @JsonProperty("KeySpec") String keySpec,
            @JsonProperty("KeyUsage") String keyUsage,
            @JsonProperty("EncryptionAlgorithms") @Nullable List<String> encryptionAlgorithms,
            @JsonProperty("SigningAlgorithms") @Nullable List<String> signingAlgorithms) {}

    public record GenerateMacInput(
            @JsonProperty("Message") byte @Nullable [] message,
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("MacAlgorithm") @Nullable String macAlgorithm,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    public record GenerateMacOutput(
            @JsonProperty("Mac") byte[] mac,
            @JsonProperty("MacAlgorithm") String macAlgorithm,
            @JsonProperty("KeyId") String keyId) {}

    public record VerifyMacInput(
            @JsonProperty("Message") byte @Nullable [] message,
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("MacAlgorithm") @Nullable String macAlgorithm,
            @JsonProperty("Mac") byte @Nullable [] mac,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    public record VerifyMacOutput(
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("MacValid") boolean macValid,
            @JsonProperty("MacAlgorithm") String macAlgorithm) {}
}
