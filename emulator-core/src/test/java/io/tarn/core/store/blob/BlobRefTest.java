package io.tarn.core.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.store.ModelCodec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobRefTest {

    /** The shape S3 will persist: a model record holding a ref. */
    record ObjectMeta(String key, long size, @Nullable BlobRef blob) {}

    @TempDir
    Path dir;

    @Test
    void aFileRefRoundTripsThroughCbor() {
        BlobRef ref = new BlobRef(BlobFormat.newId(), 5L * 1024 * 1024 * 1024, null);
        byte[] encoded = ModelCodec.encode(ref);
        assertThat(ModelCodec.decode(encoded, BlobRef.class)).isEqualTo(ref);
        // Only the components are persisted: no null "inline", no derived "inlined".
        Map<?, ?> fields = ModelCodec.decode(encoded, Map.class);
        assertThat(new ArrayList<Object>(fields.keySet())).containsExactlyInAnyOrder("id", "length");
    }

    @Test
    void anInlineRefRoundTripsThroughCborAndStillDecrypts() {
        DataKey key = DataKey.generate();
        try (BlobStore store = BlobStore.open(dir, false, 4096)) {
            byte[] data = BlobTesting.random(300, 1);
            BlobRef ref = BlobTesting.write(store, key, data);
            assertThat(ref.inlined()).isTrue();

            ObjectMeta meta = ModelCodec.decode(ModelCodec.encode(new ObjectMeta("a/b", 300, ref)), ObjectMeta.class);
            assertThat(meta.blob()).isEqualTo(ref);
            assertThat(meta.blob().inline()).isEqualTo(ref.inline());
            assertThat(BlobTesting.readAll(store, meta.blob(), key)).isEqualTo(data);
        }
    }

    @Test
    void aDecodedIdMustBeABlobId() {
        record Raw(String id, long length) {}
        for (String bad : new String[] {"../../etc/passwd", "0123456789ABCDEF0123456789ABCDEF", "abc", ""}) {
            assertThatThrownBy(() -> new BlobRef(bad, 1, null)).isInstanceOf(IllegalArgumentException.class);
            // Same check when Jackson builds the record from stored bytes.
            byte[] raw = ModelCodec.encode(new Raw(bad, 1));
            assertThatThrownBy(() -> ModelCodec.decode(raw, BlobRef.class)).isInstanceOf(UncheckedIOException.class);
        }
        assertThatThrownBy(() -> new BlobRef(BlobFormat.newId(), -1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refsCompareByContentAndCopyTheirBytes() {
        String id = BlobFormat.newId();
        byte[] sealed = {1, 2, 3};
        BlobRef ref = new BlobRef(id, 0, sealed);
        sealed[0] = 9;
        assertThat(ref).isEqualTo(new BlobRef(id, 0, new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(new BlobRef(id, 0, new byte[] {1, 2, 3}));
        ref.inline()[1] = 9;
        assertThat(ref.inline()).containsExactly(1, 2, 3);
        assertThat(ref.toString()).contains(id).contains("3 sealed bytes");
    }

    @Test
    void dataKeysAreThirtyTwoBytesAndNeverPrinted() {
        assertThatThrownBy(() -> DataKey.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataKey.of(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        byte[] raw = new byte[32];
        raw[0] = 42;
        DataKey key = DataKey.of(raw);
        raw[0] = 0;
        assertThat(key.bytes()[0]).isEqualTo((byte) 42);
        key.bytes()[0] = 0;
        assertThat(key.bytes()[0]).isEqualTo((byte) 42);
        assertThat(key.toString()).doesNotContain("42").contains("hidden");
        assertThat(DataKey.generate().bytes()).hasSize(32).isNotEqualTo(DataKey.generate().bytes());
    }
}
