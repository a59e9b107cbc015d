package io.tarn.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.TarnProcess;
import io.tarn.it.AdminCalls;
import io.tarn.it.TarnServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;

/** Acknowledged writes survive kill -9 (SIGKILL: no shutdown hook, no flush) and a restart. */
class DurabilityIT {

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveKillDashNine() {
        createKillRestartCheck(dir.resolve("data"));
    }

    @Test
    void withFsyncToo() {
        createKillRestartCheck(dir.resolve("fsync"), "--fsync");
    }

    private static void createKillRestartCheck(Path data, String... args) {
        List<String> keyIds = new ArrayList<>();
        SdkBytes blob;
        try (TarnProcess tarn = TarnProcess.start(data, args)) {
            try (KmsClient kms = TarnServerExtension.client(KmsClient.class, tarn.endpoint())) {
                for (int i = 0; i < 20; i++) {
                    String id = kms.createKey(b -> b.description("durable")).keyMetadata().keyId();
                    keyIds.add(id);
                }
                kms.createAlias(b -> b.aliasName("alias/durable").targetKeyId(keyIds.get(0)));
                kms.disableKey(b -> b.keyId(keyIds.get(1)));
                blob = kms.encrypt(b -> b.keyId("alias/durable").plaintext(SdkBytes.fromString("kept", StandardCharsets.UTF_8))
                        .encryptionContext(Map.of("k", "v"))).ciphertextBlob();
            }
            tarn.kill();
            tarn.restart();
            try (KmsClient kms = TarnServerExtension.client(KmsClient.class, tarn.endpoint())) {
                for (String id : keyIds) {
                    assertThat(kms.describeKey(b -> b.keyId(id)).keyMetadata().description()).isEqualTo("durable");
                }
                assertThat(kms.describeKey(b -> b.keyId(keyIds.get(1))).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
                assertThat(kms.describeKey(b -> b.keyId("alias/durable")).keyMetadata().keyId()).isEqualTo(keyIds.get(0));
                assertThat(kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(Map.of("k", "v"))).plaintext().asUtf8String())
                        .isEqualTo("kept");
            }
        }
    }

    @Test
    void anAdvancedClockStaysAdvancedAcrossRestarts() throws Exception {
        try (TarnProcess tarn = TarnProcess.start(dir.resolve("clock"))) {
            AdminCalls.send(tarn.endpoint(), "POST", "/_tarn/clock", "{\"advance\":\"P400D\"}");
            String advanced = AdminCalls.send(tarn.endpoint(), "GET", "/_tarn/clock", null).body();
            tarn.kill();
            tarn.restart();
            String after = AdminCalls.send(tarn.endpoint(), "GET", "/_tarn/clock", null).body();
            int year = Integer.parseInt(advanced.replaceAll(".*\"now\":\"(\\d{4}).*", "$1"));
            assertThat(Integer.parseInt(after.replaceAll(".*\"now\":\"(\\d{4}).*", "$1"))).isGreaterThanOrEqualTo(year);
            assertThat(after).isNotEqualTo(advanced);
        }
    }
}
