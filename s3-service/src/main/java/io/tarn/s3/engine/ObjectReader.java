package io.tarn.s3.engine;

import io.tarn.core.store.blob.BlobReader;
import io.tarn.core.store.blob.BlobStore;
import io.tarn.core.store.blob.DataKey;
import io.tarn.s3.model.StoredPart;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a range of an object's plaintext across its stored parts, opening each part's blob only
 * when the range reaches it and decrypting only the segments the range covers.
 *
 * <p>Not thread-safe: one thread at a time uses it, {@link #close()} included (a streamed GET hands
 * it between a worker and the event loop, never sharing it). Once closed it refuses to read.
 */
public final class ObjectReader implements AutoCloseable {

    private final BlobStore blobs;
    private final DataKey key;
    private final List<StoredPart> parts;
    private final long length;
    private long position; // object offset of the next byte to open
    private long remaining;
    private int part;
    private long partStart;
    private @Nullable BlobReader current;
    private boolean closed;

    ObjectReader(BlobStore blobs, DataKey key, List<StoredPart> parts, long offset, long length) {
        this.blobs = blobs;
        this.key = key;
        this.parts = parts;
        this.length = length;
        this.position = offset;
        this.remaining = length;
    }

    public long length() {
        return length;
    }

    /**
     * The next chunk of plaintext, or null at the end of the range.
     *
     * @throws IllegalStateException once the reader is closed
     */
    public @Nullable ByteBuffer next() {
        if (closed) {
            throw new IllegalStateException("the object reader is closed");
        }
        while (remaining > 0) {
            if (current == null) {
                while (part < parts.size() && partStart + parts.get(part).size() <= position) {
                    partStart += parts.get(part).size();
                    part++;
                }
                if (part >= parts.size()) {
                    throw new IllegalStateException("object parts end before the range");
                }
                StoredPart p = parts.get(part);
                long within = position - partStart;
                long n = Math.min(p.size() - within, remaining);
                current = blobs.read(p.blob(), key, within, n);
                position += n;
            }
            ByteBuffer chunk = current.next();
            if (chunk != null) {
                remaining -= chunk.remaining();
                return chunk;
            }
            current.close();
            current = null;
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
