package io.tarn.core.spi;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A response body produced part by part (an S3 object read from disk), so it never sits whole in
 * memory. The server pulls parts off the event loop, only while the client keeps up.
 */
public interface BodySource extends AutoCloseable {

    /** The body's total length in bytes: the response's Content-Length. */
    long length();

    /** The next part, or null at the end. May block; the buffer is only read until the next call. */
    @Nullable ByteBuffer next();

    /** Releases files and buffers; called once, whether or not the body was read to its end. */
    @Override
    void close();
}
