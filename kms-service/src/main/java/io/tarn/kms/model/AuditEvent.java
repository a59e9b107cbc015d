package io.tarn.kms.model;

import java.time.Instant;
import java.util.Map;

/** One use of a key, as the key-usage audit log keeps it. */
public record AuditEvent(
        int schemaVersion,
        Instant time,
        String keyId,
        String keyArn,
        String operation,
        String principal,
        Map<String, String> encryptionContext,
        String account,
        String region) {

    public static final int SCHEMA_VERSION = 1;
}
