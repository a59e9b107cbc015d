package io.tarn.kms.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.Namespace;
import io.tarn.kms.model.KeyMeta;
import io.tarn.kms.model.KeyState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyLifecycleTest extends EngineFixture {

    private static final byte[] DATA = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void createsASymmetricKeyWithAwsDefaults() {
        KeyMeta key = symmetricKey();
        assertThat(key.keyId()).matches("[0-9a-f-]{36}");
        assertThat(key.arn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + key.keyId());
        assertThat(key.keyState()).isEqualTo(KeyState.Enabled);
        assertThat(key.keyUsage()).isEqualTo("ENCRYPT_DECRYPT");
        assertThat(key.keyManager()).isEqualTo("CUSTOMER");
        assertThat(key.creationDate()).isEqualTo(START);
        assertThat(key.currentMaterialId()).matches("[0-9a-f]{64}");
        assertThat(key.rotationEnabled()).isFalse();
        assertThat(keys().resolve(NS, key.keyId(), KeyRing.Access.OWN_ACCOUNT)).isEqualTo(key);
        String policy = keys().policy(NS, key.keyId(), "default");
        assertThat(policy).contains("\"Id\" : \"key-default-1\"", "arn:aws:iam::000000000000:root", "\"kms:*\"");
    }

    @Test
    void checksKeyUsageAgainstKeySpec() {
        assertAws(() -> key(null, "RSA_2048"), "ValidationException")
                .hasMessage("You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
        assertAws(() -> key("ENCRYPT_DECRYPT", "ECC_NIST_P256"), "ValidationException")
                .hasMessage("KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ECC_NIST_P256");
        assertAws(() -> key("SIGN_VERIFY", "SYMMETRIC_DEFAULT"), "ValidationException");
        assertAws(() -> key("ENCRYPT_DECRYPT", "HMAC_256"), "ValidationException");
        assertAws(() -> key("SIGN_VERIFY", "ECC_SECG_P256K1"), "UnsupportedOperationException");
        assertAws(() -> key("KEY_AGREEMENT", "ECC_NIST_P256"), "UnsupportedOperationException");
        assertThat(key("SIGN_VERIFY", "ECC_NIST_P521").publicKey()).isNotEmpty();
        assertThat(key("GENERATE_VERIFY_MAC", "HMAC_224").keySpec()).isEqualTo("HMAC_224");
    }

    @Test
    void keyManagementTakesNoAliasAsAwsDocuments() {
        KeyMeta key = symmetricKey();
        engine.aliases().create(NS, "alias/app", key.keyId());
        for (KeyRing.Access access : List.of(KeyRing.Access.OWN_ACCOUNT, KeyRing.Access.CROSS_ACCOUNT)) {
            assertThat(keys().resolve(NS, key.arn(), access).keyId()).isEqualTo(key.keyId());
            assertAws(() -> keys().resolve(NS, "alias/app", access), "NotFoundException").hasMessage("Invalid keyId 'alias/app'");
            assertAws(() -> keys().resolve(NS, "arn:aws:kms:us-east-1:000000000000:alias/app", access), "NotFoundException")
                    .hasMessage("Invalid keyId 'arn:aws:kms:us-east-1:000000000000:alias/app'");
        }
        assertAws(() -> keys().disable(NS, "alias/app"), "NotFoundException");
        assertAws(() -> rotation().enable(NS, "alias/app", null), "NotFoundException");
        assertThat(keys().resolve(NS, key.keyId(), KeyRing.Access.USE).keyState()).isEqualTo(KeyState.Enabled);
        assertThat(keys().resolve(NS, "alias/app", KeyRing.Access.ANY_REFERENCE).keyId()).isEqualTo(key.keyId());
    }

    @Test
    void resolvesIdsArnsAliasesAndAliasArns() {
        KeyMeta key = symmetricKey();
        engine.aliases().create(NS, "alias/app", key.keyId());
        for (String ref : List.of(key.keyId(), key.arn(), "alias/app", "arn:aws:kms:us-east-1:000000000000:alias/app")) {
            assertThat(keys().resolve(NS, ref, KeyRing.Access.USE).keyId()).as(ref).isEqualTo(key.keyId());
        }
        assertAws(() -> keys().resolve(NS, "not-a-key", KeyRing.Access.USE), "NotFoundException")
                .hasMessage("Invalid keyId 'not-a-key'");
        assertAws(() -> keys().resolve(NS, "11111111-2222-3333-4444-555555555555", KeyRing.Access.USE), "NotFoundException")
                .hasMessage("Key 'arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555' does not exist");
        assertAws(() -> keys().resolve(NS, "alias/missing", KeyRing.Access.USE), "NotFoundException")
                .hasMessage("Alias arn:aws:kms:us-east-1:000000000000:alias/missing is not found.");
        assertAws(() -> keys().resolve(new Namespace("000000000000", "eu-west-1"), key.arn(), KeyRing.Access.USE),
                "NotFoundException");
        assertAws(() -> keys().resolve(NS, "arn:aws:s3:::bucket", KeyRing.Access.USE), "InvalidArnException");
    }

    @Test
    void disabledAndPendingDeletionKeysRefuseCryptoWithAwsErrors() {
        KeyMeta key = symmetricKey();
        keys().disable(NS, key.keyId());
        assertAws(() -> crypto().encrypt(use(), key.keyId(), DATA, null, null), "DisabledException")
                .hasMessage(key.arn() + " is disabled.");
        keys().enable(NS, key.keyId());
        assertThat(crypto().encrypt(use(), key.keyId(), DATA, null, null).ciphertextBlob()).isNotEmpty();

        KeyMeta pending = keys().scheduleDeletion(NS, key.keyId(), 7);
        assertThat(pending.keyState()).isEqualTo(KeyState.PendingDeletion);
        assertThat(pending.deletionDate()).isEqualTo(START.plus(Duration.ofDays(7)));
        assertThat(pending.enabled()).isFalse();
        assertAws(() -> crypto().encrypt(use(), key.keyId(), DATA, null, null), "KMSInvalidStateException")
                .hasMessage(key.arn() + " is pending deletion.");
        assertAws(() -> keys().enable(NS, key.keyId()), "KMSInvalidStateException");
        assertAws(() -> keys().scheduleDeletion(NS, key.keyId(), 7), "KMSInvalidStateException");

        assertThat(keys().cancelDeletion(NS, key.keyId()).keyState()).isEqualTo(KeyState.Disabled);
        assertThat(keys().find(NS, key.keyId()).deletionDate()).isNull();
        assertAws(() -> keys().cancelDeletion(NS, key.keyId()), "KMSInvalidStateException");
    }

    @Test
    void deletesTheKeyWhenTheClockPassesTheDeletionDate() {
        KeyMeta key = symmetricKey();
        engine.aliases().create(NS, "alias/doomed", key.keyId());
        engine.grants().create(NS, key.keyId(), "arn:aws:iam::000000000000:role/app", null, List.of("Encrypt"), null, null, null);
        keys().scheduleDeletion(NS, key.keyId(), 7);

        clock.advance(Duration.ofDays(6));
        assertThat(keys().find(NS, key.keyId())).isNotNull();
        clock.advance(Duration.ofDays(1));
        assertThat(keys().find(NS, key.keyId())).isNull();
        assertAws(() -> keys().resolve(NS, key.keyId(), KeyRing.Access.CROSS_ACCOUNT), "NotFoundException");
        assertThat(engine.aliases().list(NS, null, null, 100).items()).isEmpty();
        assertThat(store.keyspace("kms").scan(io.tarn.kms.model.KmsKeys.grants(NS), null, 10)).isEmpty();
        assertThat(store.keyspace("kms").scan(io.tarn.kms.model.KmsKeys.materials(NS, key.keyId()), null, 10)).isEmpty();
    }

    @Test
    void rearmsTheDeletionTimerAfterARestart() {
        KeyMeta key = symmetricKey();
        KeyMeta kept = symmetricKey();
        keys().scheduleDeletion(NS, key.keyId(), 30);
        keys().scheduleDeletion(NS, kept.keyId(), 30);
        keys().cancelDeletion(NS, kept.keyId());
        reopen();
        clock.advance(Duration.ofDays(30));
        assertThat(keys().find(NS, key.keyId())).isNull();
        assertThat(keys().find(NS, kept.keyId())).isNotNull();
    }

    @Test
    void listsKeysInPages() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(symmetricKey().keyId());
        }
        Set<String> seen = new HashSet<>();
        String marker = null;
        int pages = 0;
        do {
            Page<KeyMeta> page = keys().list(NS, marker, 2);
            page.items().forEach(k -> seen.add(k.keyId()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null);
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
        assertThat(keys().list(new Namespace("111111111111", "us-east-1"), null, 10).items()).isEmpty();
        assertAws(() -> keys().list(NS, "garbage!", 2), "InvalidMarkerException");
    }

    @Test
    void updatesDescriptionPolicyAndTags() {
        KeyMeta key = symmetricKey();
        keys().updateDescription(NS, key.keyId(), "new text");
        assertThat(keys().find(NS, key.keyId()).description()).isEqualTo("new text");

        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        keys().putPolicy(NS, key.keyId(), "default", policy);
        assertThat(keys().policy(NS, key.keyId(), "default")).isEqualTo(policy);
        assertAws(() -> keys().putPolicy(NS, key.keyId(), "default", "{not json"), "MalformedPolicyDocumentException");
        assertAws(() -> keys().policy(NS, key.keyId(), "other"), "NotFoundException");

        keys().tag(NS, key.keyId(), Map.of("team", "data", "env", "test"));
        keys().untag(NS, key.keyId(), List.of("env", "absent"));
        assertThat(keys().tags(NS, key.keyId(), null, 50).items()).containsExactly(Map.entry("team", "data"));
        assertAws(() -> keys().tag(NS, key.keyId(), Map.of("aws:owner", "x")), "TagException");
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        assertAws(() -> keys().tag(NS, key.keyId(), many), "TagException");
    }
}
