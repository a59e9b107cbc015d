package io.tarn.kms.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.core.spi.RequestContext;
import io.tarn.kms.KmsErrors;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.api.shapes.CryptoShapes.DecryptInput;
import io.tarn.kms.api.shapes.CryptoShapes.DecryptOutput;
import io.tarn.kms.api.shapes.CryptoShapes.EncryptInput;
import io.tarn.kms.api.shapes.CryptoShapes.EncryptOutput;
import io.tarn.kms.api.shapes.CryptoShapes.GenerateDataKeyInput;
import io.tarn.kms.api.shapes.CryptoShapes.GenerateDataKeyOutput;
import io.tarn.kms.api.shapes.CryptoShapes.GenerateDataKeyPairInput;
import io.tarn.kms.api.shapes.CryptoShapes.GenerateDataKeyPairOutput;
import io.tarn.kms.api.shapes.CryptoShapes.GenerateMacInput;
import io.tarn.kms.api.shapes.CryptoShapes.GenerateMacOutput;
import io.tarn.kms.api.shapes.CryptoShapes.GenerateRandomInput;
import io.tarn.kms.api.shapes.CryptoShapes.GenerateRandomOutput;
import io.tarn.kms.api.shapes.CryptoShapes.GetPublicKeyOutput;
import io.tarn.kms.api.shapes.CryptoShapes.ReEncryptInput;
import io.tarn.kms.api.shapes.CryptoShapes.ReEncryptOutput;
import io.tarn.kms.api.shapes.CryptoShapes.SignInput;
import io.tarn.kms.api.shapes.CryptoShapes.SignOutput;
import io.tarn.kms.api.shapes.CryptoShapes.VerifyInput;
import io.tarn.kms.api.shapes.CryptoShapes.VerifyMacInput;
import io.tarn.kms.api.shapes.CryptoShapes.VerifyMacOutput;
import io.tarn.kms.api.shapes.CryptoShapes.VerifyOutput;
import io.tarn.kms.api.shapes.KeyShapes.KeyIdInput;
import io.tarn.kms.engine.CryptoEngine;
import io.tarn.kms.engine.CryptoEngine.KeyUse;
import io.tarn.kms.engine.GrantRegistry;
import io.tarn.kms.engine.KeySpecs;
import io.tarn.kms.model.KeyMeta;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The cryptographic operations: encryption, data keys, random bytes, signatures, MACs. */
public final class CryptoOperations {

    private final CryptoEngine crypto;
    private final GrantRegistry grants;

    public CryptoOperations(CryptoEngine crypto, GrantRegistry grants) {
        this.crypto = crypto;
        this.grants = grants;
    }

    public EncryptOutput encrypt(RequestContext ctx, EncryptInput in) {
        Validation v = Wire.keyId(Validation.of(), "keyId", in.keyId())
                .notNull("plaintext", in.plaintext())
                .blob("plaintext", in.plaintext(), 1, KmsLimits.MAX_PLAINTEXT_BYTES)
                .oneOf("encryptionAlgorithm", in.encryptionAlgorithm(), WireEnums.ENCRYPTION_ALGORITHM);
        checkTokens(v, in.grantTokens());
        CryptoEngine.Encrypted e = crypto.encrypt(use(ctx, in.dryRun()), in.keyId(), in.plaintext(), in.encryptionContext(),
                in.encryptionAlgorithm());
        return new EncryptOutput(e.ciphertextBlob(), e.keyArn(), e.algorithm());
    }

    public DecryptOutput decrypt(RequestContext ctx, DecryptInput in) {
        Validation v = Validation.of()
                .notNull("ciphertextBlob", in.ciphertextBlob())
                .blob("ciphertextBlob", in.ciphertextBlob(), 1, KmsLimits.MAX_CIPHERTEXT_BYTES)
                .length("keyId", in.keyId(), 1, KmsLimits.MAX_KEY_ID_LENGTH)
                .oneOf("encryptionAlgorithm", in.encryptionAlgorithm(), WireEnums.ENCRYPTION_ALGORITHM);
        checkTokens(v, in.grantTokens());
        noRecipient(in.recipient());
        CryptoEngine.Decrypted d = crypto.decrypt(use(ctx, in.dryRun()), in.ciphertextBlob(), in.encryptionContext(),
                in.keyId(), in.encryptionAlgorithm());
        return new DecryptOutput(d.key().arn(), d.plaintext(), d.algorithm(), d.materialId());
    }

    public ReEncryptOutput reEncrypt(RequestContext ctx, ReEncryptInput in) {
        Validation v = Validation.of()
                .notNull("ciphertextBlob", in.ciphertextBlob())
                .blob("ciphertextBlob", in.ciphertextBlob(), 1, KmsLimits.MAX_CIPHERTEXT_BYTES)
                .length("sourceKeyId", in.sourceKeyId(), 1, KmsLimits.MAX_KEY_ID_LENGTH)
                .oneOf("sourceEncryptionAlgorithm", in.sourceEncryptionAlgorithm(), WireEnums.ENCRYPTION_ALGORITHM)
                .oneOf("destinationEncryptionAlgorithm", in.destinationEncryptionAlgorithm(), WireEnums.ENCRYPTION_ALGORITHM);
        Wire.keyId(v, "destinationKeyId", in.destinationKeyId());
        checkTokens(v, in.grantTokens());
        CryptoEngine.ReEncrypted r = crypto.reEncrypt(use(ctx, in.dryRun()), in.ciphertextBlob(),
                in.sourceEncryptionContext(), in.sourceKeyId(), in.sourceEncryptionAlgorithm(), in.destinationKeyId(),
                in.destinationEncryptionContext(), in.destinationEncryptionAlgorithm());
        return new ReEncryptOutput(r.ciphertextBlob(), r.source().arn(), r.destination().arn(), r.sourceAlgorithm(),
                r.destinationAlgorithm(), r.sourceMaterialId(), r.destinationMaterialId());
    }

    public GenerateDataKeyOutput generateDataKey(RequestContext ctx, GenerateDataKeyInput in) {
        CryptoEngine.DataKey dk = dataKey(ctx, in, "GenerateDataKey");
        return new GenerateDataKeyOutput(dk.ciphertextBlob(), dk.plaintext(), dk.key().arn(), dk.materialId());
    }

    public GenerateDataKeyOutput generateDataKeyWithoutPlaintext(RequestContext ctx, GenerateDataKeyInput in) {
        CryptoEngine.DataKey dk = dataKey(ctx, in, "GenerateDataKeyWithoutPlaintext");
        return new GenerateDataKeyOutput(dk.ciphertextBlob(), null, dk.key().arn(), dk.materialId());
    }

    private CryptoEngine.DataKey dataKey(RequestContext ctx, GenerateDataKeyInput in, String operation) {
        Validation v = Wire.keyId(Validation.of(), "keyId", in.keyId())
                .range("numberOfBytes", in.numberOfBytes(), 1, KmsLimits.MAX_DATA_KEY_BYTES)
                .oneOf("keySpec", in.keySpec(), WireEnums.DATA_KEY_SPEC);
        checkTokens(v, in.grantTokens());
        noRecipient(in.recipient());
        if ((in.numberOfBytes() == null) == (in.keySpec() == null)) {
            throw KmsErrors.VALIDATION.exception("Please specify either number of bytes or key spec.");
        }
        return crypto.generateDataKey(use(ctx, in.dryRun()), in.keyId(), in.encryptionContext(), in.numberOfBytes(),
                in.keySpec(), operation);
    }

    public GenerateDataKeyPairOutput generateDataKeyPair(RequestContext ctx, GenerateDataKeyPairInput in) {
        CryptoEngine.DataKeyPair p = dataKeyPair(ctx, in, "GenerateDataKeyPair");
        return new GenerateDataKeyPairOutput(p.privateKeyCiphertextBlob(), p.privateKeyPlaintext(), p.publicKey(),
                p.key().arn(), p.keyPairSpec(), p.materialId());
    }

    public GenerateDataKeyPairOutput generateDataKeyPairWithoutPlaintext(RequestContext ctx, GenerateDataKeyPairInput in) {
        CryptoEngine.DataKeyPair p = dataKeyPair(ctx, in, "GenerateDataKeyPairWithoutPlaintext");
        return new GenerateDataKeyPairOutput(p.privateKeyCiphertextBlob(), null, p.publicKey(), p.key().arn(),
                p.keyPairSpec(), p.materialId());
    }

    private CryptoEngine.DataKeyPair dataKeyPair(RequestContext ctx, GenerateDataKeyPairInput in, String operation) {
        Validation v = Wire.keyId(Validation.of(), "keyId", in.keyId())
                .notNull("keyPairSpec", in.keyPairSpec())
                .oneOf("keyPairSpec", in.keyPairSpec(), WireEnums.DATA_KEY_PAIR_SPEC);
        checkTokens(v, in.grantTokens());
        noRecipient(in.recipient());
        return crypto.generateDataKeyPair(use(ctx, in.dryRun()), in.keyId(), in.encryptionContext(), in.keyPairSpec(),
                operation);
    }

    public GenerateRandomOutput generateRandom(RequestContext ctx, GenerateRandomInput in) {
        Validation.of().range("numberOfBytes", in.numberOfBytes(), 1, KmsLimits.MAX_DATA_KEY_BYTES)
                .length("customKeyStoreId", in.customKeyStoreId(), 1, 64).check();
        noRecipient(in.recipient());
        if (in.customKeyStoreId() != null) {
            throw KmsErrors.CUSTOM_KEY_STORE_NOT_FOUND.exception("Custom key store %s does not exist: Tarn does not build "
                    + "custom key stores.", in.customKeyStoreId());
        }
        if (in.numberOfBytes() == null) {
            throw KmsErrors.VALIDATION.exception("NumberOfBytes is required.");
        }
        return new GenerateRandomOutput(crypto.generateRandom(in.numberOfBytes()));
    }

    public SignOutput sign(RequestContext ctx, SignInput in) {
        Validation v = Wire.keyId(Validation.of(), "keyId", in.keyId())
                .notNull("message", in.message())
                .blob("message", in.message(), 1, KmsLimits.MAX_PLAINTEXT_BYTES)
                .oneOf("messageType", in.messageType(), WireEnums.MESSAGE_TYPE)
                .notNull("signingAlgorithm", in.signingAlgorithm())
                .oneOf("signingAlgorithm", in.signingAlgorithm(), WireEnums.SIGNING_ALGORITHM);
        checkTokens(v, in.grantTokens());
        CryptoEngine.Signed s = crypto.sign(use(ctx, in.dryRun()), in.keyId(), in.message(), in.messageType(),
                in.signingAlgorithm());
        return new SignOutput(s.key().arn(), s.signature(), s.algorithm());
    }

    public VerifyOutput verify(RequestContext ctx, VerifyInput in) {
        Validation v = Wire.keyId(Validation.of(), "keyId", in.keyId())
                .notNull("message", in.message())
                .blob("message", in.message(), 1, KmsLimits.MAX_PLAINTEXT_BYTES)
                .oneOf("messageType", in.messageType(), WireEnums.MESSAGE_TYPE)
                .notNull("signature", in.signature())
                .blob("signature", in.signature(), 1, KmsLimits.MAX_CIPHERTEXT_BYTES)
                .notNull("signingAlgorithm", in.signingAlgorithm())
                .oneOf("signingAlgorithm", in.signingAlgorithm(), WireEnums.SIGNING_ALGORITHM);
        checkTokens(v, in.grantTokens());
        KeyMeta key = crypto.verify(use(ctx, in.dryRun()), in.keyId(), in.message(), in.messageType(), in.signature(),
                in.signingAlgorithm());
        return new VerifyOutput(key.arn(), true, in.signingAlgorithm());
    }

    public GetPublicKeyOutput getPublicKey(RequestContext ctx, KeyIdInput in) {
        checkTokens(Wire.keyId(Validation.of(), "keyId", in.keyId()), in.grantTokens());
        KeyMeta key = crypto.publicKey(use(ctx, null), in.keyId());
        List<String> enc = KeySpecs.encryptionAlgorithms(key.keyUsage(), key.keySpec());
        List<String> sig = KeySpecs.signingAlgorithms(key.keyUsage(), key.keySpec());
        return new GetPublicKeyOutput(key.arn(), key.publicKey(), key.keySpec(), key.keySpec(), key.keyUsage(),
                enc.isEmpty() ? null : enc, sig.isEmpty() ? null : sig);
    }

    public GenerateMacOutput generateMac(RequestContext ctx, GenerateMacInput in) {
        Validation v = Wire.keyId(Validation.of(), "keyId", in.keyId())
                .notNull("message", in.message())
                .blob("message", in.message(), 1, KmsLimits.MAX_PLAINTEXT_BYTES)
                .notNull("macAlgorithm", in.macAlgorithm())
                .oneOf("macAlgorithm", in.macAlgorithm(), WireEnums.MAC_ALGORITHM);
        checkTokens(v, in.grantTokens());
        CryptoEngine.Macked m = crypto.generateMac(use(ctx, in.dryRun()), in.keyId(), in.message(), in.macAlgorithm());
        return new GenerateMacOutput(m.mac(), m.algorithm(), m.key().arn());
    }

    public VerifyMacOutput verifyMac(RequestContext ctx, VerifyMacInput in) {
        Validation v = Wire.keyId(Validation.of(), "keyId", in.keyId())
                .notNull("message", in.message())
                .blob("message", in.message(), 1, KmsLimits.MAX_PLAINTEXT_BYTES)
                .notNull("macAlgorithm", in.macAlgorithm())
                .oneOf("macAlgorithm", in.macAlgorithm(), WireEnums.MAC_ALGORITHM)
                .notNull("mac", in.mac())
                .blob("mac", in.mac(), 1, KmsLimits.MAX_CIPHERTEXT_BYTES);
        checkTokens(v, in.grantTokens());
        KeyMeta key = crypto.verifyMac(use(ctx, in.dryRun()), in.keyId(), in.message(), in.macAlgorithm(), in.mac());
        return new VerifyMacOutput(key.arn(), true, in.macAlgorithm());
    }

    private void checkTokens(Validation v, @Nullable List<String> tokens) {
        Wire.grantTokens(v, tokens).check();
        grants.checkTokens(tokens);
    }

    private static KeyUse use(RequestContext ctx, @Nullable Boolean dryRun) {
        return new KeyUse(ctx.namespace(), ctx.caller().arn(), Wire.isTrue(dryRun));
    }

    private static void noRecipient(@Nullable JsonNode recipient) {
        if (recipient != null && !recipient.isNull()) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception(
                    "Recipient (Nitro Enclaves attestation documents) is not supported by Tarn.");
        }
    }
}
