package io.tarn.kms.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.kms.model.KeyMaterial;
import io.tarn.kms.model.KeyMeta;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationTest extends EngineFixture {

    private static final byte[] DATA = "rotate me".getBytes(StandardCharsets.UTF_8);

    @Test
    void onDemandRotationAddsMaterialAndOldCiphertextStillDecrypts() {
        KeyMeta key = symmetricKey();
        byte[] before = crypto().encrypt(use(), key.keyId(), DATA, null, null).ciphertextBlob();

        KeyMeta rotated = rotation().rotateOnDemand(NS, key.keyId());
        assertThat(rotated.currentMaterialVersion()).isEqualTo(2);
        assertThat(rotated.currentMaterialId()).isNotEqualTo(key.currentMaterialId());
        assertThat(rotated.onDemandRotations()).isEqualTo(1);

        byte[] after = crypto().encrypt(use(), key.keyId(), DATA, null, null).ciphertextBlob();
        CryptoEngine.Decrypted old = crypto().decrypt(use(), before, null, null, null);
        assertThat(old.plaintext()).isEqualTo(DATA);
        assertThat(old.materialId()).isEqualTo(key.currentMaterialId());
        assertThat(crypto().decrypt(use(), after, null, null, null).materialId()).isEqualTo(rotated.currentMaterialId());

        List<KeyMaterial> rotations = rotation().rotations(NS, key.keyId(), false, null, 100).items();
        assertThat(rotations).extracting(KeyMaterial::rotationType).containsExactly("ON_DEMAND");
        assertThat(rotation().rotations(NS, key.keyId(), true, null, 100).items()).hasSize(2);
    }

    @Test
    void automaticRotationHappensOnTheEmulatorClock() {
        KeyMeta key = symmetricKey();
        byte[] before = crypto().encrypt(use(), key.keyId(), DATA, null, null).ciphertextBlob();
        KeyMeta enabled = rotation().enable(NS, key.keyId(), 90);
        assertThat(enabled.nextRotationDate()).isEqualTo(START.plus(Duration.ofDays(90)));

        clock.advance(Duration.ofDays(89));
        assertThat(keys().find(NS, key.keyId()).currentMaterialVersion()).isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        KeyMeta once = keys().find(NS, key.keyId());
        assertThat(once.currentMaterialVersion()).isEqualTo(2);
        assertThat(once.nextRotationDate()).isEqualTo(START.plus(Duration.ofDays(180)));

        // a restart re-arms the timer; two periods passing rotate twice
        reopen();
        clock.advance(Duration.ofDays(180));
        KeyMeta thrice = keys().find(NS, key.keyId());
        assertThat(thrice.currentMaterialVersion()).isEqualTo(4);
        assertThat(rotation().rotations(NS, key.keyId(), false, null, 100).items())
                .extracting(KeyMaterial::rotationType).containsOnly("AUTOMATIC").hasSize(3);
        assertThat(crypto().decrypt(use(), before, null, null, null).plaintext()).isEqualTo(DATA);

        rotation().disable(NS, key.keyId());
        clock.advance(Duration.ofDays(365));
        assertThat(keys().find(NS, key.keyId()).currentMaterialVersion()).isEqualTo(4);
    }

    @Test
    void onlySymmetricKeysRotate() {
        KeyMeta rsa = key("SIGN_VERIFY", "RSA_2048");
        assertAws(() -> rotation().enable(NS, rsa.keyId(), null), "UnsupportedOperationException");
        assertAws(() -> rotation().rotateOnDemand(NS, rsa.keyId()), "UnsupportedOperationException");
        assertAws(() -> rotation().rotations(NS, rsa.keyId(), false, null, 10), "UnsupportedOperationException");
        KeyMeta key = symmetricKey();
        keys().disable(NS, key.keyId());
        assertAws(() -> rotation().enable(NS, key.keyId(), null), "DisabledException");
    }

    @Test
    void onDemandRotationsAreLimited() {
        KeyMeta key = symmetricKey();
        for (int i = 0; i < 25; i++) {
            rotation().rotateOnDemand(NS, key.keyId());
        }
        assertAws(() -> rotation().rotateOnDemand(NS, key.keyId()), "LimitExceededException");
    }
}
