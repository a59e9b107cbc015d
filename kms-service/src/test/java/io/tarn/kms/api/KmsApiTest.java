package io.tarn.kms.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.paging.PageTokens;
import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.store.MasterKey;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.kms.KmsService;
import io.tarn.kms.engine.KmsEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Canned awsJson 1.1 bodies through the JsonProtocolHandler: wire names, answers and error shapes. */
class KmsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Namespace NS = new Namespace("000000000000", "us-east-1");

    /** Every operation of botocore's kms/2014-11-01 model. */
    private static final Set<String> MODEL_OPERATIONS = new TreeSet<>(List.of("CancelKeyDeletion", "ConnectCustomKeyStore",
            "CreateAlias", "CreateCustomKeyStore", "CreateGrant", "CreateKey", "Decrypt", "DeleteAlias", "DeleteCustomKeyStore",
            "DeleteImportedKeyMaterial", "DeriveSharedSecret", "DescribeCustomKeyStores", "DescribeKey", "DisableKey",
            "DisableKeyRotation", "DisconnectCustomKeyStore", "EnableKey", "EnableKeyRotation", "Encrypt", "GenerateDataKey",
            "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext", "GenerateMac",
            "GenerateRandom", "GetKeyLastUsage", "GetKeyPolicy", "GetKeyRotationStatus", "GetParametersForImport",
            "GetPublicKey", "ImportKeyMaterial", "ListAliases", "ListGrants", "ListKeyPolicies", "ListKeyRotations", "ListKeys",
            "ListResourceTags", "ListRetirableGrants", "PutKeyPolicy", "ReEncrypt", "ReplicateKey", "RetireGrant",
            "RevokeGrant", "RotateKeyOnDemand", "ScheduleKeyDeletion", "Sign", "TagResource", "UntagResource", "UpdateAlias",
            "UpdateCustomKeyStore", "UpdateKeyDescription", "UpdatePrimaryRegion", "Verify", "VerifyMac"));

    @TempDir
    Path dir;

    private EmulatorClock clock;
    private Scheduler scheduler;
    private StateStore store;
    private KmsEngine engine;
    private OperationRegistry operations;
    private JsonProtocolHandler handler;

    @BeforeEach
    void start() {
        clock = EmulatorClock.manual(Instant.parse("2024-05-01T12:00:00Z"));
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        engine = KmsEngine.open(store.keyspace("kms"), clock, scheduler, MasterKey.loadOrCreate(dir.resolve("master.key")));
        operations = KmsService.operations(engine, new Markers(PageTokens.load(dir, "kms")));
        handler = new JsonProtocolHandler(KmsService.DESCRIPTOR, operations, 1 << 20);
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
        scheduler.close();
    }

    private ServiceResponse call(String operation, String body) {
        RequestContext ctx = new RequestContext("req-1", NS, Caller.root("test", "000000000000"), "kms", clock);
        ServiceRequest request = new ServiceRequest(ctx, "POST", "/", Map.of(),
                Map.of("x-amz-target", List.of("TrentService." + operation),
                        "content-type", List.of("application/x-amz-json-1.1")),
                body.getBytes(StandardCharsets.UTF_8));
        try {
            return handler.handle(request);
        } catch (AwsException e) {
            return handler.error(request, e);
        }
    }

    private JsonNode ok(String operation, String body) throws Exception {
        ServiceResponse r = call(operation, body);
        assertThat(r.status()).as("%s -> %s", operation, new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers()).containsEntry("content-type", "application/x-amz-json-1.1");
        return JSON.readTree(r.body());
    }

    private JsonNode error(String operation, String body, String code) throws Exception {
        ServiceResponse r = call(operation, body);
        JsonNode json = JSON.readTree(r.body());
        assertThat(r.status()).as(json.toString()).isEqualTo(400);
        assertThat(json.get("__type").asText()).isEqualTo(code);
        assertThat(r.headers()).containsEntry("x-amzn-errortype", code);
        return json;
    }

    @Test
    void markersResumeTheirOwnListingOnlyAndRefuseForgeries() throws Exception {
        String k1 = ok("CreateKey", "{}").get("KeyMetadata").get("KeyId").asText();
        ok("CreateKey", "{}");
        ok("CreateKey", "{}");
        JsonNode first = ok("ListKeys", "{\"Limit\":2}");
        assertThat(first.get("Truncated").asBoolean()).isTrue();
        String marker = first.get("NextMarker").asText();
        JsonNode rest = ok("ListKeys", "{\"Marker\":\"" + marker + "\"}");
        assertThat(first.get("Keys").size() + rest.get("Keys").size()).isEqualTo(3);
        assertThat(rest.get("Truncated").asBoolean()).isFalse();

        // another listing's marker, and the old unauthenticated form (a store key in base64), are refused
        error("ListAliases", "{\"Marker\":\"" + marker + "\"}", "InvalidMarkerException");
        error("ListResourceTags", "{\"KeyId\":\"" + k1 + "\",\"Marker\":\"" + marker + "\"}", "InvalidMarkerException");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("k".getBytes(StandardCharsets.UTF_8));
        error("ListKeys", "{\"Marker\":\"" + forged + "\"}", "InvalidMarkerException");
    }

    @Test
    void everyModelOperationIsRegistered() {
        assertThat(operations.names()).containsExactlyInAnyOrderElementsOf(MODEL_OPERATIONS);
    }

    @Test
    void createDescribeAndListKeysOnTheWire() throws Exception {
        JsonNode md = ok("CreateKey", "{\"Description\":\"d\",\"Tags\":[{\"TagKey\":\"k\",\"TagValue\":\"v\"}]}").get("KeyMetadata");
        String keyId = md.get("KeyId").asText();
        assertThat(md.get("AWSAccountId").asText()).isEqualTo("000000000000");
        assertThat(md.get("Arn").asText()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + keyId);
        assertThat(md.get("CreationDate").isNumber()).isTrue();
        assertThat(md.get("CreationDate").asDouble()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z").getEpochSecond());
        assertThat(md.get("Enabled").asBoolean()).isTrue();
        assertThat(md.get("KeyState").asText()).isEqualTo("Enabled");
        assertThat(md.get("KeyUsage").asText()).isEqualTo("ENCRYPT_DECRYPT");
        assertThat(md.get("KeySpec").asText()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(md.get("CustomerMasterKeySpec").asText()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(md.get("Origin").asText()).isEqualTo("AWS_KMS");
        assertThat(md.get("KeyManager").asText()).isEqualTo("CUSTOMER");
        assertThat(md.get("MultiRegion").asBoolean()).isFalse();
        assertThat(md.get("EncryptionAlgorithms").get(0).asText()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(md.has("SigningAlgorithms")).isFalse();
        assertThat(md.has("DeletionDate")).isFalse();

        JsonNode described = ok("DescribeKey", "{\"KeyId\":\"" + md.get("Arn").asText() + "\"}").get("KeyMetadata");
        assertThat(described).isEqualTo(md);
        JsonNode list = ok("ListKeys", "{}");
        assertThat(list.get("Keys").get(0).get("KeyId").asText()).isEqualTo(keyId);
        assertThat(list.get("Keys").get(0).get("KeyArn").asText()).isEqualTo(md.get("Arn").asText());
        assertThat(list.get("Truncated").asBoolean()).isFalse();
        assertThat(ok("ListResourceTags", "{\"KeyId\":\"" + keyId + "\"}").get("Tags").get(0).get("TagKey").asText())
                .isEqualTo("k");
        assertThat(ok("GetKeyPolicy", "{\"KeyId\":\"" + keyId + "\",\"PolicyName\":\"default\"}").get("Policy").asText())
                .contains("key-default-1");
        assertThat(ok("ListKeyPolicies", "{\"KeyId\":\"" + keyId + "\"}").get("PolicyNames").get(0).asText()).isEqualTo("default");
    }

    @Test
    void encryptDecryptAndDataKeysOnTheWire() throws Exception {
        String keyId = ok("CreateKey", "{}").get("KeyMetadata").get("KeyId").asText();
        ok("CreateAlias", "{\"AliasName\":\"alias/wire\",\"TargetKeyId\":\"" + keyId + "\"}");
        String plaintext = Base64.getEncoder().encodeToString("secret".getBytes(StandardCharsets.UTF_8));
        JsonNode enc = ok("Encrypt", "{\"KeyId\":\"alias/wire\",\"Plaintext\":\"" + plaintext
                + "\",\"EncryptionContext\":{\"a\":\"b\"}}");
        assertThat(enc.get("KeyId").asText()).endsWith(":key/" + keyId);
        assertThat(enc.get("EncryptionAlgorithm").asText()).isEqualTo("SYMMETRIC_DEFAULT");
        String blob = enc.get("CiphertextBlob").asText();

        JsonNode dec = ok("Decrypt", "{\"CiphertextBlob\":\"" + blob + "\",\"EncryptionContext\":{\"a\":\"b\"}}");
        assertThat(dec.get("Plaintext").asText()).isEqualTo(plaintext);
        assertThat(dec.get("KeyId").asText()).endsWith(":key/" + keyId);
        assertThat(dec.get("KeyMaterialId").asText()).hasSize(64);

        JsonNode wrong = error("Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"}", "InvalidCiphertextException");
        // AWS's body is {"__type":"InvalidCiphertextException"}: no message member at all
        assertThat(wrong.has("message")).isFalse();

        JsonNode dk = ok("GenerateDataKey", "{\"KeyId\":\"" + keyId + "\",\"KeySpec\":\"AES_256\"}");
        assertThat(Base64.getDecoder().decode(dk.get("Plaintext").asText())).hasSize(32);
        JsonNode dkw = ok("GenerateDataKeyWithoutPlaintext", "{\"KeyId\":\"" + keyId + "\",\"NumberOfBytes\":64}");
        assertThat(dkw.has("Plaintext")).isFalse();
        assertThat(dkw.get("CiphertextBlob").asText()).isNotEmpty();
        error("GenerateDataKey", "{\"KeyId\":\"" + keyId + "\"}", "ValidationException");
        assertThat(Base64.getDecoder().decode(ok("GenerateRandom", "{\"NumberOfBytes\":12}").get("Plaintext").asText())).hasSize(12);

        JsonNode dry = error("Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"" + plaintext + "\",\"DryRun\":true}",
                "DryRunOperationException");
        assertThat(dry.get("message").asText()).contains("DryRun");
    }

    @Test
    void validationErrorsUseAwsMessageFormat() throws Exception {
        assertThat(error("Encrypt", "{}", "ValidationException").get("message").asText()).isEqualTo(
                "2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null; "
                        + "Value null at 'plaintext' failed to satisfy constraint: Member must not be null");
        assertThat(error("DescribeKey", "{}", "ValidationException").get("message").asText()).isEqualTo(
                "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
        assertThat(error("GenerateRandom", "{\"NumberOfBytes\":2000}", "ValidationException").get("message").asText())
                .isEqualTo("1 validation error detected: Value '2000' at 'numberOfBytes' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 1024");
        assertThat(error("CreateKey", "{\"KeySpec\":\"AES\"}", "ValidationException").get("message").asText())
                .contains("at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048");
        String keyId = ok("CreateKey", "{}").get("KeyMetadata").get("KeyId").asText();
        assertThat(error("ScheduleKeyDeletion", "{\"KeyId\":\"" + keyId + "\",\"PendingWindowInDays\":5}",
                "ValidationException").get("message").asText()).endsWith("Member must have value greater than or equal to 7");
        assertThat(error("ListKeys", "{\"Limit\":0}", "ValidationException").get("message").asText())
                .contains("'limit'");
        error("Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"\"}", "ValidationException");
        error("Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"AA==\",\"GrantTokens\":[\"x\"]}",
                "InvalidGrantTokenException");
        error("CreateKey", "{\"MultiRegion\":true}", "UnsupportedOperationException");
        error("CreateKey", "{\"Origin\":\"EXTERNAL\"}", "UnsupportedOperationException");
        error("CreateKey", "{\"KeySpec\":\"RSA_2048\",\"CustomerMasterKeySpec\":\"RSA_2048\",\"KeyUsage\":\"SIGN_VERIFY\"}",
                "ValidationException");
        error("Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":5}", "SerializationException");
    }

    @Test
    void keyStatesAndNotFoundOnTheWire() throws Exception {
        String arn = ok("CreateKey", "{}").get("KeyMetadata").get("Arn").asText();
        JsonNode scheduled = ok("ScheduleKeyDeletion", "{\"KeyId\":\"" + arn + "\",\"PendingWindowInDays\":7}");
        assertThat(scheduled.get("KeyId").asText()).isEqualTo(arn);
        assertThat(scheduled.get("KeyState").asText()).isEqualTo("PendingDeletion");
        assertThat(scheduled.get("PendingWindowInDays").asInt()).isEqualTo(7);
        assertThat(scheduled.get("DeletionDate").asLong()).isEqualTo(Instant.parse("2024-05-08T12:00:00Z").getEpochSecond());
        JsonNode md = ok("DescribeKey", "{\"KeyId\":\"" + arn + "\"}").get("KeyMetadata");
        assertThat(md.get("KeyState").asText()).isEqualTo("PendingDeletion");
        assertThat(md.get("PendingDeletionWindowInDays").asInt()).isEqualTo(7);
        assertThat(error("Encrypt", "{\"KeyId\":\"" + arn + "\",\"Plaintext\":\"AA==\"}", "KMSInvalidStateException")
                .get("message").asText()).isEqualTo(arn + " is pending deletion.");
        assertThat(ok("CancelKeyDeletion", "{\"KeyId\":\"" + arn + "\"}").get("KeyId").asText()).isEqualTo(arn);
        error("Encrypt", "{\"KeyId\":\"" + arn + "\",\"Plaintext\":\"AA==\"}", "DisabledException");
        assertThat(call("EnableKey", "{\"KeyId\":\"" + arn + "\"}").body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        error("DescribeKey", "{\"KeyId\":\"alias/none\"}", "NotFoundException");
        // a predefined AWS alias that points nowhere yet: DescribeKey creates the AWS managed key
        JsonNode managed = ok("DescribeKey", "{\"KeyId\":\"alias/aws/s3\"}").get("KeyMetadata");
        assertThat(managed.get("KeyManager").asText()).isEqualTo("AWS");
        assertThat(managed.get("KeyState").asText()).isEqualTo("Enabled");
        assertThat(ok("DescribeKey", "{\"KeyId\":\"alias/aws/s3\"}").get("KeyMetadata")).isEqualTo(managed);
        assertThat(ok("ListAliases", "{\"KeyId\":\"" + managed.get("KeyId").asText() + "\"}").get("Aliases").get(0)
                .get("AliasName").asText()).isEqualTo("alias/aws/s3");
        error("CreateAlias", "{\"AliasName\":\"alias/aws/x\",\"TargetKeyId\":\"" + arn + "\"}", "NotAuthorizedException");
        JsonNode unsupported = error("ImportKeyMaterial", "{}", "UnsupportedOperationException");
        assertThat(unsupported.get("message").asText()).contains("not supported by Tarn");
        ServiceResponse unknown = call("NoSuchThing", "{}");
        assertThat(JSON.readTree(unknown.body()).get("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void signVerifyMacsAndGrantsOnTheWire() throws Exception {
        String signKey = ok("CreateKey", "{\"KeyUsage\":\"SIGN_VERIFY\",\"KeySpec\":\"ECC_NIST_P256\"}")
                .get("KeyMetadata").get("KeyId").asText();
        String msg = Base64.getEncoder().encodeToString("msg".getBytes(StandardCharsets.UTF_8));
        JsonNode signed = ok("Sign", "{\"KeyId\":\"" + signKey + "\",\"Message\":\"" + msg
                + "\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}");
        String sig = signed.get("Signature").asText();
        JsonNode verified = ok("Verify", "{\"KeyId\":\"" + signKey + "\",\"Message\":\"" + msg + "\",\"Signature\":\"" + sig
                + "\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}");
        assertThat(verified.get("SignatureValid").asBoolean()).isTrue();
        error("Verify", "{\"KeyId\":\"" + signKey + "\",\"Message\":\"AA==\",\"Signature\":\"" + sig
                + "\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}", "KMSInvalidSignatureException");
        JsonNode pub = ok("GetPublicKey", "{\"KeyId\":\"" + signKey + "\"}");
        assertThat(pub.get("SigningAlgorithms").get(0).asText()).isEqualTo("ECDSA_SHA_256");
        assertThat(pub.get("PublicKey").asText()).isNotEmpty();

        String macKey = ok("CreateKey", "{\"KeyUsage\":\"GENERATE_VERIFY_MAC\",\"KeySpec\":\"HMAC_256\"}")
                .get("KeyMetadata").get("KeyId").asText();
        String mac = ok("GenerateMac", "{\"KeyId\":\"" + macKey + "\",\"Message\":\"" + msg
                + "\",\"MacAlgorithm\":\"HMAC_SHA_256\"}").get("Mac").asText();
        assertThat(ok("VerifyMac", "{\"KeyId\":\"" + macKey + "\",\"Message\":\"" + msg + "\",\"Mac\":\"" + mac
                + "\",\"MacAlgorithm\":\"HMAC_SHA_256\"}").get("MacValid").asBoolean()).isTrue();

        JsonNode grant = ok("CreateGrant", "{\"KeyId\":\"" + signKey + "\",\"GranteePrincipal\":\"arn:aws:iam::000000000000:role/r\","
                + "\"Operations\":[\"Sign\",\"Verify\"],\"Name\":\"n1\"}");
        assertThat(grant.get("GrantId").asText()).hasSize(64);
        JsonNode grants = ok("ListGrants", "{\"KeyId\":\"" + signKey + "\"}").get("Grants");
        assertThat(grants.get(0).get("Operations")).hasSize(2);
        assertThat(grants.get(0).get("IssuingAccount").asText()).isEqualTo("000000000000");
        assertThat(grants.get(0).get("Name").asText()).isEqualTo("n1");
        ok("RetireGrant", "{\"GrantToken\":\"" + grant.get("GrantToken").asText() + "\"}");
        assertThat(ok("ListGrants", "{\"KeyId\":\"" + signKey + "\"}").get("Grants")).isEmpty();
        error("CreateGrant", "{\"KeyId\":\"" + signKey + "\",\"GranteePrincipal\":\"x\",\"Operations\":[\"Fly\"]}",
                "ValidationException");
    }

    @Test
    void rotationOnTheWire() throws Exception {
        String keyId = ok("CreateKey", "{}").get("KeyMetadata").get("KeyId").asText();
        JsonNode off = ok("GetKeyRotationStatus", "{\"KeyId\":\"" + keyId + "\"}");
        assertThat(off.get("KeyRotationEnabled").asBoolean()).isFalse();
        ok("EnableKeyRotation", "{\"KeyId\":\"" + keyId + "\",\"RotationPeriodInDays\":180}");
        JsonNode on = ok("GetKeyRotationStatus", "{\"KeyId\":\"" + keyId + "\"}");
        assertThat(on.get("KeyRotationEnabled").asBoolean()).isTrue();
        assertThat(on.get("RotationPeriodInDays").asInt()).isEqualTo(180);
        assertThat(on.get("NextRotationDate").asLong()).isEqualTo(Instant.parse("2024-10-28T12:00:00Z").getEpochSecond());
        error("EnableKeyRotation", "{\"KeyId\":\"" + keyId + "\",\"RotationPeriodInDays\":30}", "ValidationException");
        assertThat(ok("RotateKeyOnDemand", "{\"KeyId\":\"" + keyId + "\"}").get("KeyId").asText()).isEqualTo(keyId);
        JsonNode rotations = ok("ListKeyRotations", "{\"KeyId\":\"" + keyId + "\"}").get("Rotations");
        assertThat(rotations).hasSize(1);
        assertThat(rotations.get(0).get("RotationType").asText()).isEqualTo("ON_DEMAND");
        assertThat(rotations.get(0).get("KeyMaterialState").asText()).isEqualTo("CURRENT");
        assertThat(ok("ListKeyRotations", "{\"KeyId\":\"" + keyId + "\",\"IncludeKeyMaterial\":\"ALL_KEY_MATERIAL\"}")
                .get("Rotations")).hasSize(2);
    }
}
