package io.tarn.kms.engine;

import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * One version of a key's material, unwrapped and ready to use: an AES or HMAC secret, or a key
 * pair. Lives only in memory (the {@link KeyMaterialVault} cache).
 */
final class Material {

    final int version;
    final String materialId;
    final @Nullable SecretKeySpec secret;
    final @Nullable PrivateKey privateKey;
    final @Nullable PublicKey publicKey;

    Material(int version, String materialId, @Nullable SecretKeySpec secret, @Nullable PrivateKey privateKey,
            @Nullable PublicKey publicKey) {
        this.version = version;
        this.materialId = materialId;
        this.secret = secret;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    SecretKeySpec secret() {
        if (secret == null) {
            throw new IllegalStateException("material " + materialId + " is not a secret key");
        }
        return secret;
    }

    PrivateKey privateKey() {
        if (privateKey == null) {
            throw new IllegalStateException("material " + materialId + " is not a key pair");
        }
        return privateKey;
    }

    PublicKey publicKey() {
        if (publicKey == null) {
            throw new IllegalStateException("material " + materialId + " is not a key pair");
        }
        return publicKey;
    }
}
