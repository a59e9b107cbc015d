package io.tarn.kms.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.store.MasterKey;
import io.tarn.kms.api.AuditRoute;
import io.tarn.kms.model.AuditEvent;
import io.tarn.kms.model.KeyMeta;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyUsageLogTest extends EngineFixture {

    private static final byte[] DATA = {1, 2, 3};

    @Test
    void everyUseIsLoggedWithPrincipalContextAndNamespace() {
        KeyMeta key = symmetricKey();
        byte[] blob = crypto().encrypt(use(), key.keyId(), DATA, Map.of("purpose", "test"), null).ciphertextBlob();
        clock.advance(Duration.ofSeconds(5));
        crypto().decrypt(use(), blob, Map.of("purpose", "test"), null, null);
        crypto().generateDataKey(CryptoEngine.KeyUse.of(NS, "s3.amazonaws.com"), key.keyId(), null, null, "AES_256",
                "GenerateDataKey");
        KeyMeta other = symmetricKey();
        crypto().encrypt(use(), other.keyId(), DATA, null, null);

        List<AuditEvent> events = engine.usageLog().events(key.keyId(), 100);
        assertThat(events).extracting(AuditEvent::operation).containsExactly("Encrypt", "Decrypt", "GenerateDataKey");
        AuditEvent first = events.get(0);
        assertThat(first.time()).isEqualTo(START);
        assertThat(first.keyArn()).isEqualTo(key.arn());
        assertThat(first.principal()).isEqualTo(PRINCIPAL);
        assertThat(first.encryptionContext()).containsEntry("purpose", "test");
        assertThat(first.account()).isEqualTo("000000000000");
        assertThat(first.region()).isEqualTo("us-east-1");
        assertThat(events.get(1).time()).isEqualTo(START.plusSeconds(5));
        assertThat(events.get(2).principal()).isEqualTo("s3.amazonaws.com");
        assertThat(engine.usageLog().events(null, 100)).hasSize(4);
        assertThat(engine.usageLog().events(key.arn(), 2)).extracting(AuditEvent::operation)
                .containsExactly("Decrypt", "GenerateDataKey");
    }

    @Test
    void auditRouteAnswersJsonNewestLast() throws Exception {
        KeyMeta key = symmetricKey();
        crypto().encrypt(use(), key.keyId(), DATA, Map.of("a", "b"), null);
        crypto().encrypt(use(), key.keyId(), DATA, null, null);
        ServiceResponse r = new AuditRoute(engine.usageLog()).handle("GET", Map.of("keyId", List.of(key.keyId()),
                "limit", List.of("1")), new byte[0]);
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.get("events")).hasSize(1);
        JsonNode e = body.get("events").get(0);
        assertThat(e.get("time").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(e.get("operation").asText()).isEqualTo("Encrypt");
        assertThat(e.get("keyArn").asText()).isEqualTo(key.arn());
        assertThat(e.get("encryptionContext").size()).isZero();
        assertThatThrownBy(() -> new AuditRoute(engine.usageLog()).handle("GET", Map.of("limit", List.of("x")), new byte[0]))
                .isInstanceOfSatisfying(AwsException.class, bad -> {
                    assertThat(bad.status()).isEqualTo(400);
                    assertThat(bad.code()).isEqualTo("ValidationException");
                });
    }

    @Test
    void theLogIsBoundedAndSurvivesRestarts() {
        closeEngine();
        store = io.tarn.core.store.StateStore.open(dir.resolve("db"), false);
        engine = KmsEngine.open(store.keyspace("kms"), clock, scheduler, MasterKey.loadOrCreate(dir.resolve("kms/master.key")), 10);
        KeyMeta key = symmetricKey();
        for (int i = 0; i < 2000; i++) {
            crypto().encrypt(use(), key.keyId(), DATA, Map.of("i", Integer.toString(i)), null);
        }
        assertThat(engine.usageLog().size()).isLessThanOrEqualTo(10 + 1024);
        List<AuditEvent> events = engine.usageLog().events(null, 5000);
        assertThat(events.size()).isBetween(10, 10 + 1024);
        assertThat(events.get(events.size() - 1).encryptionContext()).containsEntry("i", "1999");

        reopen();
        crypto().encrypt(use(), key.keyId(), DATA, Map.of("i", "after"), null);
        List<AuditEvent> later = engine.usageLog().events(null, 1);
        assertThat(later.get(0).encryptionContext()).containsEntry("i", "after");
    }
}
