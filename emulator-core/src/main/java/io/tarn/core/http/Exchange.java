package io.tarn.core.http;

import io.tarn.core.protocol.ProtocolErrors;
import io.tarn.core.spi.Protocol;
import io.tarn.core.spi.ServiceResponse;
import java.util.UUID;

/**
 * One request in flight, once its head has been routed: how much body it may have, and how to
 * answer once the body is in. Runs off the event loop.
 */
public interface Exchange {

    /** The largest body accepted; a larger one is answered by {@link #tooLarge()}. */
    long maxBodyBytes();

    /** Answers the request with its whole body. May block. */
    ServiceResponse complete(byte[] body);

    /** The answer when the body exceeds {@link #maxBodyBytes()}. */
    ServiceResponse tooLarge();

    /**
     * The last-resort answer when answering failed unexpectedly (a bug): a 500 in the error shape
     * of the request's protocol, never plain text. Must not fail itself.
     */
    default ServiceResponse internalError() {
        return ProtocolErrors.internalError(Protocol.JSON, UUID.randomUUID().toString(), "POST", null);
    }

    /** An exchange already answered at the head (a routing or admission error). */
    static Exchange answered(ServiceResponse response) {
        return new Exchange() {
            @Override
            public long maxBodyBytes() {
                return Long.MAX_VALUE;
            }

            @Override
            public ServiceResponse complete(byte[] body) {
                return response;
            }

            @Override
            public ServiceResponse tooLarge() {
                return response;
            }
        };
    }
}
