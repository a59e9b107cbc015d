package io.tarn.kms.model;

import io.tarn.core.spi.Namespace;
import java.time.Instant;

/** A persisted timer (deletion or rotation of a key), re-armed on the scheduler at start. */
public record TimerEntry(int schemaVersion, String kind, String account, String region, String keyId, Instant due) {

    public static final int SCHEMA_VERSION = 1;
    public static final String DELETION = "deletion";
    public static final String ROTATION = "rotation";

    public static TimerEntry deletion(Namespace ns, String keyId, Instant due) {
        return new TimerEntry(SCHEMA_VERSION, DELETION, ns.account(), ns.region(), keyId, due);
    }

    public static TimerEntry rotation(Namespace ns, String keyId, Instant due) {
        return new TimerEntry(SCHEMA_VERSION, ROTATION, ns.account(), ns.region(), keyId, due);
    }

    public Namespace namespace() {
        return new Namespace(account, region);
    }
}
