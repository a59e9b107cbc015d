package io.tarn.core.store.blob;

import static io.tarn.core.store.blob.BlobTesting.S;
import static io.tarn.core.store.blob.BlobTesting.random;
import static io.tarn.core.store.blob.BlobTesting.read;
import static io.tarn.core.store.blob.BlobTesting.readAll;
import static io.tarn.core.store.blob.BlobTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobStoreTest {

    @TempDir
    Path dir;

    private final DataKey key = DataKey.generate();

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, S - 1, S, S + 1, 3 * S + S / 2, 5 * 1024 * 1024 + 123})
    void roundTripsThroughAFile(int size) {
        byte[] data = random(size, size);
        try (BlobStore store = BlobStore.open(dir, false, -1)) {
            BlobRef ref = write(store, key, data);
            assertThat(ref.inlined()).isFalse();
            assertThat(ref.length()).isEqualTo(size);
            assertThat(store.blobPath(ref.id())).exists()
                    .hasSize(BlobFormat.HEADER_BYTES + size + (size / S + 1L) * BlobFormat.TAG_BYTES);
            assertThat(readAll(store, ref, key)).isEqualTo(data);
        }
    }

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(ints = {1, 7, 100 * 1024})
    void oddChunkSizesMakeTheSameBlob(int chunk) {
        byte[] data = random(3 * S + S / 2, 42);
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobRef ref = write(store, key, data, chunk);
            assertThat(readAll(store, ref, key)).isEqualTo(data);
        }
    }

    @Test
    void directAndReadOnlyBuffersAreAccepted() {
        byte[] data = random(2 * S + 5, 7);
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobWriter writer = store.create(key);
            ByteBuffer direct = ByteBuffer.allocateDirect(S + 3);
            direct.put(data, 0, S + 3).flip();
            writer.write(direct);
            writer.write(ByteBuffer.wrap(data, S + 3, data.length - S - 3).asReadOnlyBuffer());
            BlobRef ref = writer.commit();
            assertThat(direct.hasRemaining()).isFalse();
            assertThat(readAll(store, ref, key)).isEqualTo(data);
        }
    }

    @Test
    void rangesAroundEverySegmentBoundary() {
        byte[] data = random(3 * S + S / 2, 3);
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobRef ref = write(store, key, data);
            for (int boundary = 0; boundary <= data.length; boundary += S) {
                for (int from : new int[] {boundary - 1, boundary, boundary + 1}) {
                    for (int to : new int[] {from, from + 1, boundary + S - 1, boundary + S, boundary + S + 1, data.length}) {
                        if (from >= 0 && to >= from && to <= data.length) {
                            assertThat(read(store, ref, key, from, to - from))
                                    .as("[%d, %d)", from, to)
                                    .isEqualTo(Arrays.copyOfRange(data, from, to));
                        }
                    }
                }
            }
            assertThat(read(store, ref, key, data.length, 0)).isEmpty();
        }
    }

    @Test
    void randomRanges() {
        byte[] data = random(5 * 1024 * 1024 + 77, 11);
        Random random = new Random(5);
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobRef ref = write(store, key, data, 100 * 1024 + 3);
            for (int i = 0; i < 200; i++) {
                int from = random.nextInt(data.length + 1);
                int to = from + random.nextInt(i % 2 == 0 ? 300 : data.length - from + 1);
                to = Math.min(to, data.length);
                assertThat(read(store, ref, key, from, to - from)).as("[%d, %d)", from, to)
                        .isEqualTo(Arrays.copyOfRange(data, from, to));
            }
        }
    }

    @Test
    void rangesOutsideTheBlobAreRefused() {
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobRef ref = write(store, key, random(100, 1));
            assertThatThrownBy(() -> store.read(ref, key, 50, 51)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.read(ref, key, -1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.read(ref, key, 0, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.read(ref, key, 101, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.read(ref, key, Long.MAX_VALUE, Long.MAX_VALUE))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRangeReadsOnlyTheSegmentsItTouches() throws IOException {
        byte[] data = random(4 * S, 9);
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobRef ref = write(store, key, data);
            Path file = store.blobPath(ref.id());
            flipByte(file, BlobFormat.segmentOffset(2, S) + 10);
            assertThat(read(store, ref, key, S - 5, S + 4)).isEqualTo(Arrays.copyOfRange(data, S - 5, 2 * S - 1));
            assertThat(read(store, ref, key, 3 * S, S)).isEqualTo(Arrays.copyOfRange(data, 3 * S, 4 * S));
            assertThatThrownBy(() -> read(store, ref, key, 2 * S - 1, 2)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void blobsAtOrBelowTheThresholdAreInline() {
        try (BlobStore store = BlobStore.open(dir, false, 100)) {
            for (int size : new int[] {0, 99, 100}) {
                byte[] data = random(size, size);
                BlobRef ref = write(store, key, data, 7);
                assertThat(ref.inlined()).as("%d bytes", size).isTrue();
                assertThat(ref.inline()).hasSize(BlobFormat.HEADER_BYTES + size + BlobFormat.TAG_BYTES);
                assertThat(store.blobPath(ref.id())).doesNotExist();
                assertThat(readAll(store, ref, key)).isEqualTo(data);
                assertThat(read(store, ref, key, size / 2, size - size / 2))
                        .isEqualTo(Arrays.copyOfRange(data, size / 2, size));
                store.delete(ref);
            }
            BlobRef above = write(store, key, random(101, 101));
            assertThat(above.inlined()).isFalse();
            assertThat(store.blobPath(above.id())).exists();
            assertThat(readAll(store, above, key)).isEqualTo(random(101, 101));
        }
        assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
    }

    @Test
    void aThresholdAboveOneSegmentReadsTheTempFileBack() {
        int threshold = 3 * S;
        try (BlobStore store = BlobStore.open(dir, false, threshold)) {
            byte[] at = random(threshold, 1);
            BlobRef inline = write(store, key, at, 100 * 1024);
            assertThat(inline.inlined()).isTrue();
            assertThat(readAll(store, inline, key)).isEqualTo(at);

            byte[] above = random(threshold + 1, 2);
            BlobRef file = write(store, key, above, 100 * 1024);
            assertThat(file.inlined()).isFalse();
            assertThat(readAll(store, file, key)).isEqualTo(above);

            assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
            assertThat(filesUnder(dir)).containsExactlyInAnyOrder(dir.resolve("lock"), store.blobPath(file.id()));
        }
    }

    @Test
    void theThresholdIsBounded() {
        assertThatThrownBy(() -> BlobStore.open(dir, false, BlobStore.MAX_INLINE_THRESHOLD + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesGoToDiskSegmentBySegment() throws IOException {
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobWriter writer = store.create(key);
            writer.write(ByteBuffer.wrap(random(S - 1, 1)));
            assertThat(filesUnder(dir.resolve("tmp"))).as("nothing sealed yet").isEmpty();
            writer.write(ByteBuffer.wrap(random(3 * S + 1, 2)));
            List<Path> temps = filesUnder(dir.resolve("tmp"));
            assertThat(temps).hasSize(1);
            assertThat(temps.get(0).getFileName().toString()).endsWith(BlobStore.TEMP_SUFFIX);
            // Four full segments are on disk; only the fifth's first byte is still in memory.
            assertThat(Files.size(temps.get(0))).isEqualTo(BlobFormat.segmentOffset(4, S));
            BlobRef ref = writer.commit();
            assertThat(ref.length()).isEqualTo(4L * S);
            assertThat(temps.get(0)).doesNotExist();
        }
    }

    @Test
    void abortLeavesNothingAndMayBeRepeated() {
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobWriter writer = store.create(key);
            writer.write(ByteBuffer.wrap(random(2 * S + 1, 1)));
            assertThat(filesUnder(dir.resolve("tmp"))).hasSize(1);
            writer.abort();
            writer.abort();
            assertThat(filesUnder(dir)).containsExactly(dir.resolve("lock"));
            assertThatThrownBy(() -> writer.write(ByteBuffer.allocate(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("aborted");
            assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);

            BlobWriter committed = store.create(key);
            BlobRef ref = committed.commit();
            committed.abort();
            assertThat(readAll(store, ref, key)).isEmpty();
            assertThatThrownBy(committed::commit).isInstanceOf(IllegalStateException.class).hasMessageContaining("committed");
        }
    }

    @Test
    void aFailedCommitLeavesNothingAndAbortStaysSafe() throws IOException {
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobWriter writer = store.create(key);
            writer.write(ByteBuffer.wrap(random(S + 1, 1)));
            Path temp = filesUnder(dir.resolve("tmp")).get(0);
            String id = temp.getFileName().toString().replace(BlobStore.TEMP_SUFFIX, "");
            Files.write(dir.resolve(id.substring(0, 2)), new byte[0]); // a file where its fan-out directory belongs
            assertThatThrownBy(writer::commit).isInstanceOf(UncheckedIOException.class).hasMessageContaining(id);
            writer.abort();
            assertThat(temp).doesNotExist();
        }
    }

    @Test
    void deleteIsIdempotent() {
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobRef ref = write(store, key, random(10, 1));
            store.delete(ref);
            assertThat(store.blobPath(ref.id())).doesNotExist();
            store.delete(ref);
            assertThatThrownBy(() -> store.read(ref, key, 0, 1))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining(ref.id());
        }
    }

    @Test
    void openSweepsTempFilesButKeepsCommittedBlobs() throws IOException {
        byte[] data = random(2 * S + 9, 4);
        BlobRef kept;
        try (BlobStore store = BlobStore.open(dir, true, 0)) {
            kept = write(store, key, data);
            BlobWriter interrupted = store.create(key);
            interrupted.write(ByteBuffer.wrap(random(3 * S, 5)));
            // The process "dies" here: the writer is neither committed nor aborted.
        }
        Files.write(dir.resolve("tmp").resolve("0123456789abcdef0123456789abcdef" + BlobStore.TEMP_SUFFIX), new byte[] {1});
        assertThat(filesUnder(dir.resolve("tmp"))).hasSize(2);

        try (BlobStore store = BlobStore.open(dir, true, 0)) {
            assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
            assertThat(readAll(store, kept, key)).isEqualTo(data);
        }
    }

    @Test
    void oneStorePerDirectory() {
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            String id = "ab" + "0".repeat(30);
            assertThat(store.blobPath(id)).as("fan-out by the id's first byte")
                    .isEqualTo(dir.toAbsolutePath().resolve("ab").resolve(id));
            assertThatThrownBy(() -> BlobStore.open(dir, false, 0))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
        }
        BlobStore reopened = BlobStore.open(dir, false, 0);
        reopened.close();
        assertThatThrownBy(() -> reopened.create(key)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void plaintextNeverReachesTheDisk() throws IOException {
        byte[] marker = "TARN-PLAINTEXT-MARKER-7f3a".getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[3 * S + 100];
        for (int at = 0; at + marker.length <= data.length; at += marker.length) {
            System.arraycopy(marker, 0, data, at, marker.length);
        }
        try (BlobStore store = BlobStore.open(dir, true, 0)) {
            BlobRef committed = write(store, key, data);
            BlobWriter open = store.create(key);
            open.write(ByteBuffer.wrap(data));
            List<Path> files = filesUnder(dir);
            assertThat(files).contains(store.blobPath(committed.id())).hasSize(3);
            for (Path file : files) {
                assertThat(indexOf(Files.readAllBytes(file), marker)).as("%s", file).isEqualTo(-1);
            }
            open.abort();
        }
    }

    @Test
    void concurrentDurableCommitsAreAllReadable() throws Exception {
        int threads = 8;
        int perThread = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (BlobStore store = BlobStore.open(dir, true, 1000)) {
            List<Future<List<Object[]>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Object[]> written = new ArrayList<>();
                    Random random = new Random(thread);
                    for (int i = 0; i < perThread; i++) {
                        DataKey own = DataKey.generate();
                        byte[] data = random(random.nextInt(3 * S), thread * 1000L + i);
                        BlobRef ref = write(store, own, data, 1 + random.nextInt(100_000));
                        assertThat(readAll(store, ref, own)).isEqualTo(data);
                        written.add(new Object[] {ref, own, data});
                    }
                    return written;
                }));
            }
            int count = 0;
            for (Future<List<Object[]>> future : futures) {
                for (Object[] blob : future.get()) {
                    assertThat(readAll(store, (BlobRef) blob[0], (DataKey) blob[1])).isEqualTo((byte[]) blob[2]);
                    count++;
                }
            }
            assertThat(count).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
    }

    static void flipByte(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[Math.toIntExact(position)] ^= 0x01;
        Files.write(file, bytes);
    }

    static List<Path> filesUnder(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void clearDeletesCommittedBlobsButNotWritesInProgress() {
        try (BlobStore store = BlobStore.open(dir, false, 0)) {
            BlobRef first = commit(store, random(S + 5, 3));
            BlobRef second = commit(store, random(10, 4));
            BlobWriter open = store.create(key);
            open.write(ByteBuffer.wrap(random(2 * S, 5)));
            store.clear();
            assertThatThrownBy(() -> readAll(store, first, key)).isInstanceOf(java.io.UncheckedIOException.class);
            assertThatThrownBy(() -> readAll(store, second, key)).isInstanceOf(java.io.UncheckedIOException.class);
            BlobRef later = open.commit();
            assertThat(readAll(store, later, key)).isEqualTo(random(2 * S, 5));
        }
    }

    private BlobRef commit(BlobStore store, byte[] data) {
        BlobWriter w = store.create(key);
        w.write(ByteBuffer.wrap(data));
        return w.commit();
    }
}
