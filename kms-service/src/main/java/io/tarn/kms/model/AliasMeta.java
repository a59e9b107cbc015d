package io.tarn.kms.model;

import java.time.Instant;

/** An alias: a name in an account and region that points at one key. */
public record AliasMeta(
        int schemaVersion,
        String aliasName,
        String aliasArn,
        String targetKeyId,
        Instant creationDate,
        Instant lastUpdatedDate) {

    public static final int SCHEMA_VERSION = 1;

    public AliasMeta retarget(String keyId, Instant now) {
        return new AliasMeta(schemaVersion, aliasName, aliasArn, keyId, creationDate, now);
    }
}
