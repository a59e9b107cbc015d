package io.tarn.core.store.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk store for S3 object bytes, encrypted at rest. Metadata lives in the state store;
 * this holds only bytes, named by random ids. The protocol for a caller is: write, {@link
 * BlobWriter#commit() commit} (the blob is durable when fsync is on), then write the metadata
 * batch holding the {@link BlobRef}; on delete, remove the metadata first, then {@link #delete}
 * the blob. A crash can thus leave an unreferenced blob behind, never a reference to no blob.
 *
 * <h2>Layout</h2>
 * <pre>
 * dir/lock                  held (OS file lock) while a store is open: one store per directory
 * dir/tmp/&lt;id&gt;.blob-tmp     a blob being written; deleted by the sweep in {@link #open}
 * dir/&lt;id[0..2]&gt;/&lt;id&gt;        a committed blob; 256 fan-out directories made at open
 * </pre>
 * Ids are 128 random bits in lowercase hex.
 *
 * <h2>Blob format (version 1)</h2>
 * <pre>
 * header  16 bytes  "TRNB" | version 0x01 | 3 zero bytes | nonce prefix (4 random) | segment size (u32 BE)
 * segment i         AES-256-GCM(plaintext[i*S, min((i+1)*S, length))) || 16-byte tag
 *                   at offset 16 + i*(S+16)
 * </pre>
 * The plaintext is cut into segments of S = 64 KiB; a blob of n bytes has {@code n/S + 1}
 * segments, the last holding {@code n % S} bytes (possibly none), so a zero-length blob is one
 * empty sealed segment and a writer seals each segment as soon as it is full. The sealed size is
 * therefore exactly {@code 16 + n + 16*(n/S + 1)}, which the reader checks before anything else.
 * <ul>
 *   <li>Key: per blob, {@code HMAC-SHA256(dataKey, "tarn/blob/v1" || id || 0x01)} (HKDF-Expand),
 *       because the parts of a multipart upload share one {@link DataKey}.</li>
 *   <li>Nonce (12 bytes): nonce prefix || segment index (u64 BE).</li>
 *   <li>Additional data: header || id (16 raw bytes) || segment index (u64 BE) || 1 if the final
 *       segment else 0. Reordered, swapped or dropped segments, a truncated blob, a changed
 *       header and a wrong key all fail authentication: an {@link IllegalStateException} naming
 *       the blob, never wrong bytes.</li>
 * </ul>
 * An inline {@link BlobRef} carries exactly these bytes (header included), so one reader serves both.
 *
 * <p>Thread-safe: any number of writers and readers may run at once; each writer or reader is
 * used by one thread. Directory fsyncs of concurrent commits are shared (see {@code GroupSync}).
 * Deletes are not fsynced: a delete lost to a crash only leaves an orphan, never a dangling ref.
 */
public final class BlobStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BlobStore.class);

    static final String TEMP_SUFFIX = ".blob-tmp";
    /** The largest inline threshold: inline bytes travel in metadata records (RocksDB values). */
    public static final int MAX_INLINE_THRESHOLD = 1024 * 1024;

    private final Path dir;
    private final Path tmpDir;
    private final boolean fsync;
    private final int inlineThreshold;
    private final GroupSync groupSync = new GroupSync();
    private final java.util.BitSet knownFanOuts = new java.util.BitSet(256);
    private final BufferPool plainBuffers = new BufferPool(BlobFormat.SEGMENT_SIZE, 64);
    private final BufferPool sealedBuffers = new BufferPool(BlobFormat.SEGMENT_SIZE + BlobFormat.TAG_BYTES, 64);
    private final FileChannel lockChannel;
    private final FileLock lock;
    private volatile boolean closed;

    private BlobStore(Path dir, boolean fsync, int inlineThreshold, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.tmpDir = dir.resolve("tmp");
        this.fsync = fsync;
        this.inlineThreshold = inlineThreshold;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating it if needed) the store in {@code dir} and deletes the temp files a crash
     * left behind.
     *
     * @param fsync whether a commit is durable against power loss (file and directory fsync)
     *     rather than only against a process crash
     * @param inlineThreshold blobs of at most this many plaintext bytes are returned inline in
     *     their {@link BlobRef} instead of written to a file; 0 inlines only empty blobs, a
     *     negative value none; at most {@value #MAX_INLINE_THRESHOLD}
     */
    public static BlobStore open(Path dir, boolean fsync, int inlineThreshold) {
        Objects.requireNonNull(dir, "dir");
        if (inlineThreshold > MAX_INLINE_THRESHOLD) {
            throw new IllegalArgumentException("inline threshold " + inlineThreshold + " exceeds " + MAX_INLINE_THRESHOLD);
        }
        Path root = dir.toAbsolutePath();
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(root);
            lockChannel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel, root);
            BlobStore store = new BlobStore(root, fsync, inlineThreshold, lockChannel, lock);
            store.prepareDirectories();
            return store;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("cannot open the blob store in " + root, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path root) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            // Its start-up sweep would delete the other store's blobs in progress.
            throw new IllegalStateException("the blob store in " + root + " is already open");
        }
        return lock;
    }

    private void prepareDirectories() throws IOException {
        boolean created = !Files.isDirectory(tmpDir);
        Files.createDirectories(tmpDir);
        int swept = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(tmpDir, "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
                swept++;
            }
        }
        log.debug("blob store {}: swept {} temp files left by interrupted writes", dir, swept);
        if (fsync && created) {
            GroupSync.fsyncDirectory(dir);
        }
    }

    /**
     * Makes sure the fan-out directory a blob is renamed into exists. They are created on first
     * use, not at open: 256 mkdirs cost a fresh (ephemeral) store over 100 ms of start-up. A new
     * directory is fsynced into its parent at once with --fsync, so later commits only ever sync
     * the directory their rename landed in.
     */
    void ensureFanOut(Path fanOut) throws IOException {
        int index = Integer.parseInt(fanOut.getFileName().toString(), 16);
        if (knownFanOuts.get(index)) {
            return;
        }
        synchronized (knownFanOuts) {
            if (!Files.isDirectory(fanOut)) {
                Files.createDirectories(fanOut);
                if (fsync) {
                    GroupSync.fsyncDirectory(dir);
                }
            }
            knownFanOuts.set(index);
        }
    }

    /** Starts a new blob, sealed under {@code key}; nothing exists on disk until it has bytes. */
    public BlobWriter create(DataKey key) {
        Objects.requireNonNull(key, "key");
        requireOpen();
        return new SealingBlobWriter(this, BlobFormat.newId(), key);
    }

    /**
     * Reads plaintext bytes {@code [offset, offset + length)} of a committed blob, decrypting only
     * the segments the range touches.
     *
     * @throws IllegalArgumentException if the range is not within {@code [0, ref.length()]}
     * @throws IllegalStateException if the blob is damaged or {@code key} is not its key
     * @throws UncheckedIOException if the file cannot be read (or does not exist)
     */
    public BlobReader read(BlobRef ref, DataKey key, long offset, long length) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(key, "key");
        if (offset < 0 || length < 0 || offset > ref.length() - length) {
            throw new IllegalArgumentException("range [" + offset + ", +" + length + ") is outside blob "
                    + ref.id() + " of " + ref.length() + " bytes");
        }
        if (ref.detached()) {
            throw new IllegalArgumentException("blob " + ref.id() + " is detached: attach its bytes to read it");
        }
        requireOpen();
        return new BlobReader(ref.inlined() ? null : blobPath(ref.id()), ref, key, offset, length);
    }

    /**
     * Deletes every committed blob (an admin reset cleared the metadata that pointed at them).
     * Writes in progress are not affected.
     */
    public void clear() {
        requireOpen();
        try (DirectoryStream<Path> fanOut = Files.newDirectoryStream(dir, p -> Files.isDirectory(p) && !p.equals(tmpDir))) {
            for (Path sub : fanOut) {
                try (DirectoryStream<Path> blobs = Files.newDirectoryStream(sub)) {
                    for (Path blob : blobs) {
                        Files.deleteIfExists(blob);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the blob store in " + dir, e);
        }
    }

    /** Deletes a committed blob; a blob already gone is fine, and an inline or detached one has no file. */
    public void delete(BlobRef ref) {
        Objects.requireNonNull(ref, "ref");
        requireOpen();
        if (ref.inlined() || ref.detached()) {
            return;
        }
        Path file = blobPath(ref.id());
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete blob " + ref.id() + " (" + file + ")", e);
        }
    }

    /**
     * Releases the directory lock. Writers and readers already handed out keep working; new ones
     * are refused.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException e) {
            log.warn("blob store {}: cannot release the directory lock", dir, e);
        }
        closeQuietly(lockChannel);
    }

    Path blobPath(String id) {
        return dir.resolve(id.substring(0, 2)).resolve(id);
    }

    Path tempPath(String id) {
        return tmpDir.resolve(id + TEMP_SUFFIX);
    }

    boolean fsync() {
        return fsync;
    }

    BufferPool plainBuffers() {
        return plainBuffers;
    }

    BufferPool sealedBuffers() {
        return sealedBuffers;
    }

    int inlineThreshold() {
        return inlineThreshold;
    }

    GroupSync groupSync() {
        return groupSync;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the blob store in " + dir + " is closed");
        }
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("cannot close {}", channel, e);
            }
        }
    }
}
