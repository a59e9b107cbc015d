package io.tarn.kms.engine;

import io.tarn.kms.KmsErrors;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What each key spec can do, per https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html:
 * its key usages, algorithms, and how its material is made.
 */
public final class KeySpecs {

    public static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
    public static final String ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";
    public static final String SIGN_VERIFY = "SIGN_VERIFY";
    public static final String GENERATE_VERIFY_MAC = "GENERATE_VERIFY_MAC";
    public static final String KEY_AGREEMENT = "KEY_AGREEMENT";

    public static final List<String> RSA_ENCRYPTION = List.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256");
    public static final List<String> RSA_SIGNING = List.of("RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384",
            "RSASSA_PSS_SHA_512", "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512");

    /** The key specs Tarn builds for KMS keys (CreateKey's KeySpec). */
    public static final List<String> BUILT = List.of(SYMMETRIC_DEFAULT, "RSA_2048", "RSA_3072", "RSA_4096",
            "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512");

    /** Key specs of the model that Tarn cannot build, with the reason. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "ECC_SECG_P256K1", "the JDK's SunEC provider no longer implements secp256k1",
            "SM2", "SM2 keys exist only in the China Regions",
            "ML_DSA_44", "ML-DSA keys need a post-quantum provider",
            "ML_DSA_65", "ML-DSA keys need a post-quantum provider",
            "ML_DSA_87", "ML-DSA keys need a post-quantum provider",
            "ECC_NIST_EDWARDS25519", "Ed25519 KMS keys (ED25519_PH_SHA_512) need a pre-hash variant the JDK lacks");

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySpecs() {}

    public static boolean isRsa(String spec) {
        return spec.startsWith("RSA_");
    }

    public static boolean isEcc(String spec) {
        return spec.startsWith("ECC_");
    }

    public static boolean isHmac(String spec) {
        return spec.startsWith("HMAC_");
    }

    public static @Nullable String unsupportedReason(String spec) {
        return UNSUPPORTED.get(spec);
    }

    /** Checks a KeyUsage/KeySpec pair as CreateKey does; returns the effective key usage. */
    public static String checkUsage(@Nullable String usage, String spec) {
        String reason = unsupportedReason(spec);
        if (reason != null) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception("KeySpec %s is not supported by Tarn: %s.", spec, reason);
        }
        if (KEY_AGREEMENT.equals(usage)) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception(
                    "KeyUsage KEY_AGREEMENT is not supported by Tarn (DeriveSharedSecret is not built).");
        }
        if (usage == null) {
            if (!SYMMETRIC_DEFAULT.equals(spec)) {
                throw KmsErrors.VALIDATION.exception(
                        "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
            }
            return ENCRYPT_DECRYPT;
        }
        boolean ok;
        if (SYMMETRIC_DEFAULT.equals(spec)) {
            ok = ENCRYPT_DECRYPT.equals(usage);
        } else if (isRsa(spec)) {
            ok = ENCRYPT_DECRYPT.equals(usage) || SIGN_VERIFY.equals(usage);
        } else if (isEcc(spec)) {
            ok = SIGN_VERIFY.equals(usage);
        } else {
            ok = GENERATE_VERIFY_MAC.equals(usage);
        }
        if (!ok) {
            throw KmsErrors.VALIDATION.exception("KeyUsage %s is not compatible with KeySpec %s", usage, spec);
        }
        return usage;
    }

    public static List<String> encryptionAlgorithms(String usage, String spec) {
        if (!ENCRYPT_DECRYPT.equals(usage)) {
            return List.of();
        }
        return SYMMETRIC_DEFAULT.equals(spec) ? List.of(SYMMETRIC_DEFAULT) : RSA_ENCRYPTION;
    }

    public static List<String> signingAlgorithms(String usage, String spec) {
        if (!SIGN_VERIFY.equals(usage)) {
            return List.of();
        }
        switch (spec) {
            case "ECC_NIST_P256":
            case "ECC_SECG_P256K1":
                return List.of("ECDSA_SHA_256");
            case "ECC_NIST_P384":
                return List.of("ECDSA_SHA_384");
            case "ECC_NIST_P521":
                return List.of("ECDSA_SHA_512");
            default:
                return RSA_SIGNING;
        }
    }

    public static List<String> macAlgorithms(String usage, String spec) {
        if (!GENERATE_VERIFY_MAC.equals(usage)) {
            return List.of();
        }
        return List.of("HMAC_SHA_" + spec.substring("HMAC_".length()));
    }

    /** RSA modulus size in bits. */
    static int rsaBits(String spec) {
        return Integer.parseInt(spec.substring("RSA_".length()));
    }

    /** The largest plaintext RSAES_OAEP can encrypt: k - 2*hLen - 2 (2048/SHA-256: 190 bytes). */
    static int maxOaepPlaintext(String spec, String algorithm) {
        int hashLen = "RSAES_OAEP_SHA_1".equals(algorithm) ? 20 : 32;
        return rsaBits(spec) / 8 - 2 * hashLen - 2;
    }

    static String curve(String spec) {
        switch (spec) {
            case "ECC_NIST_P256":
                return "secp256r1";
            case "ECC_NIST_P384":
                return "secp384r1";
            case "ECC_NIST_P521":
                return "secp521r1";
            default:
                throw new IllegalArgumentException("not an ECC spec: " + spec);
        }
    }

    /** HMAC key material length: the digest length. */
    static int hmacBytes(String spec) {
        return Integer.parseInt(spec.substring("HMAC_".length())) / 8;
    }

    static byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    /** A new key pair for an RSA or ECC spec (also data key pair specs, incl. ECC_NIST_EDWARDS25519). */
    static KeyPair generateKeyPair(String spec) {
        try {
            if (isRsa(spec)) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(rsaBits(spec), RSAKeyGenParameterSpec.F4), RANDOM);
                return g.generateKeyPair();
            }
            if ("ECC_NIST_EDWARDS25519".equals(spec)) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve(spec)), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + spec + " key pair", e);
        }
    }
}
