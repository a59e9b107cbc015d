package io.tarn.core.store.blob;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;

/** Shared helpers for the blob store tests. */
final class BlobTesting {

    static final int S = BlobFormat.SEGMENT_SIZE;

    private BlobTesting() {}

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes {@code data} in chunks of {@code chunk} bytes and commits. */
    static BlobRef write(BlobStore store, DataKey key, byte[] data, int chunk) {
        BlobWriter writer = store.create(key);
        for (int at = 0; at < data.length; at += chunk) {
            ByteBuffer part = ByteBuffer.wrap(data, at, Math.min(chunk, data.length - at));
            writer.write(part);
            if (part.hasRemaining()) {
                throw new AssertionError("write left bytes in the buffer");
            }
        }
        if (writer.length() != data.length) {
            throw new AssertionError("length " + writer.length() + " after writing " + data.length);
        }
        return writer.commit();
    }

    static BlobRef write(BlobStore store, DataKey key, byte[] data) {
        return write(store, key, data, 1024 * 1024);
    }

    static byte[] read(BlobStore store, BlobRef ref, DataKey key, long offset, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlobReader reader = store.read(ref, key, offset, length)) {
            ByteBuffer chunk;
            while ((chunk = reader.next()) != null) {
                if (chunk.remaining() > S) {
                    throw new AssertionError("a chunk larger than a segment: " + chunk.remaining());
                }
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                out.write(bytes, 0, bytes.length);
            }
            if (reader.remaining() != 0) {
                throw new AssertionError("reader ended with " + reader.remaining() + " bytes remaining");
            }
        }
        return out.toByteArray();
    }

    static byte[] readAll(BlobStore store, BlobRef ref, DataKey key) {
        return read(store, ref, key, 0, ref.length());
    }
}
