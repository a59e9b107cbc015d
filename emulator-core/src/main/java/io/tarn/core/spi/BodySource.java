package io.tarn.core.spi;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A response body produced part by part (an S3 object read from disk), so it never sits whole in
 * memory. The server pulls parts off the event loop, only while the client keeps up.
 */
public interface BodySource extends AutoCloseable {

    /**
     * The body's total length in bytes, the response's Content-Length; -1 for a live body of
     * unknown length (an event stream), sent chunked over HTTP/1.1 and as plain DATA frames over HTTP/2.
     */
    long length();

    /**
     * The next part, or null at the end. May block briefly; the buffer is only read until the next
     * call. A live source answers an empty buffer when it has nothing yet: it is asked again soon,
     * without holding a worker thread while it waits.
     */
    @Nullable ByteBuffer next();

    /** Releases files and buffers; called once, whether or not the body was read to its end. */
    @Override
    void close();
}
