package io.tarn.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    record Thing(String name, int size) {}

    @TempDir
    Path dir;

    @Test
    void writesSurviveReopen() {
        try (StateStore store = StateStore.open(dir, false)) {
            store.keyspace("kms").put(Key.of("a", "key", "1"), new Thing("one", 1));
        }
        try (StateStore store = StateStore.open(dir, false)) {
            assertThat(store.keyspace("kms").get(Key.of("a", "key", "1"), Thing.class)).contains(new Thing("one", 1));
        }
    }

    @Test
    void scansArePrefixBoundAndOrdered() {
        try (StateStore store = StateStore.open(dir, false)) {
            Keyspace ks = store.keyspace("s3");
            ks.write(b -> b.put(Key.of("a", "obj", "b"), new Thing("b", 2))
                    .put(Key.of("a", "obj", "a"), new Thing("a", 1))
                    .put(Key.of("a", "objx", "c"), new Thing("c", 3))
                    .put(Key.of("b", "obj", "a"), new Thing("z", 9)));
            assertThat(ks.values(Key.of("a", "obj"), Thing.class)).extracting(Thing::name).containsExactly("a", "b");
            List<Entry> fromB = ks.scan(Key.of("a", "obj"), Key.of("a", "obj", "b"), 10);
            assertThat(fromB).hasSize(1);
            assertThat(ks.scan(Key.of("a"), null, 2)).hasSize(2);
        }
    }

    @Test
    void aBatchIsAtomicAndSpansKeyspaces() {
        try (StateStore store = StateStore.open(dir, false)) {
            Keyspace one = store.keyspace("one");
            Keyspace two = store.keyspace("two");
            assertThatThrownBy(() -> one.write(b -> {
                b.put(Key.of("x"), new Thing("x", 1));
                throw new IllegalStateException("operation failed half way");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(one.get(Key.of("x"))).isNull();
            one.write(b -> b.put(Key.of("x"), new Thing("x", 1)).put(two, Key.of("y"), ModelCodec.encode(new Thing("y", 2))));
            assertThat(two.get(Key.of("y"), Thing.class)).contains(new Thing("y", 2));
        }
    }

    @Test
    void clearEmptiesOneKeyspaceOnly() {
        try (StateStore store = StateStore.open(dir, false)) {
            store.keyspace("one").put(Key.of("x"), new Thing("x", 1));
            store.keyspace("two").put(Key.of("x"), new Thing("x", 1));
            store.keyspace("one").clear();
            assertThat(store.keyspace("one").get(Key.of("x"))).isNull();
            assertThat(store.keyspace("two").get(Key.of("x"))).isNotNull();
        }
    }

    @Test
    void keyspacesNamedAtOpenAreCreatedOnceAndKeepTheirData() {
        try (StateStore store = StateStore.open(dir, false, Map.of("kms", AccessPattern.POINT_READS, "s3", AccessPattern.POINT_READS))) {
            store.keyspace("kms").put(Key.of("k"), new Thing("kms", 1));
            store.keyspace("later").put(Key.of("k"), new Thing("later", 2));
        }
        // reopened with a different list: the old keyspaces are still there, the new one is added
        try (StateStore store = StateStore.open(dir, false, Map.of("s3", AccessPattern.POINT_READS, "kinesis", AccessPattern.RANGE_SCANS))) {
            assertThat(store.keyspace("kms").get(Key.of("k"), Thing.class)).contains(new Thing("kms", 1));
            assertThat(store.keyspace("later").get(Key.of("k"), Thing.class)).contains(new Thing("later", 2));
            store.keyspace("kinesis").put(Key.of("k"), new Thing("kinesis", 3));
        }
        try (StateStore store = StateStore.open(dir, false)) {
            assertThat(store.keyspace("kinesis").get(Key.of("k"), Thing.class)).contains(new Thing("kinesis", 3));
        }
    }
}
