package io.tarn.kms.api;

import java.util.List;

/** The enums of the KMS model (botocore kms/2014-11-01), in the model's order. */
final class WireEnums {

    private WireEnums() {}

    static final List<String> KEY_USAGE = List.of("SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT");
    static final List<String> KEY_SPEC = List.of("RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384",
            "ECC_NIST_P521", "ECC_SECG_P256K1", "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2",
            "ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519");
    static final List<String> CUSTOMER_MASTER_KEY_SPEC = List.of("RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256",
            "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384",
            "HMAC_512", "SM2");
    static final List<String> ORIGIN = List.of("AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE");
    static final List<String> ENCRYPTION_ALGORITHM = List.of("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE");
    static final List<String> DATA_KEY_SPEC = List.of("AES_256", "AES_128");
    static final List<String> DATA_KEY_PAIR_SPEC = List.of("RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256",
            "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SM2", "ECC_NIST_EDWARDS25519");
    static final List<String> SIGNING_ALGORITHM = List.of("RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512",
            "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512", "ECDSA_SHA_256",
            "ECDSA_SHA_384", "ECDSA_SHA_512", "SM2DSA", "ML_DSA_SHAKE_256", "ED25519_SHA_512", "ED25519_PH_SHA_512");
    static final List<String> MESSAGE_TYPE = List.of("RAW", "DIGEST", "EXTERNAL_MU");
    static final List<String> MAC_ALGORITHM = List.of("HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512");
    static final List<String> GRANT_OPERATION = List.of("Decrypt", "Encrypt", "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "Sign", "Verify", "GetPublicKey", "CreateGrant",
            "RetireGrant", "DescribeKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateMac",
            "VerifyMac", "DeriveSharedSecret");
    static final List<String> INCLUDE_KEY_MATERIAL = List.of("ALL_KEY_MATERIAL", "ROTATIONS_ONLY");
}
