package io.tarn.core.store.blob;

import java.nio.ByteBuffer;

/**
 * A blob being written, from {@link BlobStore#create}. Bytes are sealed a segment at a time into
 * a temp file as they arrive, so a writer holds at most about two segments in memory whatever
 * the blob's size. Not thread-safe: one request writes it. End it with {@link #commit()} or
 * {@link #abort()}; a writer that is neither leaves a temp file until the next start-up sweep.
 */
public interface BlobWriter {

    /**
     * Appends all of {@code data} ({@code data.remaining()} bytes; its position moves to its
     * limit). The buffer is not kept. If this throws, the writer has aborted itself.
     */
    void write(ByteBuffer data);

    /** Plaintext bytes written so far. */
    long length();

    /**
     * Seals the last segment and makes the blob permanent: inline in the returned ref when its
     * length is at most the store's inline threshold (no file remains), else a file renamed into
     * place, durable before this returns when the store fsyncs. If this throws, the writer has
     * aborted itself and no blob exists.
     */
    BlobRef commit();

    /**
     * Drops the blob being written and its temp file. Does nothing after a commit (use {@link
     * BlobStore#delete}), after a failure or when called again; never throws.
     */
    void abort();
}
