package io.tarn.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyTest {

    @Test
    void componentsNeverMerge() {
        assertThat(Key.of("a/b", "c")).isNotEqualTo(Key.of("a", "b/c"));
        assertThat(Key.of("ab", "c")).isNotEqualTo(Key.of("a", "bc"));
        assertThat(Key.of("a\0", "b")).isNotEqualTo(Key.of("a", "\0b"));
    }

    @Test
    void roundTripsEveryComponentType() {
        Key k = Key.of("acct", "r\0egion", 42L, -7, new byte[] {0, 1, (byte) 0xFF, 0});
        List<Object> parts = k.parts();
        assertThat(parts.get(0)).isEqualTo("acct");
        assertThat(parts.get(1)).isEqualTo("r\0egion");
        assertThat(parts.get(2)).isEqualTo(42L);
        assertThat(parts.get(3)).isEqualTo(-7L);
        assertThat((byte[]) parts.get(4)).containsExactly(0, 1, 0xFF, 0);
    }

    @Test
    void byteOrderIsTupleOrder() {
        Random random = new Random(7);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(6);
            for (int j = 0; j < len; j++) {
                sb.append((char) random.nextInt(4)); // small alphabet with \0 to hit the escapes
            }
            strings.add(sb.toString());
        }
        List<Key> keys = new ArrayList<>();
        strings.forEach(s -> keys.add(Key.of(s, "x")));
        Collections.sort(keys);
        List<String> expected = new ArrayList<>(strings);
        Collections.sort(expected);
        List<String> actual = new ArrayList<>();
        keys.forEach(k -> actual.add(k.string(0)));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void longsSortNumerically() {
        List<Key> keys = new ArrayList<>();
        for (long v : new long[] {5, -1, Long.MAX_VALUE, 0, Long.MIN_VALUE, 256, -256}) {
            keys.add(Key.of("s", v));
        }
        Collections.sort(keys);
        assertThat(keys).extracting(k -> k.parts().get(1))
                .containsExactly(Long.MIN_VALUE, -256L, -1L, 0L, 5L, 256L, Long.MAX_VALUE);
    }

    @Test
    void prefixCoversOnlyItsChildren() {
        Key prefix = Key.of("acct", "alias");
        assertThat(Key.of("acct", "alias", "x").startsWith(prefix)).isTrue();
        assertThat(Key.of("acct", "aliases", "x").startsWith(prefix)).isFalse();
    }
}
