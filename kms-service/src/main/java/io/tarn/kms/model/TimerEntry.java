package io.tarn.kms.model;

import java.time.Instant;

/** A persisted timer (deletion or rotation of a key), re-armed on the scheduler at start. */
public record TimerEntry(int schemaVersion, String kind, String account, String region, String keyId, Instant due) {

    public static final int SCHEMA_VERSION = 1;
    public static final String DELETION = "deletion";
    public static final String ROTATION = "rotation";
}
