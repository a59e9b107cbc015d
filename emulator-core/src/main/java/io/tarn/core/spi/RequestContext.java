package io.tarn.core.spi;

import io.tarn.core.time.EmulatorClock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an operation knows of its request besides its input: where it acts, who asks, and the
 * request id the answer carries; for a signed streaming body in strict mode, how to check its chunks;
 * whether it came over TLS ({@code secureTransport}: S3 refuses SSE-C keys sent in the clear), and
 * from which address ({@code sourceIp}, null when not known: policies' aws:SourceIp).
 */
public record RequestContext(String requestId, Namespace namespace, Caller caller, String service, EmulatorClock clock,
        @Nullable StreamSigning streamSigning, boolean secureTransport, @Nullable String sourceIp) {

    public RequestContext(String requestId, Namespace namespace, Caller caller, String service, EmulatorClock clock) {
        this(requestId, namespace, caller, service, clock, null, false, null);
    }

    public RequestContext(String requestId, Namespace namespace, Caller caller, String service, EmulatorClock clock,
            @Nullable StreamSigning streamSigning) {
        this(requestId, namespace, caller, service, clock, streamSigning, false, null);
    }

    public RequestContext(String requestId, Namespace namespace, Caller caller, String service, EmulatorClock clock,
            @Nullable StreamSigning streamSigning, boolean secureTransport) {
        this(requestId, namespace, caller, service, clock, streamSigning, secureTransport, null);
    }

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
