package io.tarn.kms.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tarn.core.spi.Namespace;
import io.tarn.kms.model.AliasMeta;
import io.tarn.kms.model.KeyMeta;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeclaredKeysTest extends EngineFixture {

    private static final Namespace OTHER = new Namespace("111111111111", "eu-west-1");
    private static final String INIT = String.join("\n",
            "keys:",
            "  - alias: alias/app",
            "    description: app key",
            "    tags: {team: data, tier: 1}",
            "  - alias: alias/signer",
            "    keySpec: RSA_2048",
            "    keyUsage: SIGN_VERIFY",
            "    account: \"111111111111\"",
            "    region: eu-west-1",
            "  - keySpec: HMAC_256",
            "    keyUsage: GENERATE_VERIFY_MAC");

    @Test
    void createsTheDeclaredKeysOnceAcrossRestarts() {
        DeclaredKeys declared = parse(INIT);
        List<KeyMeta> created = declared.apply(engine);
        assertThat(created).hasSize(3);

        KeyMeta app = keys().resolve(NS, "alias/app", KeyRing.Access.ANY_REFERENCE);
        assertThat(app.description()).isEqualTo("app key");
        assertThat(app.keySpec()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(app.keyUsage()).isEqualTo("ENCRYPT_DECRYPT");
        assertThat(app.tags()).containsExactly(Map.entry("team", "data"), Map.entry("tier", "1"));
        assertThat(app.creationDate()).isEqualTo(START);
        assertThat(crypto().encrypt(use(), "alias/app", new byte[] {1}, null, null).keyArn()).isEqualTo(app.arn());

        KeyMeta signer = keys().resolve(OTHER, "alias/signer", KeyRing.Access.ANY_REFERENCE);
        assertThat(signer.arn()).startsWith("arn:aws:kms:eu-west-1:111111111111:key/");
        assertThat(signer.keyUsage()).isEqualTo("SIGN_VERIFY");
        assertThat(signer.publicKey()).isNotEmpty();
        KeyMeta hmac = created.get(2);
        assertThat(hmac.namespace()).isEqualTo(NS);
        assertThat(hmac.keySpec()).isEqualTo("HMAC_256");
        assertThat(keys().list(NS, null, 10).items()).hasSize(2);

        // a restart on the same data: nothing new, with or without an alias
        reopen();
        clock.advance(Duration.ofDays(1));
        assertThat(parse(INIT).apply(engine)).isEmpty();
        assertThat(keys().list(NS, null, 10).items()).extracting(KeyMeta::keyId)
                .containsExactlyInAnyOrder(app.keyId(), hmac.keyId());
        assertThat(keys().list(OTHER, null, 10).items()).extracting(KeyMeta::keyId).containsExactly(signer.keyId());

        // an alias deleted since: its key is declared again and comes back, new
        engine.aliases().delete(NS, "alias/app");
        reopen();
        List<KeyMeta> again = parse(INIT).apply(engine);
        assertThat(again).extracting(KeyMeta::keyId).doesNotContain(app.keyId()).hasSize(1);
        assertThat(engine.aliases().list(NS, null, null, 10).items()).extracting(AliasMeta::targetKeyId)
                .containsExactly(again.get(0).keyId());
        assertThat(again.get(0).creationDate()).isEqualTo(START.plus(Duration.ofDays(1)));
    }

    @Test
    void aKeyWithoutAnAliasIsCreatedOnlyOnAFreshStore() {
        KeyMeta mine = symmetricKey();
        List<KeyMeta> created = parse(INIT).apply(engine);
        // the aliased keys are created; the unaliased one is not, as its account and region hold a key
        assertThat(created).extracting(KeyMeta::keySpec).containsExactly("SYMMETRIC_DEFAULT", "RSA_2048");
        assertThat(keys().list(NS, null, 10).items()).extracting(KeyMeta::keySpec)
                .containsExactlyInAnyOrder("SYMMETRIC_DEFAULT", "SYMMETRIC_DEFAULT");
        assertThat(keys().find(NS, mine.keyId())).isNotNull();

        // the defaults are the server's account and region
        DeclaredKeys elsewhere = DeclaredKeys.parse(yaml("keys: [{description: x}]"), "222222222222", "ap-south-1");
        assertThat(elsewhere.apply(engine)).singleElement()
                .satisfies(k -> assertThat(k.arn()).startsWith("arn:aws:kms:ap-south-1:222222222222:key/"));
        assertThat(DeclaredKeys.parse(null, "000000000000", "us-east-1").apply(engine)).isEmpty();
        assertThat(parse("keys:").apply(engine)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{alias: alias/ok}, {alias: alias/x, keyspec: RSA_2048}]"
                + "| resources.kms.keys[1] (alias/x): unknown field 'keyspec'; the fields are [alias, description",
        "[{alias: alias/ok}, {keySpec: RSA_1024, keyUsage: SIGN_VERIFY}]"
                + "| resources.kms.keys[1]: keySpec 'RSA_1024' is not a KMS key spec; Tarn builds [SYMMETRIC_DEFAULT",
        "[{keySpec: ECC_SECG_P256K1, keyUsage: SIGN_VERIFY}]"
                + "| resources.kms.keys[0]: KeySpec ECC_SECG_P256K1 is not supported by Tarn",
        "[{keySpec: RSA_2048}]"
                + "| resources.kms.keys[0]: You must specify a KeyUsage value for all KMS keys except for symmetric",
        "[{keySpec: ECC_NIST_P256, keyUsage: ENCRYPT_DECRYPT}]"
                + "| resources.kms.keys[0]: KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ECC_NIST_P256",
        "[{alias: app}]| resources.kms.keys[0] (app): Alias must start with the prefix \"alias/\"",
        "[{alias: alias/aws/s3}]| resources.kms.keys[0] (alias/aws/s3): The alias/aws/ prefix is reserved",
        "[{alias: alias/a}, {alias: alias/a}]| resources.kms.keys[1] (alias/a): the alias is declared twice",
        "[{account: '123'}]| resources.kms.keys[0]: account must be a 12-digit account id in quotes",
        "[{account: 000000000000}]| resources.kms.keys[0]: account must be a 12-digit account id in quotes",
        "[{region: Mars}]| resources.kms.keys[0]: region 'Mars' is not a region name",
        "[{tags: {aws:team: x}}]| resources.kms.keys[0]: Tags beginning with aws: are reserved",
        "[{tags: [team]}]| resources.kms.keys[0]: tags must be a map",
        "[{description: [1]}]| resources.kms.keys[0]: description must be a string",
        "[alias/app]| resources.kms.keys[0]: must be a map of [alias, description",
        "{alias: alias/app}| resources.kms.keys: must be a list of keys"})
    void badEntriesFailWithAMessageNamingThem(String keys, String message) {
        assertThatThrownBy(() -> parse("keys: " + keys)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("init file: " + message);
        // nothing was created
        assertThat(keys().list(NS, null, 10).items()).isEmpty();
    }

    @Test
    void unknownSectionsFail() {
        assertThatThrownBy(() -> parse("key: []")).hasMessage(
                "init file: resources.kms: unknown field 'key'; the only one is 'keys'");
        assertThatThrownBy(() -> parse("[]")).hasMessageStartingWith("init file: resources.kms: must be a map");
    }

    @Test
    void aTwelveDigitAccountMayBeUnquoted() {
        DeclaredKeys declared = parse("keys: [{alias: alias/n, account: 123456789012}]");
        assertThat(declared.apply(engine)).singleElement()
                .satisfies(k -> assertThat(k.account()).isEqualTo("123456789012"));
    }

    private static DeclaredKeys parse(String kmsSection) {
        return DeclaredKeys.parse(yaml(kmsSection), NS.account(), NS.region());
    }

    private static JsonNode yaml(String text) {
        try {
            return new YAMLMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
