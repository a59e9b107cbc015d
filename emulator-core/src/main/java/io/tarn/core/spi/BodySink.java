package io.tarn.core.spi;

import java.nio.ByteBuffer;

/**
 * Takes a streamed request body part by part (see {@link RequestHandler#streamsBody}). Calls come
 * one at a time, in order, off the event loop, and may block: the client waits meanwhile.
 */
public interface BodySink {

    /** The next part; valid only during the call. An exception ends the request with its error. */
    void accept(ByteBuffer part);

    /** The body is complete: the answer. */
    ServiceResponse finish();

    /** The request ended early (connection lost, body too large): drop what was taken. */
    void abort();
}
