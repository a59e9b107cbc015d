package io.tarn.core.spi;

import io.tarn.core.time.EmulatorClock;
import java.time.Instant;

/**
 * What an operation knows of its request besides its input: where it acts, who asks, and the
 * request id the answer carries.
 */
public record RequestContext(String requestId, Namespace namespace, Caller caller, String service, EmulatorClock clock) {

    public String account() {
        return namespace.account();
    }

    public String region() {
        return namespace.region();
    }

    public Instant now() {
        return clock.instant();
    }
}
