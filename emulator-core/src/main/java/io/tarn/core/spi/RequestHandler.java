package io.tarn.core.spi;

import io.tarn.core.error.AwsException;

/** A service's entry point for requests routed to it. Runs off the event loop; may block. */
public interface RequestHandler {

    /** Answers {@code request}; an {@link AwsException} thrown here is rendered by {@link #error}. */
    ServiceResponse handle(ServiceRequest request);

    /**
     * Renders an error raised for a request of this service, by the core (authentication, size
     * limits) or by the operation, in the protocol the request used. The body of {@code request}
     * may not have been read.
     */
    ServiceResponse error(ServiceRequest request, AwsException error);

    /** The largest request body this service accepts, in bytes. */
    default long maxBodyBytes() {
        return 8L << 20;
    }
}
