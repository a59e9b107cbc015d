package io.tarn.it.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.TarnServerExtension;
import io.tarn.it.AdminCalls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.CreateGrantResponse;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.Tag;

/** KMS through the SDK v2 client (awsJson 1.1): every operation group, with AWS's error codes. */
@ExtendWith(TarnServerExtension.class)
class KmsIT {

    private static final SdkBytes SECRET = SdkBytes.fromString("attack at dawn", StandardCharsets.UTF_8);

    private static void assertKmsError(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KmsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(400);
        });
    }

    /** As {@link #assertKmsError(Runnable, String)}, with AWS's exact message (null where AWS sends none). */
    private static void assertKmsError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KmsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void keyLifecycle(KmsClient kms) {
        KeyMetadata key = kms.createKey(b -> b.description("lifecycle").tags(Tag.builder().tagKey("a").tagValue("1").build()))
                .keyMetadata();
        assertThat(key.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(key.arn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + key.keyId());
        assertThat(key.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(kms.listKeys().keys()).anySatisfy(k -> assertThat(k.keyId()).isEqualTo(key.keyId()));

        kms.updateKeyDescription(b -> b.keyId(key.keyId()).description("renamed"));
        assertThat(kms.describeKey(b -> b.keyId(key.arn())).keyMetadata().description()).isEqualTo("renamed");

        kms.disableKey(b -> b.keyId(key.keyId()));
        assertKmsError(() -> kms.encrypt(b -> b.keyId(key.keyId()).plaintext(SECRET)), "DisabledException", key.arn() + " is disabled.");
        kms.enableKey(b -> b.keyId(key.keyId()));

        assertThat(kms.scheduleKeyDeletion(b -> b.keyId(key.keyId()).pendingWindowInDays(7)).keyState())
                .isEqualTo(KeyState.PENDING_DELETION);
        assertKmsError(() -> kms.encrypt(b -> b.keyId(key.keyId()).plaintext(SECRET)), "KMSInvalidStateException",
                key.arn() + " is pending deletion.");
        kms.cancelKeyDeletion(b -> b.keyId(key.keyId()));
        assertThat(kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);

        assertKmsError(() -> kms.scheduleKeyDeletion(b -> b.keyId(key.keyId()).pendingWindowInDays(3)), "ValidationException");
        assertKmsError(() -> kms.describeKey(b -> b.keyId("00000000-0000-0000-0000-000000000000")), "NotFoundException",
                "Key 'arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000' does not exist");
    }

    @Test
    void scheduledDeletionHappensWhenTheClockPassesIt(KmsClient kms, URI endpoint) throws Exception {
        String keyId = kms.createKey(b -> b.description("doomed")).keyMetadata().keyId();
        kms.scheduleKeyDeletion(b -> b.keyId(keyId).pendingWindowInDays(7));
        assertThat(AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"P6D\"}").statusCode()).isEqualTo(200);
        assertThat(kms.describeKey(b -> b.keyId(keyId)).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_DELETION);
        AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"P2D\"}");
        assertKmsError(() -> kms.describeKey(b -> b.keyId(keyId)), "NotFoundException");
    }

    @Test
    void envelopeEncryption(KmsClient kms) {
        String keyId = kms.createKey(b -> b.description("envelope")).keyMetadata().keyId();
        Map<String, String> context = Map.of("bucket", "reports", "key", "2026/11/report.csv");

        EncryptResponse enc = kms.encrypt(b -> b.keyId(keyId).plaintext(SECRET).encryptionContext(context));
        DecryptResponse dec = kms.decrypt(b -> b.ciphertextBlob(enc.ciphertextBlob()).encryptionContext(context));
        assertThat(dec.plaintext()).isEqualTo(SECRET);
        assertThat(dec.keyId()).endsWith(keyId);
        // AWS sends this code with no message at all
        assertKmsError(() -> kms.decrypt(b -> b.ciphertextBlob(enc.ciphertextBlob())), "InvalidCiphertextException", null);

        String other = kms.createKey(b -> {}).keyMetadata().keyId();
        assertKmsError(() -> kms.decrypt(b -> b.ciphertextBlob(enc.ciphertextBlob()).encryptionContext(context).keyId(other)),
                "IncorrectKeyException", "The key ID in the request does not identify a KMS key that can perform this operation.");
        SdkBytes reEncrypted = kms.reEncrypt(b -> b.ciphertextBlob(enc.ciphertextBlob()).sourceEncryptionContext(context)
                .destinationKeyId(other)).ciphertextBlob();
        assertThat(kms.decrypt(b -> b.ciphertextBlob(reEncrypted)).plaintext()).isEqualTo(SECRET);

        GenerateDataKeyResponse dk = kms.generateDataKey(b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256));
        assertThat(dk.plaintext().asByteArray()).hasSize(32);
        assertThat(kms.decrypt(b -> b.ciphertextBlob(dk.ciphertextBlob())).plaintext()).isEqualTo(dk.plaintext());
        SdkBytes withoutPlaintext = kms.generateDataKeyWithoutPlaintext(b -> b.keyId(keyId).numberOfBytes(64)).ciphertextBlob();
        assertThat(kms.decrypt(b -> b.ciphertextBlob(withoutPlaintext)).plaintext().asByteArray()).hasSize(64);

        assertThat(kms.generateRandom(b -> b.numberOfBytes(100)).plaintext().asByteArray()).hasSize(100);
        assertKmsError(() -> kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromUtf8String("not a ciphertext blob at all"))),
                "InvalidCiphertextException");
    }

    @Test
    void rotationKeepsOldCiphertextsReadable(KmsClient kms) {
        String keyId = kms.createKey(b -> {}).keyMetadata().keyId();
        SdkBytes before = kms.encrypt(b -> b.keyId(keyId).plaintext(SECRET)).ciphertextBlob();
        kms.enableKeyRotation(b -> b.keyId(keyId).rotationPeriodInDays(90));
        assertThat(kms.getKeyRotationStatus(b -> b.keyId(keyId)).keyRotationEnabled()).isTrue();
        kms.rotateKeyOnDemand(b -> b.keyId(keyId));
        assertThat(kms.listKeyRotations(b -> b.keyId(keyId)).rotations()).hasSize(1);
        SdkBytes after = kms.encrypt(b -> b.keyId(keyId).plaintext(SECRET)).ciphertextBlob();
        assertThat(kms.decrypt(b -> b.ciphertextBlob(before)).plaintext()).isEqualTo(SECRET);
        assertThat(kms.decrypt(b -> b.ciphertextBlob(after)).plaintext()).isEqualTo(SECRET);
    }

    @Test
    void asymmetricAndHmacKeys(KmsClient kms) throws Exception {
        String rsa = kms.createKey(b -> b.keyUsage(KeyUsageType.SIGN_VERIFY).keySpec(KeySpec.RSA_2048)).keyMetadata().keyId();
        SdkBytes message = SdkBytes.fromUtf8String("pay 10 EUR");
        SdkBytes signature = kms.sign(b -> b.keyId(rsa).message(message).signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256))
                .signature();
        assertThat(kms.verify(b -> b.keyId(rsa).message(message).signature(signature)
                .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)).signatureValid()).isTrue();
        assertKmsError(() -> kms.verify(b -> b.keyId(rsa).message(SdkBytes.fromUtf8String("pay 1000 EUR")).signature(signature)
                .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)), "KMSInvalidSignatureException");
        assertKmsError(() -> kms.encrypt(b -> b.keyId(rsa).plaintext(SECRET)), "InvalidKeyUsageException");

        // The public key verifies outside KMS too: the signature is real.
        byte[] der = kms.getPublicKey(b -> b.keyId(rsa)).publicKey().asByteArray();
        java.security.PublicKey pub = java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(der));
        java.security.Signature pss = java.security.Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        pss.initVerify(pub);
        pss.update(message.asByteArray());
        assertThat(pss.verify(signature.asByteArray())).isTrue();

        String ec = kms.createKey(b -> b.keyUsage(KeyUsageType.SIGN_VERIFY).keySpec(KeySpec.ECC_NIST_P384)).keyMetadata().keyId();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-384").digest(message.asByteArray());
        SdkBytes ecSig = kms.sign(b -> b.keyId(ec).message(SdkBytes.fromByteArray(digest)).messageType(MessageType.DIGEST)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_384)).signature();
        assertThat(kms.verify(b -> b.keyId(ec).message(message).signature(ecSig)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_384)).signatureValid()).isTrue();

        String rsaEnc = kms.createKey(b -> b.keyUsage(KeyUsageType.ENCRYPT_DECRYPT).keySpec(KeySpec.RSA_3072)).keyMetadata().keyId();
        SdkBytes rsaBlob = kms.encrypt(b -> b.keyId(rsaEnc).plaintext(SECRET).encryptionAlgorithm("RSAES_OAEP_SHA_256")).ciphertextBlob();
        assertThat(kms.decrypt(b -> b.keyId(rsaEnc).ciphertextBlob(rsaBlob).encryptionAlgorithm("RSAES_OAEP_SHA_256")).plaintext())
                .isEqualTo(SECRET);

        String hmac = kms.createKey(b -> b.keyUsage(KeyUsageType.GENERATE_VERIFY_MAC).keySpec(KeySpec.HMAC_256)).keyMetadata().keyId();
        SdkBytes mac = kms.generateMac(b -> b.keyId(hmac).message(message).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)).mac();
        assertThat(kms.verifyMac(b -> b.keyId(hmac).message(message).mac(mac).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256))
                .macValid()).isTrue();
        assertKmsError(() -> kms.verifyMac(b -> b.keyId(hmac).message(SdkBytes.fromUtf8String("x")).mac(mac)
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)), "KMSInvalidMacException");

        GenerateDataKeyPairResponse pair = kms.generateDataKeyPair(b -> b.keyId(
                kms.createKey(c -> {}).keyMetadata().keyId()).keyPairSpec("ECC_NIST_P256"));
        assertThat(pair.publicKey().asByteArray()).isNotEmpty();
        assertThat(pair.privateKeyPlaintext().asByteArray()).isNotEmpty();
        assertThat(kms.decrypt(b -> b.ciphertextBlob(pair.privateKeyCiphertextBlob())).plaintext())
                .isEqualTo(pair.privateKeyPlaintext());
    }

    /** Operations whose KeyId AWS documents as "the key ID or key ARN" answer NotFoundException for an alias. */
    @Test
    void keyManagementRefusesAliases(KmsClient kms) {
        KeyMetadata key = kms.createKey(b -> {}).keyMetadata();
        kms.createAlias(b -> b.aliasName("alias/managed-by-id").targetKeyId(key.keyId()));
        String aliasArn = "arn:aws:kms:us-east-1:000000000000:alias/managed-by-id";
        String grantId = kms.createGrant(b -> b.keyId(key.keyId()).granteePrincipal("arn:aws:iam::000000000000:role/app")
                .operations(GrantOperation.DECRYPT)).grantId();
        for (String alias : new String[] {"alias/managed-by-id", aliasArn}) {
            Map<String, Runnable> calls = new java.util.LinkedHashMap<>();
            calls.put("EnableKey", () -> kms.enableKey(b -> b.keyId(alias)));
            calls.put("DisableKey", () -> kms.disableKey(b -> b.keyId(alias)));
            calls.put("EnableKeyRotation", () -> kms.enableKeyRotation(b -> b.keyId(alias)));
            calls.put("DisableKeyRotation", () -> kms.disableKeyRotation(b -> b.keyId(alias)));
            calls.put("GetKeyRotationStatus", () -> kms.getKeyRotationStatus(b -> b.keyId(alias)));
            calls.put("ScheduleKeyDeletion", () -> kms.scheduleKeyDeletion(b -> b.keyId(alias).pendingWindowInDays(7)));
            calls.put("CancelKeyDeletion", () -> kms.cancelKeyDeletion(b -> b.keyId(alias)));
            calls.put("GetKeyPolicy", () -> kms.getKeyPolicy(b -> b.keyId(alias).policyName("default")));
            calls.put("ListKeyPolicies", () -> kms.listKeyPolicies(b -> b.keyId(alias)));
            calls.put("TagResource", () -> kms.tagResource(b -> b.keyId(alias).tags(Tag.builder().tagKey("k").tagValue("v").build())));
            calls.put("UntagResource", () -> kms.untagResource(b -> b.keyId(alias).tagKeys("k")));
            calls.put("ListResourceTags", () -> kms.listResourceTags(b -> b.keyId(alias)));
            calls.put("CreateGrant", () -> kms.createGrant(b -> b.keyId(alias).granteePrincipal("arn:aws:iam::000000000000:role/app")
                    .operations(GrantOperation.DECRYPT)));
            calls.put("ListGrants", () -> kms.listGrants(b -> b.keyId(alias)));
            calls.put("RevokeGrant", () -> kms.revokeGrant(b -> b.keyId(alias).grantId(grantId)));
            calls.put("RetireGrant", () -> kms.retireGrant(b -> b.keyId(alias).grantId(grantId)));
            calls.put("RotateKeyOnDemand", () -> kms.rotateKeyOnDemand(b -> b.keyId(alias)));
            calls.put("ListKeyRotations", () -> kms.listKeyRotations(b -> b.keyId(alias)));
            calls.put("UpdateKeyDescription", () -> kms.updateKeyDescription(b -> b.keyId(alias).description("d")));
            calls.put("ListAliases", () -> kms.listAliases(b -> b.keyId(alias)));
            calls.forEach((operation, call) -> assertThatThrownBy(call::run).as("%s with %s", operation, alias)
                    .isInstanceOfSatisfying(KmsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid keyId '" + alias + "'");
                        assertThat(e.statusCode()).isEqualTo(400);
                    }));
            // an alias's target must be a key: AWS words this one as a ValidationException
            assertKmsError(() -> kms.createAlias(b -> b.aliasName("alias/second").targetKeyId(alias)), "ValidationException");
            assertKmsError(() -> kms.updateAlias(b -> b.aliasName("alias/managed-by-id").targetKeyId(alias)), "ValidationException");
        }
        // nothing changed, and the operations documented as taking an alias still do
        assertThat(kms.describeKey(b -> b.keyId("alias/managed-by-id")).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(kms.getKeyRotationStatus(b -> b.keyId(key.arn())).keyRotationEnabled()).isFalse();
        assertThat(kms.listGrants(b -> b.keyId(key.keyId())).grants()).extracting(g -> g.grantId()).containsExactly(grantId);
        assertThat(kms.encrypt(b -> b.keyId(aliasArn).plaintext(SECRET)).keyId()).isEqualTo(key.arn());
    }

    @Test
    void aliasesGrantsTagsAndPolicies(KmsClient kms) {
        String keyId = kms.createKey(b -> {}).keyMetadata().keyId();
        kms.createAlias(b -> b.aliasName("alias/orders").targetKeyId(keyId));
        assertKmsError(() -> kms.createAlias(b -> b.aliasName("alias/orders").targetKeyId(keyId)), "AlreadyExistsException",
                "An alias with the name arn:aws:kms:us-east-1:000000000000:alias/orders already exists");
        assertKmsError(() -> kms.createAlias(b -> b.aliasName("alias/aws/mine").targetKeyId(keyId)), "NotAuthorizedException");
        assertThat(kms.listAliases(b -> b.keyId(keyId)).aliases()).extracting(AliasListEntry::aliasName).containsExactly("alias/orders");
        assertThat(kms.encrypt(b -> b.keyId("alias/orders").plaintext(SECRET)).keyId()).endsWith(keyId);
        String other = kms.createKey(b -> {}).keyMetadata().keyId();
        kms.updateAlias(b -> b.aliasName("alias/orders").targetKeyId(other));
        assertThat(kms.describeKey(b -> b.keyId("alias/orders")).keyMetadata().keyId()).isEqualTo(other);
        kms.deleteAlias(b -> b.aliasName("alias/orders"));
        assertKmsError(() -> kms.describeKey(b -> b.keyId("alias/orders")), "NotFoundException",
                "Alias arn:aws:kms:us-east-1:000000000000:alias/orders is not found.");

        // AWS-managed keys appear on first use.
        KeyMetadata managed = kms.describeKey(b -> b.keyId("alias/aws/s3")).keyMetadata();
        assertThat(managed.keyManagerAsString()).isEqualTo("AWS");

        CreateGrantResponse grant = kms.createGrant(b -> b.keyId(keyId).granteePrincipal("arn:aws:iam::000000000000:role/app")
                .retiringPrincipal("arn:aws:iam::000000000000:role/admin").operations(GrantOperation.DECRYPT));
        assertThat(kms.listGrants(b -> b.keyId(keyId)).grants()).extracting(g -> g.grantId()).containsExactly(grant.grantId());
        kms.revokeGrant(b -> b.keyId(keyId).grantId(grant.grantId()));
        assertThat(kms.listGrants(b -> b.keyId(keyId)).grants()).isEmpty();

        kms.tagResource(b -> b.keyId(keyId).tags(Tag.builder().tagKey("env").tagValue("test").build()));
        assertThat(kms.listResourceTags(b -> b.keyId(keyId)).tags()).extracting(Tag::tagKey).containsExactly("env");
        kms.untagResource(b -> b.keyId(keyId).tagKeys("env"));
        assertThat(kms.listResourceTags(b -> b.keyId(keyId)).tags()).isEmpty();

        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        kms.putKeyPolicy(b -> b.keyId(keyId).policyName("default").policy(policy));
        assertThat(kms.getKeyPolicy(b -> b.keyId(keyId).policyName("default")).policy()).isEqualTo(policy);
        assertThat(kms.listKeyPolicies(b -> b.keyId(keyId)).policyNames()).containsExactly("default");
        assertKmsError(() -> kms.putKeyPolicy(b -> b.keyId(keyId).policyName("default").policy("{not json")),
                "MalformedPolicyDocumentException");
    }

    @Test
    void unbuiltOperationsSaySo(KmsClient kms) {
        assertKmsError(() -> kms.describeCustomKeyStores(b -> {}), "UnsupportedOperationException");
        assertKmsError(() -> kms.replicateKey(b -> b.keyId(kms.createKey(c -> {}).keyMetadata().keyId()).replicaRegion("eu-west-1")),
                "UnsupportedOperationException");
    }

    @Test
    void keyUseIsAudited(KmsClient kms, URI endpoint) throws Exception {
        String keyId = kms.createKey(b -> {}).keyMetadata().keyId();
        kms.encrypt(b -> b.keyId(keyId).plaintext(SECRET).encryptionContext(Map.of("audited", "yes")));
        String audit = AdminCalls.send(endpoint, "GET", "/_tarn/kms/audit?keyId=" + keyId, null).body();
        assertThat(audit).contains("\"operation\":\"Encrypt\"").contains("\"audited\":\"yes\"")
                .contains("arn:aws:iam::000000000000:root");
    }

    @Test
    void accountsAreSeparate(KmsClient kms, URI endpoint) {
        String keyId = kms.createKey(b -> {}).keyMetadata().keyId();
        try (KmsClient other = KmsClient.builder().endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("111122223333", "x")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            assertKmsError(() -> other.describeKey(b -> b.keyId(keyId)), "NotFoundException");
            assertThat(other.createKey(b -> {}).keyMetadata().arn()).startsWith("arn:aws:kms:us-east-1:111122223333:key/");
        }
    }
}
