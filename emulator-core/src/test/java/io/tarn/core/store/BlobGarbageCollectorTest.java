package io.tarn.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDBException;

class BlobGarbageCollectorTest {

    private static final int VALUE_BYTES = 8 << 10;

    @TempDir
    Path dir;

    @Test
    void largeValuesLiveInBlobFilesAndTheirGarbageIsCollectedOnceItIsHalfOfThem() throws Exception {
        try (StateStore store = StateStore.open(dir, false, Map.of("objects", AccessPattern.POINT_READS_LARGE_VALUES));
                BlobGarbageCollector collector = new BlobGarbageCollector(0)) {
            collector.attach(store);
            Keyspace objects = store.keyspace("objects");
            for (int i = 0; i < 200; i++) {
                byte[] value = value(i);
                Key key = Key.of("o", Integer.toString(i));
                objects.write(b -> b.put(key, value));
            }
            flushAndCompact(store, objects);
            assertThat(blobFileBytes()).isGreaterThan(200L * VALUE_BYTES);
            assertThat(collector.collectIfWorthIt(objects)).as("no garbage yet").isFalse();

            for (int i = 0; i < 120; i++) {
                objects.delete(Key.of("o", Integer.toString(i)));
            }
            flushAndCompact(store, objects); // compaction drops the keys, so their values count as garbage
            assertThat(property(store, objects, "rocksdb.live-blob-file-garbage-size")).isGreaterThanOrEqualTo(120L * VALUE_BYTES);

            assertThat(collector.collectIfWorthIt(objects)).isTrue();
            assertThat(property(store, objects, "rocksdb.live-blob-file-garbage-size")).isZero();
            assertThat(blobFileBytes()).isBetween(80L * VALUE_BYTES, 100L * VALUE_BYTES);
            for (int i = 0; i < 200; i++) {
                byte[] stored = objects.get(Key.of("o", Integer.toString(i)));
                if (i < 120) {
                    assertThat(stored).isNull();
                } else {
                    assertThat(stored).isEqualTo(value(i));
                }
            }
        }
    }

    @Test
    void theStoreCollectsOnItsOwnAfterACompactionLeavesEnoughGarbage() throws Exception {
        int count = 12_000; // 94 MiB: the store's own collector waits for 64 MiB of garbage
        try (StateStore store = StateStore.open(dir, false, Map.of("objects", AccessPattern.POINT_READS_LARGE_VALUES))) {
            Keyspace objects = store.keyspace("objects");
            for (int i = 0; i < count; i += 100) {
                int from = i;
                objects.write(b -> {
                    for (int j = from; j < from + 100; j++) {
                        b.put(Key.of("o", Integer.toString(j)), value(j));
                    }
                });
            }
            flushAndCompact(store, objects);
            long before = blobFileBytes();
            for (int i = 0; i < count; i += 100) { // nine in ten go, from every blob file
                int from = i;
                objects.write(b -> {
                    for (int j = from; j < from + 100; j++) {
                        if (j % 10 != 0) {
                            b.delete(Key.of("o", Integer.toString(j)));
                        }
                    }
                });
            }
            flushAndCompact(store, objects); // drops the keys; the listener then sees the garbage

            long deadline = System.nanoTime() + 60_000_000_000L;
            while (blobFileBytes() > before / 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(blobFileBytes()).isLessThan(before / 2);
            assertThat(objects.get(Key.of("o", "9000"))).isEqualTo(value(9000));
            assertThat(objects.get(Key.of("o", "9001"))).isNull();
        }
    }

    @Test
    void smallValuesStayInTheTables() throws Exception {
        try (StateStore store = StateStore.open(dir, false, Map.of("objects", AccessPattern.POINT_READS_LARGE_VALUES))) {
            Keyspace objects = store.keyspace("objects");
            objects.write(b -> b.put(Key.of("small"), new byte[100]));
            flushAndCompact(store, objects);
            assertThat(blobFileBytes()).isZero();
            assertThat(objects.get(Key.of("small"))).hasSize(100);
        }
    }

    private static byte[] value(int i) {
        byte[] v = new byte[VALUE_BYTES];
        Arrays.fill(v, (byte) i);
        return v;
    }

    private static void flushAndCompact(StateStore store, Keyspace keyspace) throws RocksDBException {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            store.db().flush(flush, keyspace.handle());
        }
        store.db().compactRange(keyspace.handle());
    }

    private static long property(StateStore store, Keyspace keyspace, String name) throws RocksDBException {
        return store.db().getLongProperty(keyspace.handle(), name);
    }

    private long blobFileBytes() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".blob")).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
