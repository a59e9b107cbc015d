package io.tarn.core.http;

import io.tarn.core.spi.ServiceResponse;
import java.nio.ByteBuffer;

/**
 * An exchange that takes its body part by part as it arrives instead of gathered whole (an S3
 * object of gigabytes). Each call runs off the event loop and may block; the connection reads the
 * next part only once it returns, so a slow disk pushes back on the client.
 */
public interface StreamingExchange extends Exchange {

    /** The next part of the body; valid only during the call. A runtime exception ends the body: {@link #fail} answers. */
    void onBody(ByteBuffer part);

    /** The answer once the whole body was taken. */
    ServiceResponse complete();

    /** The answer when {@link #onBody} failed; the rest of the body is dropped. */
    ServiceResponse fail(RuntimeException failure);

    /** The connection closed before the body ended: drop what was taken. */
    void abort();

    @Override
    default ServiceResponse complete(byte[] body) {
        throw new IllegalStateException("a streaming exchange takes its body part by part");
    }
}
