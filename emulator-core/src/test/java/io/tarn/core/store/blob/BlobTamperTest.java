package io.tarn.core.store.blob;

import static io.tarn.core.store.blob.BlobStoreTest.flipByte;
import static io.tarn.core.store.blob.BlobTesting.S;
import static io.tarn.core.store.blob.BlobTesting.random;
import static io.tarn.core.store.blob.BlobTesting.read;
import static io.tarn.core.store.blob.BlobTesting.readAll;
import static io.tarn.core.store.blob.BlobTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way of altering a sealed blob ends in an exception naming it, never in wrong bytes. */
class BlobTamperTest {

    private static final long SEALED_SEGMENT = S + BlobFormat.TAG_BYTES;

    @TempDir
    Path dir;

    private final DataKey key = DataKey.generate();
    private final byte[] data = random(3 * S + S / 2, 17);
    private BlobStore store;
    private BlobRef ref;
    private Path file;

    @BeforeEach
    void writeBlob() {
        store = BlobStore.open(dir, false, 0);
        ref = write(store, key, data);
        file = store.blobPath(ref.id());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void untouchedBlobReads() {
        assertThat(readAll(store, ref, key)).isEqualTo(data);
    }

    @Test
    void aFlippedCiphertextByte() throws IOException {
        flipByte(file, BlobFormat.segmentOffset(1, S) + 1000);
        assertFailsAuthentication(S, 10);
    }

    @Test
    void aFlippedTagByte() throws IOException {
        flipByte(file, BlobFormat.segmentOffset(1, S) + SEALED_SEGMENT - 1);
        assertFailsAuthentication(S, 10);
    }

    @Test
    void aFlippedNoncePrefixByte() throws IOException {
        flipByte(file, 9);
        assertFailsAuthentication(0, 1);
    }

    @Test
    void aDamagedHeader() throws IOException {
        flipByte(file, 0);
        assertThatThrownBy(() -> store.read(ref, key, 0, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ref.id());
        flipByte(file, 0);
        flipByte(file, 4);
        assertThatThrownBy(() -> store.read(ref, key, 0, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("version");
    }

    @Test
    void swappedSegments() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int a = (int) BlobFormat.segmentOffset(0, S);
        int b = (int) BlobFormat.segmentOffset(1, S);
        byte[] first = Arrays.copyOfRange(bytes, a, a + (int) SEALED_SEGMENT);
        System.arraycopy(bytes, b, bytes, a, (int) SEALED_SEGMENT);
        System.arraycopy(first, 0, bytes, b, first.length);
        Files.write(file, bytes);
        assertFailsAuthentication(0, 1);
        assertFailsAuthentication(S, 1);
    }

    @Test
    void aSegmentFromAnotherBlobWithTheSameKey() throws IOException {
        BlobRef other = write(store, key, random(data.length, 99));
        byte[] foreign = Files.readAllBytes(store.blobPath(other.id()));
        byte[] bytes = Files.readAllBytes(file);
        int at = (int) BlobFormat.segmentOffset(2, S);
        System.arraycopy(foreign, at, bytes, at, (int) SEALED_SEGMENT);
        Files.write(file, bytes);
        assertFailsAuthentication(2 * S, 1);

        // The whole file under another id (same key, same length) fails too.
        Files.write(file, foreign);
        assertFailsAuthentication(0, 1);
    }

    @Test
    void aTruncatedFile() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 1);
        }
        assertThatThrownBy(() -> store.read(ref, key, 0, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ref.id()).hasMessageContaining("truncated");
    }

    @Test
    void aFileCutAtASegmentBoundaryOrExtended() throws IOException {
        byte[] original = Files.readAllBytes(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(BlobFormat.segmentOffset(3, S));
        }
        assertThatThrownBy(() -> store.read(ref, key, 0, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ref.id());
        // A ref shortened to the full segments that remain still needs an empty final segment.
        assertThatThrownBy(() -> store.read(new BlobRef(ref.id(), 3L * S, null), key, 0, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ref.id());

        Files.write(file, original);
        Files.write(file, new byte[BlobFormat.TAG_BYTES], StandardOpenOption.APPEND);
        assertThatThrownBy(() -> store.read(ref, key, 0, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ref.id());
    }

    @Test
    void theSegmentIndexAndFinalFlagAreAuthenticated() {
        // The size check stops most truncations before any decryption; the additional data is
        // what would catch one that got past it.
        String id = BlobFormat.newId();
        byte[] header = BlobFormat.newHeader(S);
        SegmentCipher cipher = new SegmentCipher(key, id, header);
        ByteBuffer sealed = ByteBuffer.allocate(100 + BlobFormat.TAG_BYTES);
        cipher.seal(4, false, ByteBuffer.wrap(random(100, 1)), sealed);
        sealed.flip();
        ByteBuffer plain = ByteBuffer.allocate(100);

        assertThatThrownBy(() -> cipher.open(4, true, sealed.duplicate(), plain.clear()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(id);
        assertThatThrownBy(() -> cipher.open(5, false, sealed.duplicate(), plain.clear()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(id);
        assertThatThrownBy(() -> new SegmentCipher(key, BlobFormat.newId(), header).open(4, false, sealed.duplicate(), plain.clear()))
                .isInstanceOf(IllegalStateException.class);
        cipher.open(4, false, sealed.duplicate(), plain.clear());
        assertThat(plain.flip().remaining()).isEqualTo(100);
    }

    @Test
    void aWrongKey() {
        assertThatThrownBy(() -> readAll(store, ref, DataKey.generate()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ref.id());
    }

    @Test
    void aTamperedInlineRef() {
        try (BlobStore inlining = BlobStore.open(dir.resolve("inline"), false, 1000)) {
            byte[] small = random(500, 3);
            BlobRef inline = write(inlining, key, small);
            byte[] sealed = inline.inline();
            sealed[BlobFormat.HEADER_BYTES + 20] ^= 1;
            BlobRef tampered = new BlobRef(inline.id(), inline.length(), sealed);
            assertThatThrownBy(() -> readAll(inlining, tampered, key))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(inline.id());
            assertThatThrownBy(() -> readAll(inlining, inline, DataKey.generate()))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> readAll(inlining, new BlobRef(inline.id(), 499, inline.inline()), key))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(readAll(inlining, inline, key)).isEqualTo(small);
        }
    }

    private void assertFailsAuthentication(long offset, long length) {
        assertThatThrownBy(() -> read(store, ref, key, offset, length))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ref.id())
                .hasMessageContaining("authentication");
    }
}
