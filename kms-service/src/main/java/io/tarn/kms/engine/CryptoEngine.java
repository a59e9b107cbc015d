package io.tarn.kms.engine;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.kms.KmsErrors;
import io.tarn.kms.model.KeyMeta;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;
import java.util.Map;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.jspecify.annotations.Nullable;

/**
 * KMS's cryptographic operations, for real: AES-256-GCM envelopes for symmetric keys, RSAES-OAEP,
 * RSASSA-PSS / PKCS#1 v1.5 and ECDSA signatures, HMAC. Every use of a key lands in the
 * {@link KeyUsageLog}. Also the {@link KeyServicePort} the other services use for SSE-KMS.
 */
public final class CryptoEngine implements KeyServicePort {

    /** Who uses a key, where, and whether the call is a dry run. */
    public record KeyUse(Namespace namespace, String principal, boolean dryRun) {

        public static KeyUse of(Namespace namespace, String principal) {
            return new KeyUse(namespace, principal, false);
        }
    }

    public record Encrypted(String keyArn, byte[] ciphertextBlob, String algorithm) {}

    public record Decrypted(KeyMeta key, byte[] plaintext, String algorithm, @Nullable String materialId) {}

    public record ReEncrypted(KeyMeta source, KeyMeta destination, byte[] ciphertextBlob, String sourceAlgorithm,
            String destinationAlgorithm, @Nullable String sourceMaterialId, @Nullable String destinationMaterialId) {}

    public record DataKey(KeyMeta key, byte[] plaintext, byte[] ciphertextBlob, String materialId) {}

    public record DataKeyPair(KeyMeta key, String keyPairSpec, byte[] privateKeyPlaintext, byte[] privateKeyCiphertextBlob,
            byte[] publicKey, String materialId) {}

    public record Signed(KeyMeta key, byte[] signature, String algorithm) {}

    public record Macked(KeyMeta key, byte[] mac, String algorithm) {}

    private static final String SYMMETRIC_DEFAULT = KeySpecs.SYMMETRIC_DEFAULT;

    private final KeyRing keys;
    private final KeyMaterialVault vault;
    private final KeyUsageLog usage;

    public CryptoEngine(KeyRing keys, KeyUsageLog usage) {
        this.keys = keys;
        this.vault = keys.vault();
        this.usage = usage;
    }

    // ---------------------------------------------------------------- encrypt / decrypt

    public Encrypted encrypt(KeyUse u, String keyRef, byte[] plaintext, @Nullable Map<String, String> context,
            @Nullable String algorithm) {
        KeyMeta key = usable(u, keyRef, "Encrypt", KeySpecs.ENCRYPT_DECRYPT);
        String alg = algorithm == null ? SYMMETRIC_DEFAULT : algorithm;
        byte[] blob = encryptWith(u, key, plaintext, context, alg);
        usage.record(key, "Encrypt", u.principal(), context);
        return new Encrypted(key.arn(), blob, alg);
    }

    public Decrypted decrypt(KeyUse u, byte[] blob, @Nullable Map<String, String> context, @Nullable String keyRef,
            @Nullable String algorithm) {
        Decrypted d = decryptWith(u, blob, context, keyRef, algorithm, "Decrypt");
        usage.record(d.key(), "Decrypt", u.principal(), context);
        return d;
    }

    public ReEncrypted reEncrypt(KeyUse u, byte[] blob, @Nullable Map<String, String> sourceContext, @Nullable String sourceKeyRef,
            @Nullable String sourceAlgorithm, String destinationKeyRef, @Nullable Map<String, String> destinationContext,
            @Nullable String destinationAlgorithm) {
        KeyMeta destination = usable(u, destinationKeyRef, "ReEncrypt", KeySpecs.ENCRYPT_DECRYPT);
        String dstAlg = destinationAlgorithm == null ? SYMMETRIC_DEFAULT : destinationAlgorithm;
        checkAlgorithm(destination, dstAlg);
        Decrypted source = decryptWith(new KeyUse(u.namespace(), u.principal(), false), blob, sourceContext, sourceKeyRef,
                sourceAlgorithm, "ReEncrypt");
        byte[] out = encryptWith(u, destination, source.plaintext(), destinationContext, dstAlg);
        usage.record(source.key(), "ReEncrypt", u.principal(), sourceContext);
        if (!destination.keyId().equals(source.key().keyId())) {
            usage.record(destination, "ReEncrypt", u.principal(), destinationContext);
        }
        return new ReEncrypted(source.key(), destination, out, source.algorithm(), dstAlg, source.materialId(),
                destination.symmetric() ? destination.currentMaterialId() : null);
    }

    private byte[] encryptWith(KeyUse u, KeyMeta key, byte[] plaintext, @Nullable Map<String, String> context, String alg) {
        checkAlgorithm(key, alg);
        if (key.symmetric()) {
            dryRun(u);
            return Envelope.seal(key.keyId(), vault.current(key), plaintext, context);
        }
        noContext(context);
        int max = KeySpecs.maxOaepPlaintext(key.keySpec(), alg);
        if (plaintext.length > max) {
            throw KmsErrors.VALIDATION.exception("Algorithm %s and key spec %s cannot encrypt data larger than %d bytes.",
                    alg, key.keySpec(), max);
        }
        dryRun(u);
        try {
            Cipher c = oaep();
            c.init(Cipher.ENCRYPT_MODE, vault.current(key).publicKey(), oaepParams(alg));
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP encryption failed", e);
        }
    }

    private Decrypted decryptWith(KeyUse u, byte[] blob, @Nullable Map<String, String> context, @Nullable String keyRef,
            @Nullable String algorithm, String operation) {
        String alg = algorithm == null ? SYMMETRIC_DEFAULT : algorithm;
        Envelope.Header header = Envelope.header(blob);
        KeyMeta key;
        if (keyRef != null) {
            key = keys.resolve(u.namespace(), keyRef, KeyRing.Access.USE);
            if (key.symmetric()) {
                if (header == null) {
                    throw Envelope.invalidCiphertext();
                }
                if (!header.keyId().equals(key.keyId())) {
                    throw KmsErrors.INCORRECT_KEY.exception(
                            "The key ID in the request does not identify a KMS key that can perform this operation.");
                }
            }
        } else {
            if (header == null) {
                throw Envelope.invalidCiphertext();
            }
            key = keys.find(u.namespace(), header.keyId());
            if (key == null) {
                throw KeyRing.notFound(u.namespace(), header.keyId());
            }
        }
        KeyRing.requireEnabled(key);
        requireUsage(key, KeySpecs.ENCRYPT_DECRYPT, operation);
        checkAlgorithm(key, alg);
        if (key.symmetric()) {
            Material m = vault.load(key, header.materialVersion());
            if (m == null) {
                throw Envelope.invalidCiphertext();
            }
            dryRun(u);
            return new Decrypted(key, Envelope.open(blob, m, context), alg, m.materialId);
        }
        noContext(context);
        dryRun(u);
        try {
            Cipher c = oaep();
            c.init(Cipher.DECRYPT_MODE, vault.current(key).privateKey(), oaepParams(alg));
            return new Decrypted(key, c.doFinal(blob), alg, null);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw Envelope.invalidCiphertext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP decryption failed", e);
        }
    }

    // ---------------------------------------------------------------- data keys

    /**
     * GenerateDataKey(WithoutPlaintext): {@code numberOfBytes}, else 16 for AES_128 and 32 for
     * AES_256. The caller drops the plaintext for the WithoutPlaintext variant.
     */
    public DataKey generateDataKey(KeyUse u, String keyRef, @Nullable Map<String, String> context,
            @Nullable Integer numberOfBytes, @Nullable String keySpec, String operation) {
        KeyMeta key = usable(u, keyRef, operation, KeySpecs.ENCRYPT_DECRYPT);
        requireSymmetric(key, operation);
        int n = numberOfBytes != null ? numberOfBytes : "AES_128".equals(keySpec) ? 16 : 32;
        dryRun(u);
        byte[] plaintext = KeySpecs.randomBytes(n);
        Material m = vault.current(key);
        byte[] blob = Envelope.seal(key.keyId(), m, plaintext, context);
        usage.record(key, operation, u.principal(), context);
        return new DataKey(key, plaintext, blob, m.materialId);
    }

    public DataKeyPair generateDataKeyPair(KeyUse u, String keyRef, @Nullable Map<String, String> context, String pairSpec,
            String operation) {
        KeyMeta key = usable(u, keyRef, operation, KeySpecs.ENCRYPT_DECRYPT);
        requireSymmetric(key, operation);
        if ("SM2".equals(pairSpec) || "ECC_SECG_P256K1".equals(pairSpec)) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("KeyPairSpec %s is not supported by Tarn: %s.", pairSpec,
                    KeySpecs.unsupportedReason(pairSpec));
        }
        dryRun(u);
        KeyPair pair = KeySpecs.generateKeyPair(pairSpec);
        byte[] privateDer = pair.getPrivate().getEncoded();
        Material m = vault.current(key);
        byte[] blob = Envelope.seal(key.keyId(), m, privateDer, context);
        usage.record(key, operation, u.principal(), context);
        return new DataKeyPair(key, pairSpec, privateDer, blob, pair.getPublic().getEncoded(), m.materialId);
    }

    public byte[] generateRandom(int numberOfBytes) {
        return KeySpecs.randomBytes(numberOfBytes);
    }

    // ---------------------------------------------------------------- signatures

    public Signed sign(KeyUse u, String keyRef, byte[] message, @Nullable String messageType, String algorithm) {
        KeyMeta key = usable(u, keyRef, "Sign", KeySpecs.SIGN_VERIFY);
        boolean digest = checkSigning(key, message, messageType, algorithm);
        dryRun(u);
        byte[] signature;
        try {
            signature = Signatures.sign(vault.current(key).privateKey(), algorithm, message, digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + algorithm + " failed", e);
        }
        usage.record(key, "Sign", u.principal(), null);
        return new Signed(key, signature, algorithm);
    }

    /** Verify: true, or KMSInvalidSignatureException as AWS answers a signature that does not verify. */
    public KeyMeta verify(KeyUse u, String keyRef, byte[] message, @Nullable String messageType, byte[] signature,
            String algorithm) {
        KeyMeta key = usable(u, keyRef, "Verify", KeySpecs.SIGN_VERIFY);
        boolean digest = checkSigning(key, message, messageType, algorithm);
        dryRun(u);
        boolean valid = Signatures.verify(vault.current(key).publicKey(), algorithm, message, digest, signature);
        usage.record(key, "Verify", u.principal(), null);
        if (!valid) {
            throw KmsErrors.INVALID_SIGNATURE.exception("The signature verification failed.");
        }
        return key;
    }

    private static boolean checkSigning(KeyMeta key, byte[] message, @Nullable String messageType, String algorithm) {
        List<String> valid = KeySpecs.signingAlgorithms(key.keyUsage(), key.keySpec());
        if (!valid.contains(algorithm)) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("Algorithm %s is incompatible with key spec %s. Valid algorithms: %s",
                    algorithm, key.keySpec(), valid);
        }
        boolean digest = "DIGEST".equals(messageType);
        if ("EXTERNAL_MU".equals(messageType)) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("MessageType EXTERNAL_MU is only valid for ML-DSA keys.");
        }
        if (digest && message.length != Signatures.hashLength(algorithm)) {
            throw KmsErrors.VALIDATION.exception("Digest is invalid length for algorithm %s.", algorithm);
        }
        return digest;
    }

    /** GetPublicKey: the DER SubjectPublicKeyInfo of an asymmetric key. */
    public KeyMeta publicKey(KeyUse u, String keyRef) {
        KeyMeta key = keys.resolve(u.namespace(), keyRef, KeyRing.Access.ANY_REFERENCE);
        KeyRing.requireEnabled(key);
        if (key.publicKey() == null) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("%s key spec %s is not an asymmetric key spec: only RSA and ECC"
                    + " KMS keys have a public key.", key.arn(), key.keySpec());
        }
        usage.record(key, "GetPublicKey", u.principal(), null);
        return key;
    }

    // ---------------------------------------------------------------- MACs

    public Macked generateMac(KeyUse u, String keyRef, byte[] message, String algorithm) {
        KeyMeta key = usable(u, keyRef, "GenerateMac", KeySpecs.GENERATE_VERIFY_MAC);
        checkMac(key, algorithm);
        dryRun(u);
        byte[] mac = mac(key, message);
        usage.record(key, "GenerateMac", u.principal(), null);
        return new Macked(key, mac, algorithm);
    }

    public KeyMeta verifyMac(KeyUse u, String keyRef, byte[] message, String algorithm, byte[] expected) {
        KeyMeta key = usable(u, keyRef, "VerifyMac", KeySpecs.GENERATE_VERIFY_MAC);
        checkMac(key, algorithm);
        dryRun(u);
        byte[] mac = mac(key, message);
        usage.record(key, "VerifyMac", u.principal(), null);
        if (!java.security.MessageDigest.isEqual(mac, expected)) {
            throw KmsErrors.INVALID_MAC.exception("The MAC verification failed.");
        }
        return key;
    }

    private byte[] mac(KeyMeta key, byte[] message) {
        Material m = vault.current(key);
        try {
            Mac mac = Mac.getInstance(m.secret().getAlgorithm());
            mac.init(m.secret());
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }

    private static void checkMac(KeyMeta key, String algorithm) {
        List<String> valid = KeySpecs.macAlgorithms(key.keyUsage(), key.keySpec());
        if (!valid.contains(algorithm)) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("Algorithm %s is incompatible with key spec %s.", algorithm, key.keySpec());
        }
    }

    // ---------------------------------------------------------------- KeyServicePort

    @Override
    public ResolvedKey resolve(Namespace namespace, String keyIdOrAlias) {
        KeyMeta key = keys.resolve(namespace, keyIdOrAlias, KeyRing.Access.USE);
        KeyRing.requireEnabled(key);
        return new ResolvedKey(key.keyId(), key.arn());
    }

    @Override
    public KeyServicePort.DataKey generateDataKey(Namespace namespace, String keyIdOrAlias, Map<String, String> encryptionContext,
            String principal) {
        DataKey dk = generateDataKey(KeyUse.of(namespace, principal), keyIdOrAlias, encryptionContext, null, "AES_256",
                "GenerateDataKey");
        return new KeyServicePort.DataKey(dk.key().keyId(), dk.key().arn(), dk.plaintext(), dk.ciphertextBlob());
    }

    @Override
    public byte[] decrypt(Namespace namespace, byte[] ciphertextBlob, Map<String, String> encryptionContext, String principal) {
        return decrypt(KeyUse.of(namespace, principal), ciphertextBlob, encryptionContext, null, null).plaintext();
    }

    // ---------------------------------------------------------------- rules

    /** Resolves a key for a cryptographic use: enabled, with the usage the operation needs. */
    private KeyMeta usable(KeyUse u, String keyRef, String operation, String keyUsage) {
        KeyMeta key = keys.resolve(u.namespace(), keyRef, KeyRing.Access.USE);
        KeyRing.requireEnabled(key);
        requireUsage(key, keyUsage, operation);
        return key;
    }

    private static void requireUsage(KeyMeta key, String keyUsage, String operation) {
        if (!keyUsage.equals(key.keyUsage())) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("%s key usage is %s which is not valid for %s.", key.arn(),
                    key.keyUsage(), operation);
        }
    }

    private static void requireSymmetric(KeyMeta key, String operation) {
        if (!key.symmetric()) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("%s key spec is %s which is not valid for %s: it needs a symmetric"
                    + " encryption KMS key.", key.arn(), key.keySpec(), operation);
        }
    }

    private static void checkAlgorithm(KeyMeta key, String alg) {
        List<String> valid = KeySpecs.encryptionAlgorithms(key.keyUsage(), key.keySpec());
        if (!valid.contains(alg)) {
            throw KmsErrors.INVALID_KEY_USAGE.exception("The encryption algorithm %s is not valid for %s with key spec %s."
                    + " Valid algorithms: %s", alg, key.arn(), key.keySpec(), valid);
        }
    }

    private static void noContext(@Nullable Map<String, String> context) {
        if (context != null && !context.isEmpty()) {
            throw KmsErrors.VALIDATION.exception(
                    "EncryptionContext is only supported with symmetric encryption KMS keys.");
        }
    }

    private static void dryRun(KeyUse u) {
        if (u.dryRun()) {
            throw dryRunSucceeded();
        }
    }

    public static AwsException dryRunSucceeded() {
        return KmsErrors.DRY_RUN_OPERATION.exception("The request would have succeeded, but the DryRun option is set.");
    }

    private static Cipher oaep() throws GeneralSecurityException {
        return Cipher.getInstance("RSA/ECB/OAEPPadding");
    }

    private static OAEPParameterSpec oaepParams(String alg) {
        return "RSAES_OAEP_SHA_1".equals(alg)
                ? new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT)
                : new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    }
}
