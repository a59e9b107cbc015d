package io.tarn.core.spi;

import io.tarn.core.error.AwsException;
import org.jspecify.annotations.Nullable;

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

    /**
     * Whether this request's body should stream to a {@link BodySink} instead of being gathered
     * whole (an object upload). Decided from the head alone: {@code head} has an empty body and is
     * not yet authenticated. Runs on the event loop: no blocking.
     */
    default boolean streamsBody(ServiceRequest head) {
        return false;
    }

    /**
     * Whether this request proves who sent it in its body rather than its head (S3's browser POST
     * form: a policy signed in a form field). The core then lets it through unauthenticated, as the
     * default account, and the handler verifies the credentials the body carries. Asked only of
     * requests that carry no signature; decided from the head alone, on the event loop.
     */
    default boolean authenticatesInBody(ServiceRequest head) {
        return false;
    }

    /**
     * Opens the sink for a request {@link #streamsBody} chose, once it is authenticated. The body
     * of {@code request} is empty; its parts go to the sink.
     */
    default BodySink openBody(ServiceRequest request) {
        throw new UnsupportedOperationException("this service does not stream request bodies");
    }

    /**
     * The path a SigV2 signature ({@code Authorization: AWS key:signature}, S3's legacy scheme)
     * of this request covers, path style ({@code /bucket/key}, still percent-encoded) whatever
     * the addressing; null when this service does not accept SigV2. Runs on the event loop.
     */
    default @Nullable String sigV2Resource(ServiceRequest head) {
        return null;
    }

    /** The largest request body this service accepts, in bytes. */
    default long maxBodyBytes() {
        return 8L << 20;
    }

    /**
     * The largest body of a request that {@link #streamsBody} did ({@code streamed}) or did not
     * choose to stream: S3 takes gigabytes for an object but a few MiB for an XML configuration.
     */
    default long maxBodyBytes(boolean streamed) {
        return maxBodyBytes();
    }
}
