package io.tarn.core.store.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plaintext range of a blob, from {@link BlobStore#read}, decrypted one segment per {@link
 * #next()} call. Only the segments the range touches are read (positional reads at computed
 * offsets), so a ranged GET near the end of a large object costs one or two segments. Blocking
 * I/O: call it off the event loop. Not thread-safe; close it when done.
 */
public final class BlobReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BlobReader.class);

    private final String id;
    private final @Nullable FileChannel file;
    private final @Nullable ByteBuffer inline;
    private final SegmentCipher cipher;
    private final int segmentSize;
    private final long finalSegment;
    private final int finalSegmentLength;
    private final ByteBuffer sealed;
    private final ByteBuffer plain;
    private long nextSegment;
    private int skip;
    private long remaining;
    private boolean closed;

    BlobReader(@Nullable Path path, BlobRef ref, DataKey key, long offset, long length) {
        this.id = ref.id();
        byte[] inlineBytes = ref.inlineBytes();
        this.inline = inlineBytes == null ? null : ByteBuffer.wrap(inlineBytes).asReadOnlyBuffer();
        this.file = inlineBytes == null ? openFile(path) : null;
        try {
            byte[] header = new byte[BlobFormat.HEADER_BYTES];
            long size = size();
            if (size < header.length) {
                throw truncated(size, ref.length(), "");
            }
            readFully(ByteBuffer.wrap(header), 0);
            this.segmentSize = BlobFormat.parseHeader(header, id);
            long expected = BlobFormat.sealedSize(ref.length(), segmentSize);
            if (size != expected) {
                throw truncated(size, ref.length(), ", expected " + expected);
            }
            this.cipher = new SegmentCipher(key, id, header);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.finalSegment = ref.length() / segmentSize;
        this.finalSegmentLength = (int) (ref.length() % segmentSize);
        this.nextSegment = offset / segmentSize;
        this.skip = (int) (offset % segmentSize);
        this.remaining = length;
        // GCM opens whole segments only; a blob shorter than a segment needs no more than itself.
        int capacity = length == 0 ? 0 : (int) Math.min(segmentSize, ref.length());
        this.sealed = ByteBuffer.allocate(capacity + BlobFormat.TAG_BYTES);
        this.plain = ByteBuffer.allocate(capacity);
    }

    /** Plaintext bytes of the range not yet returned by {@link #next()}. */
    public long remaining() {
        return remaining;
    }

    /**
     * The next chunk of the range (at most one segment), or null once the range is exhausted. The
     * buffer is reused: it is valid only until the next call to {@code next()} or {@code close()}.
     *
     * @throws IllegalStateException if the segment fails authentication (altered, truncated or
     *     reordered data, or the wrong key); no bytes of it are returned
     * @throws UncheckedIOException if the file cannot be read
     */
    public @Nullable ByteBuffer next() {
        if (closed) {
            throw new IllegalStateException("the reader of blob " + id + " is closed");
        }
        if (remaining == 0) {
            return null;
        }
        long index = nextSegment++;
        boolean last = index == finalSegment;
        int plainLength = last ? finalSegmentLength : segmentSize;
        sealed.clear().limit(plainLength + BlobFormat.TAG_BYTES);
        readFully(sealed, BlobFormat.segmentOffset(index, segmentSize));
        sealed.flip();
        plain.clear();
        cipher.open(index, last, sealed, plain);
        int from = skip;
        int n = (int) Math.min(plainLength - from, remaining);
        skip = 0;
        remaining -= n;
        plain.limit(from + n).position(from);
        return plain;
    }

    @Override
    public void close() {
        closed = true;
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // A read-only channel has nothing to flush: nothing the caller could act on.
                log.debug("blob {}: cannot close the file", id, e);
            }
        }
    }

    private FileChannel openFile(@Nullable Path path) {
        try {
            return FileChannel.open(Objects.requireNonNull(path), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("blob " + id + " does not exist (" + path + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open blob " + id + " (" + path + ")", e);
        }
    }

    private long size() {
        if (inline != null) {
            return inline.capacity();
        }
        try {
            return file.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + id, e);
        }
    }

    /** Fills {@code into} from {@code position}; running out of bytes means the blob was cut short. */
    private void readFully(ByteBuffer into, long position) {
        if (inline != null) {
            int at = (int) position;
            into.put(inline.duplicate().limit(at + into.remaining()).position(at));
            return;
        }
        try {
            long at = position;
            while (into.hasRemaining()) {
                int n = file.read(into, at);
                if (n < 0) {
                    throw new IllegalStateException("blob " + id + " ends at byte " + at + ": it was truncated");
                }
                at += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + id, e);
        }
    }

    private IllegalStateException truncated(long size, long length, String expected) {
        return new IllegalStateException("blob " + id + " is " + size + " bytes" + expected
                + " for " + length + " plaintext bytes: it was truncated or altered");
    }
}
