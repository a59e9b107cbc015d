package io.tarn.core.protocol.json;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where a worker thread encodes an answer before copying it out once: one growing array kept per thread.
 * Jackson's own builder allocates a chain of new blocks for every answer and joins them at the end; for a
 * 430 KiB GetPartitions page those allocations were 16% of the server's JFR samples.
 */
final class ResponseBuffer extends OutputStream {

    /** A buffer that grew past this is dropped after use, so a rare huge answer does not stay on the heap. */
    private static final int MAX_KEPT = 1 << 20;
    private static final ThreadLocal<ResponseBuffer> OF_THREAD = ThreadLocal.withInitial(ResponseBuffer::new);

    private byte[] bytes = new byte[8192];
    private int size;

    private ResponseBuffer() {}

    /** This thread's buffer, emptied. Not reentrant: one encoding at a time per thread. */
    static ResponseBuffer take() {
        ResponseBuffer b = OF_THREAD.get();
        b.size = 0;
        return b;
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    /** The bytes written, copied out; the buffer is ready for the thread's next answer. */
    byte[] toByteArrayAndRelease() {
        byte[] out = Arrays.copyOf(bytes, size);
        if (bytes.length > MAX_KEPT) {
            bytes = new byte[8192];
        }
        size = 0;
        return out;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
