package io.tarn.core.http;

import io.tarn.core.spi.ServiceResponse;
import java.nio.charset.StandardCharsets;

/**
 * Lets the server listen while the rest starts in parallel: until the real dispatcher is set,
 * every request is answered 503 (the health endpoint says {@code starting}).
 */
public final class DeferredDispatcher implements Dispatcher {

    private static final ServiceResponse STARTING = ServiceResponse.of(503, "application/json",
            "{\"status\":\"starting\"}".getBytes(StandardCharsets.UTF_8));

    private volatile Dispatcher target;

    public void set(Dispatcher dispatcher) {
        target = dispatcher;
    }

    @Override
    public Exchange begin(RequestHead head) {
        Dispatcher t = target;
        return t != null ? t.begin(head) : Exchange.answered(STARTING);
    }
}
