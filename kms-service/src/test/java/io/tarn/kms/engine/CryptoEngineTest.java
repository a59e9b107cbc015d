package io.tarn.kms.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.kms.model.KeyMeta;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CryptoEngineTest extends EngineFixture {

    private static final byte[] DATA = "attack at dawn".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> CONTEXT = Map.of("bucket", "b1", "key", "k/1");

    @Test
    void symmetricEncryptDecryptRoundTripWithContext() {
        KeyMeta key = symmetricKey();
        CryptoEngine.Encrypted e = crypto().encrypt(use(), key.keyId(), DATA, CONTEXT, null);
        assertThat(e.algorithm()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(e.keyArn()).isEqualTo(key.arn());
        assertThat(e.ciphertextBlob()).hasSize(DATA.length + Envelope.OVERHEAD);

        CryptoEngine.Decrypted d = crypto().decrypt(use(), e.ciphertextBlob(), Map.of("key", "k/1", "bucket", "b1"), null, null);
        assertThat(d.plaintext()).isEqualTo(DATA);
        assertThat(d.key().keyId()).isEqualTo(key.keyId());
        assertThat(d.materialId()).isEqualTo(key.currentMaterialId());
        // same key given explicitly, by alias too
        engine.aliases().create(NS, "alias/x", key.keyId());
        assertThat(crypto().decrypt(use(), e.ciphertextBlob(), CONTEXT, "alias/x", null).plaintext()).isEqualTo(DATA);
    }

    @Test
    void decryptRejectsWrongContextTamperingAndTheWrongKey() {
        KeyMeta key = symmetricKey();
        KeyMeta other = symmetricKey();
        byte[] blob = crypto().encrypt(use(), key.keyId(), DATA, CONTEXT, null).ciphertextBlob();

        assertAws(() -> crypto().decrypt(use(), blob, Map.of("bucket", "b1"), null, null), "InvalidCiphertextException");
        assertAws(() -> crypto().decrypt(use(), blob, null, null, null), "InvalidCiphertextException");
        for (int i : new int[] {0, 5, 18, 25, blob.length - 1}) {
            byte[] bad = blob.clone();
            bad[i] ^= 0x01;
            assertAws(() -> crypto().decrypt(use(), bad, CONTEXT, null, null), "InvalidCiphertextException", "NotFoundException");
        }
        assertAws(() -> crypto().decrypt(use(), new byte[] {1, 2, 3}, null, null, null), "InvalidCiphertextException");
        assertAws(() -> crypto().decrypt(use(), blob, CONTEXT, other.keyId(), null), "IncorrectKeyException");
    }

    private static void assertAws(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String... codes) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOf(io.tarn.core.error.AwsException.class)
                .satisfies(e -> assertThat(((io.tarn.core.error.AwsException) e).code()).isIn((Object[]) codes));
    }

    @Test
    void wrongKeyUsageAndAlgorithmsAreRefused() {
        KeyMeta signing = key("SIGN_VERIFY", "ECC_NIST_P256");
        assertAws(() -> crypto().encrypt(use(), signing.keyId(), DATA, null, null), "InvalidKeyUsageException");
        KeyMeta symmetric = symmetricKey();
        assertAws(() -> crypto().encrypt(use(), symmetric.keyId(), DATA, null, "RSAES_OAEP_SHA_256"), "InvalidKeyUsageException");
        assertAws(() -> crypto().sign(use(), symmetric.keyId(), DATA, null, "ECDSA_SHA_256"), "InvalidKeyUsageException");
        assertAws(() -> crypto().sign(use(), signing.keyId(), DATA, null, "ECDSA_SHA_384"), "InvalidKeyUsageException");
        assertAws(() -> crypto().generateMac(use(), symmetric.keyId(), DATA, "HMAC_SHA_256"), "InvalidKeyUsageException");
        KeyMeta rsa = key("ENCRYPT_DECRYPT", "RSA_2048");
        assertAws(() -> crypto().generateDataKey(use(), rsa.keyId(), null, 32, null, "GenerateDataKey"), "InvalidKeyUsageException");
    }

    @ParameterizedTest
    @CsvSource({"RSA_2048,RSAES_OAEP_SHA_1,214", "RSA_2048,RSAES_OAEP_SHA_256,190", "RSA_3072,RSAES_OAEP_SHA_256,318"})
    void rsaOaepRoundTripAndPlaintextLimit(String spec, String alg, int max) throws Exception {
        KeyMeta key = key("ENCRYPT_DECRYPT", spec);
        byte[] biggest = new byte[max];
        byte[] blob = crypto().encrypt(use(), key.keyId(), biggest, null, alg).ciphertextBlob();
        assertThat(blob).hasSize(KeySpecs.rsaBits(spec) / 8);
        assertThat(crypto().decrypt(use(), blob, null, key.keyId(), alg).plaintext()).isEqualTo(biggest);
        assertAws(() -> crypto().encrypt(use(), key.keyId(), new byte[max + 1], null, alg), "ValidationException");
        assertAws(() -> crypto().decrypt(use(), blob, null, null, alg), "InvalidCiphertextException");
        assertAws(() -> crypto().decrypt(use(), blob, null, key.keyId(), null), "InvalidKeyUsageException");

        // what a client encrypts offline with the public key decrypts in KMS
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(key.publicKey()));
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        boolean sha1 = alg.endsWith("SHA_1");
        c.init(Cipher.ENCRYPT_MODE, pub, new OAEPParameterSpec(sha1 ? "SHA-1" : "SHA-256", "MGF1",
                sha1 ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        assertThat(crypto().decrypt(use(), c.doFinal(DATA), null, key.arn(), alg).plaintext()).isEqualTo(DATA);
    }

    @Test
    void reEncryptMovesCiphertextBetweenKeysAndContexts() {
        KeyMeta a = symmetricKey();
        KeyMeta b = symmetricKey();
        byte[] blob = crypto().encrypt(use(), a.keyId(), DATA, CONTEXT, null).ciphertextBlob();
        CryptoEngine.ReEncrypted r = crypto().reEncrypt(use(), blob, CONTEXT, null, null, b.keyId(), Map.of("new", "ctx"), null);
        assertThat(r.source().keyId()).isEqualTo(a.keyId());
        assertThat(r.destination().keyId()).isEqualTo(b.keyId());
        assertThat(crypto().decrypt(use(), r.ciphertextBlob(), Map.of("new", "ctx"), null, null).plaintext()).isEqualTo(DATA);
        assertAws(() -> crypto().reEncrypt(use(), blob, Map.of(), null, null, b.keyId(), null, null), "InvalidCiphertextException");
    }

    @Test
    void dataKeysHaveTheRequestedSizeAndDecrypt() {
        KeyMeta key = symmetricKey();
        CryptoEngine.DataKey aes256 = crypto().generateDataKey(use(), key.keyId(), CONTEXT, null, "AES_256", "GenerateDataKey");
        assertThat(aes256.plaintext()).hasSize(32);
        assertThat(crypto().decrypt(use(), aes256.ciphertextBlob(), CONTEXT, null, null).plaintext()).isEqualTo(aes256.plaintext());
        assertThat(crypto().generateDataKey(use(), key.keyId(), null, null, "AES_128", "GenerateDataKey").plaintext()).hasSize(16);
        assertThat(crypto().generateDataKey(use(), key.keyId(), null, 1024, null, "GenerateDataKey").plaintext()).hasSize(1024);
        assertThat(crypto().generateRandom(7)).hasSize(7);
    }

    @ParameterizedTest
    @CsvSource({"RSA_2048,RSA", "ECC_NIST_P256,EC", "ECC_NIST_P384,EC", "ECC_NIST_EDWARDS25519,Ed25519"})
    void dataKeyPairsArePkcs8AndX509(String spec, String algorithm) throws Exception {
        KeyMeta key = symmetricKey();
        CryptoEngine.DataKeyPair pair = crypto().generateDataKeyPair(use(), key.keyId(), CONTEXT, spec, "GenerateDataKeyPair");
        KeyFactory f = KeyFactory.getInstance(algorithm);
        assertThat(f.generatePrivate(new PKCS8EncodedKeySpec(pair.privateKeyPlaintext()))).isNotNull();
        assertThat(f.generatePublic(new X509EncodedKeySpec(pair.publicKey()))).isNotNull();
        assertThat(crypto().decrypt(use(), pair.privateKeyCiphertextBlob(), CONTEXT, null, null).plaintext())
                .isEqualTo(pair.privateKeyPlaintext());
        assertAws(() -> crypto().generateDataKeyPair(use(), key.keyId(), null, "ECC_SECG_P256K1", "GenerateDataKeyPair"),
                "UnsupportedOperationException");
    }

    @ParameterizedTest
    @CsvSource({
        "RSA_2048,RSASSA_PSS_SHA_256", "RSA_2048,RSASSA_PSS_SHA_512", "RSA_3072,RSASSA_PSS_SHA_384",
        "RSA_2048,RSASSA_PKCS1_V1_5_SHA_256", "RSA_2048,RSASSA_PKCS1_V1_5_SHA_384", "RSA_2048,RSASSA_PKCS1_V1_5_SHA_512",
        "ECC_NIST_P256,ECDSA_SHA_256", "ECC_NIST_P384,ECDSA_SHA_384", "ECC_NIST_P521,ECDSA_SHA_512"})
    void signAndVerifyRawAndDigest(String spec, String alg) throws Exception {
        KeyMeta key = key("SIGN_VERIFY", spec);
        byte[] digest = MessageDigest.getInstance(Signatures.hash(alg)).digest(DATA);

        byte[] raw = crypto().sign(use(), key.keyId(), DATA, "RAW", alg).signature();
        byte[] pre = crypto().sign(use(), key.keyId(), digest, "DIGEST", alg).signature();
        // a RAW signature verifies as DIGEST of the same message and the other way round
        crypto().verify(use(), key.keyId(), DATA, null, pre, alg);
        crypto().verify(use(), key.keyId(), digest, "DIGEST", raw, alg);
        // and with the JDK alone, as a client holding the public key would
        assertThat(jdkVerify(key, alg, pre)).isTrue();

        byte[] bad = raw.clone();
        bad[bad.length / 2] ^= 0x10;
        assertAws(() -> crypto().verify(use(), key.keyId(), DATA, "RAW", bad, alg), "KMSInvalidSignatureException");
        assertAws(() -> crypto().verify(use(), key.keyId(), "other".getBytes(), "RAW", raw, alg), "KMSInvalidSignatureException");
        assertAws(() -> crypto().sign(use(), key.keyId(), new byte[5], "DIGEST", alg), "ValidationException");
    }

    private static boolean jdkVerify(KeyMeta key, String alg, byte[] signature) throws Exception {
        boolean rsa = key.keySpec().startsWith("RSA");
        PublicKey pub = KeyFactory.getInstance(rsa ? "RSA" : "EC").generatePublic(new X509EncodedKeySpec(key.publicKey()));
        String hash = Signatures.hash(alg);
        String bits = hash.substring(4);
        Signature s;
        if (alg.startsWith("RSASSA_PSS")) {
            s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), Signatures.hashLength(alg), 1));
        } else {
            s = Signature.getInstance("SHA" + bits + (rsa ? "withRSA" : "withECDSA"));
        }
        s.initVerify(pub);
        s.update(DATA);
        return s.verify(signature);
    }

    @Test
    void getPublicKeyOnlyForAsymmetricKeys() {
        KeyMeta rsa = key("SIGN_VERIFY", "RSA_2048");
        assertThat(crypto().publicKey(use(), rsa.keyId()).publicKey()).isEqualTo(rsa.publicKey());
        assertAws(() -> crypto().publicKey(use(), symmetricKey().keyId()), "UnsupportedOperationException");
    }

    @ParameterizedTest
    @CsvSource({"HMAC_224,HMAC_SHA_224", "HMAC_256,HMAC_SHA_256", "HMAC_384,HMAC_SHA_384", "HMAC_512,HMAC_SHA_512"})
    void macsGenerateAndVerify(String spec, String alg) {
        KeyMeta key = key("GENERATE_VERIFY_MAC", spec);
        byte[] mac = crypto().generateMac(use(), key.keyId(), DATA, alg).mac();
        assertThat(mac).hasSize(Integer.parseInt(spec.substring(5)) / 8);
        crypto().verifyMac(use(), key.keyId(), DATA, alg, mac);
        mac[0] ^= 1;
        assertAws(() -> crypto().verifyMac(use(), key.keyId(), DATA, alg, mac), "KMSInvalidMacException");
        String other = "HMAC_224".equals(spec) ? "HMAC_SHA_256" : "HMAC_SHA_224";
        assertAws(() -> crypto().generateMac(use(), key.keyId(), DATA, other), "InvalidKeyUsageException");
    }

    @Test
    void awsManagedKeyIsCreatedOnFirstUse() {
        CryptoEngine.Encrypted e = crypto().encrypt(use(), "alias/aws/s3", DATA, null, null);
        KeyMeta managed = keys().resolve(NS, "alias/aws/s3", KeyRing.Access.ANY_REFERENCE);
        assertThat(managed.keyManager()).isEqualTo("AWS");
        assertThat(managed.rotationEnabled()).isTrue();
        assertThat(managed.description()).contains("S3");
        assertThat(e.keyArn()).isEqualTo(managed.arn());
        assertThat(crypto().encrypt(use(), "alias/aws/s3", DATA, null, null).keyArn()).isEqualTo(managed.arn());
        assertThat(keys().policy(NS, managed.keyId(), "default")).contains("s3.us-east-1.amazonaws.com");
        assertAws(() -> rotation().rotateOnDemand(NS, managed.keyId()), "UnsupportedOperationException");
        // references that are not uses (ListAliases, CreateGrant...) do not create one
        assertAws(() -> keys().resolve(NS, "alias/aws/glue", KeyRing.Access.ANY_REFERENCE), "NotFoundException");
    }

    @Test
    void describingAnUnusedAwsAliasCreatesItsManagedKey() {
        // https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html: "If you use DescribeKey on a
        // predefined AWS alias [...] KMS creates an AWS managed key [...] and returns the KeyId and Arn of the new key"
        KeyMeta described = keys().resolve(NS, "alias/aws/glue", KeyRing.Access.USE);
        assertThat(described.keyManager()).isEqualTo("AWS");
        assertThat(described.description()).contains("Glue");
        assertThat(keys().resolve(NS, "arn:aws:kms:us-east-1:000000000000:alias/aws/glue", KeyRing.Access.USE))
                .isEqualTo(described);
        assertThat(engine.aliases().list(NS, null, null, 50).items()).singleElement()
                .satisfies(a -> assertThat(a.targetKeyId()).isEqualTo(described.keyId()));
        // the key is the one encryption then uses
        assertThat(crypto().encrypt(use(), "alias/aws/glue", DATA, null, null).keyArn()).isEqualTo(described.arn());
        assertThat(keys().list(NS, null, 10).items()).hasSize(1);
        // another account's AWS managed keys are not created by this one's calls
        assertAws(() -> keys().resolve(NS, "arn:aws:kms:us-east-1:111111111111:alias/aws/glue", KeyRing.Access.USE),
                "NotFoundException");
        assertThat(keys().list(new io.tarn.core.spi.Namespace("111111111111", "us-east-1"), null, 10).items()).isEmpty();
        // not an AWS alias: still NotFound
        assertAws(() -> keys().resolve(NS, "alias/glue", KeyRing.Access.USE), "NotFoundException");
    }

    @Test
    void keyServicePortServesOtherServices() {
        KeyServicePort port = crypto();
        KeyServicePort.ResolvedKey resolved = port.resolve(NS, "alias/aws/kinesis");
        assertThat(resolved.arn()).endsWith(resolved.keyId());
        KeyServicePort.DataKey dk = port.generateDataKey(NS, resolved.arn(), Map.of("aws:s3:arn", "arn:aws:s3:::b/k"), "s3.amazonaws.com");
        assertThat(dk.plaintext()).hasSize(32);
        assertThat(dk.keyId()).isEqualTo(resolved.keyId());
        assertThat(port.decrypt(NS, dk.ciphertextBlob(), Map.of("aws:s3:arn", "arn:aws:s3:::b/k"), "s3.amazonaws.com"))
                .isEqualTo(dk.plaintext());
        assertAws(() -> port.decrypt(NS, dk.ciphertextBlob(), Map.of(), "s3.amazonaws.com"), "InvalidCiphertextException");
        KeyMeta key = symmetricKey();
        keys().disable(NS, key.keyId());
        assertAws(() -> port.resolve(NS, key.keyId()), "DisabledException");
    }

    @Test
    void dryRunChecksEverythingButDoesNothing() {
        KeyMeta key = symmetricKey();
        CryptoEngine.KeyUse dry = new CryptoEngine.KeyUse(NS, PRINCIPAL, true);
        assertAws(() -> crypto().encrypt(dry, key.keyId(), DATA, null, null), "DryRunOperationException");
        assertThat(engine.usageLog().events(null, 10)).isEmpty();
    }
}
