package io.tarn.core.store.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BlobWriter}: a plaintext buffer filling up to one segment, a sealed buffer for its
 * ciphertext, and a temp file opened only when the first segment must be written (a blob that ends
 * up inline usually never touches the disk).
 */
final class SealingBlobWriter implements BlobWriter {

    private static final Logger log = LoggerFactory.getLogger(SealingBlobWriter.class);

    private enum State { OPEN, COMMITTED, ABORTED }

    private final BlobStore store;
    private final String id;
    private final byte[] header;
    private final int segmentSize;
    private final SegmentCipher cipher;
    private final ByteBuffer plain;
    private final ByteBuffer sealed;
    private @Nullable FileChannel channel;
    private @Nullable Path temp;
    private long length;
    private long nextSegment;
    private State state = State.OPEN;

    SealingBlobWriter(BlobStore store, String id, DataKey key) {
        this.store = store;
        this.id = id;
        this.segmentSize = BlobFormat.SEGMENT_SIZE;
        this.header = BlobFormat.newHeader(segmentSize);
        this.cipher = new SegmentCipher(key, id, header);
        this.plain = store.plainBuffers().take();
        this.sealed = store.sealedBuffers().take();
    }

    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        requireOpen("write to");
        try {
            while (data.hasRemaining()) {
                int start = data.position();
                if (plain.position() == 0 && data.remaining() >= segmentSize) {
                    // A whole segment in the caller's buffer: seal it from there, no copy.
                    sealAndWrite(data.slice(start, segmentSize), false);
                    data.position(start + segmentSize);
                    length += segmentSize;
                } else {
                    int n = Math.min(plain.remaining(), data.remaining());
                    plain.put(data.slice(start, n));
                    data.position(start + n);
                    length += n;
                    if (!plain.hasRemaining()) {
                        plain.flip();
                        sealAndWrite(plain, false);
                        plain.clear();
                    }
                }
            }
        } catch (IOException e) {
            fail();
            throw new UncheckedIOException("cannot write blob " + id, e);
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public BlobRef commit() {
        requireOpen("commit");
        try {
            plain.flip();
            seal(plain, true);
            BlobRef ref = length <= store.inlineThreshold() ? commitInline() : commitFile();
            state = State.COMMITTED;
            releaseBuffers();
            return ref;
        } catch (IOException e) {
            fail();
            throw new UncheckedIOException("cannot commit blob " + id, e);
        } catch (RuntimeException e) {
            fail();
            throw e;
        }
    }

    private BlobRef commitInline() throws IOException {
        byte[] bytes;
        FileChannel file = channel;
        if (file == null) {
            bytes = new byte[header.length + sealed.remaining()];
            System.arraycopy(header, 0, bytes, 0, header.length);
            sealed.get(bytes, header.length, sealed.remaining());
        } else {
            // The threshold exceeds a segment: earlier segments are already in the temp file.
            writeFully(file, sealed);
            bytes = new byte[Math.toIntExact(file.position())];
            ByteBuffer into = ByteBuffer.wrap(bytes);
            while (into.hasRemaining()) {
                if (file.read(into, into.position()) < 0) {
                    throw new IOException("temp file of blob " + id + " ended early");
                }
            }
            discardTemp();
        }
        return new BlobRef(id, length, bytes);
    }

    private BlobRef commitFile() throws IOException {
        FileChannel file = openTemp();
        writeFully(file, sealed);
        if (store.fsync()) {
            file.force(true);
        }
        file.close();
        channel = null;
        Path target = store.blobPath(id);
        store.ensureFanOut(target.getParent());
        Files.move(Objects.requireNonNull(temp), target, StandardCopyOption.ATOMIC_MOVE);
        temp = null;
        if (store.fsync()) {
            try {
                store.groupSync().await(target.getParent());
            } catch (RuntimeException e) {
                // Not known to be durable, so not committed: the caller will not reference it.
                deleteQuietly(target);
                throw e;
            }
        }
        return new BlobRef(id, length, null);
    }

    @Override
    public void abort() {
        if (state == State.OPEN) {
            fail();
        }
    }

    private void sealAndWrite(ByteBuffer segment, boolean last) throws IOException {
        seal(segment, last);
        writeFully(openTemp(), sealed);
    }

    /** Seals {@code segment} into {@link #sealed}, flipped for reading. */
    private void seal(ByteBuffer segment, boolean last) {
        sealed.clear();
        cipher.seal(nextSegment++, last, segment, sealed);
        sealed.flip();
    }

    private FileChannel openTemp() throws IOException {
        FileChannel file = channel;
        if (file == null) {
            Path path = store.tempPath(id);
            file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            temp = path;
            channel = file;
            writeFully(file, ByteBuffer.wrap(header));
        }
        return file;
    }

    private static void writeFully(FileChannel file, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            file.write(data);
        }
    }

    /** Ends the writer after an error or an abort, leaving nothing behind if it can. */
    private void fail() {
        if (state == State.OPEN) {
            releaseBuffers();
        }
        state = State.ABORTED;
        discardTemp();
    }

    private void releaseBuffers() {
        store.plainBuffers().give(plain);
        store.sealedBuffers().give(sealed);
    }

    private void discardTemp() {
        FileChannel file = channel;
        channel = null;
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                log.debug("blob {}: cannot close the temp file", id, e);
            }
        }
        Path path = temp;
        temp = null;
        if (path != null) {
            deleteQuietly(path);
        }
    }

    private void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Harmless: a temp file is swept at the next start, a committed one is an orphan.
            log.warn("blob {}: cannot delete {}", id, path, e);
        }
    }

    private void requireOpen(String action) {
        if (state != State.OPEN) {
            throw new IllegalStateException("cannot " + action + " blob " + id + ": its writer is "
                    + (state == State.COMMITTED ? "committed" : "aborted"));
        }
    }
}
