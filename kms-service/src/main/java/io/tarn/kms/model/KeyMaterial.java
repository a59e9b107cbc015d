package io.tarn.kms.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One version of a key's material, encrypted under the master key ({@code wrapped}); never stored
 * in plaintext. Version 1 is the material the key was created with; rotations add versions.
 *
 * @param materialId AWS's KeyMaterialId: 64 hex characters, random, unrelated to the material
 * @param rotationType null for the original material, else AUTOMATIC or ON_DEMAND
 */
public record KeyMaterial(
        int schemaVersion,
        String keyId,
        int version,
        String materialId,
        Instant createdAt,
        @Nullable String rotationType,
        byte[] wrapped) {

    public static final int SCHEMA_VERSION = 1;
}
