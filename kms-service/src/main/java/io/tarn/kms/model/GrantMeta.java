package io.tarn.kms.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A grant on a key, as CreateGrant stored it. */
public record GrantMeta(
        int schemaVersion,
        String grantId,
        String keyId,
        String keyArn,
        @Nullable String name,
        String granteePrincipal,
        @Nullable String retiringPrincipal,
        String issuingAccount,
        List<String> operations,
        @Nullable Map<String, String> encryptionContextSubset,
        @Nullable Map<String, String> encryptionContextEquals,
        Instant creationDate) {

    public static final int SCHEMA_VERSION = 1;
}
