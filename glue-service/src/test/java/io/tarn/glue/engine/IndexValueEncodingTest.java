package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.glue.catalog.expression.KeyType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte order of the encoding is the order of the key's type. */
class IndexValueEncodingTest {

    private static void assertOrderKept(KeyType type, List<String> sorted) {
        List<byte[]> encoded = sorted.stream().map(v -> IndexValueEncoding.encode(type.parse(v))).toList();
        for (int i = 1; i < encoded.size(); i++) {
            assertThat(Arrays.compareUnsigned(encoded.get(i - 1), encoded.get(i))).as(sorted.get(i - 1) + " < " + sorted.get(i))
                    .isNegative();
        }
        assertThat(encoded.stream().sorted(Arrays::compareUnsigned).toList()).containsExactlyElementsOf(encoded);
    }

    @Test
    void wholeNumbersSortNumerically() {
        assertOrderKept(KeyType.INTEGRAL, List.of("-99999999999999999999", "-129", "-128", "-1", "0", "1", "9", "10",
                "127", "128", "255", "256", "9223372036854775807", "99999999999999999999"));
        assertThat(IndexValueEncoding.encode(KeyType.INTEGRAL.parse("05"))).isEqualTo(IndexValueEncoding.encode(KeyType.INTEGRAL.parse("5")));
    }

    @Test
    void datesSortChronologicallyAndTextByCodeUnits() {
        assertOrderKept(KeyType.DATE, List.of("0000-01-01", "1969-12-31", "1970-01-01", "2024-02-29", "9999-12-31"));
        List<String> text = List.of("", "A", "Z", "a", "a\u0000", "ab", "\u00e9", "\uD83D\uDE00", "\uFFFD");
        assertThat(text.stream().sorted(Comparator.naturalOrder()).toList()).containsExactlyElementsOf(text);
        assertOrderKept(KeyType.STRING, text);
    }

    @Test
    void onlyTheTypesAwsIndexesAreIndexable() {
        assertThat(IndexValueEncoding.indexable("varchar(10)")).isEqualTo(KeyType.STRING);
        assertThat(IndexValueEncoding.indexable("bigint")).isEqualTo(KeyType.INTEGRAL);
        assertThat(IndexValueEncoding.indexable("date")).isEqualTo(KeyType.DATE);
        assertThat(IndexValueEncoding.indexable("decimal(10,2)")).isNull();
        assertThat(IndexValueEncoding.indexable("timestamp")).isNull();
    }
}
