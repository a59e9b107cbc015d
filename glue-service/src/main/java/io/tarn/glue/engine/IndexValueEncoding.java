package io.tarn.glue.engine;

import io.tarn.glue.catalog.expression.KeyType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The bytes a partition index stores for a key's value, ordered as the key's type orders them, so that a
 * range of values is a range of keys. Only the types AWS indexes: strings (char, varchar), whole numbers
 * (tinyint to bigint) and dates.
 */
final class IndexValueEncoding {

    private IndexValueEncoding() {}

    /** The comparison type of an indexable Hive type, or null when AWS cannot index it. */
    static @Nullable KeyType indexable(String hiveType) {
        String base = hiveType.strip().toLowerCase(Locale.ROOT);
        int paren = base.indexOf('(');
        base = paren < 0 ? base : base.substring(0, paren).strip();
        return switch (base) {
            case "string", "char", "varchar" -> KeyType.STRING;
            case "tinyint", "smallint", "int", "integer", "bigint", "long" -> KeyType.INTEGRAL;
            case "date" -> KeyType.DATE;
            default -> null;
        };
    }

    /**
     * The sortable bytes of a value of {@code type}: a {@link KeyType#parse} result.
     * Text is UTF-16 code units big-endian, the order of {@code String.compareTo}; a whole number is a
     * length byte (growing with positive magnitudes, shrinking with negative ones) and its two's complement
     * bytes; a date is its epoch day with the sign bit flipped.
     */
    static byte[] encode(Comparable<?> value) {
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_16BE);
        }
        if (value instanceof BigInteger n) {
            byte[] magnitude = n.toByteArray();
            if (magnitude.length > 126) {
                throw new IllegalArgumentException(n + " is too long to index.");
            }
            byte[] out = new byte[magnitude.length + 1];
            out[0] = (byte) (n.signum() < 0 ? 0x7F - magnitude.length : 0x80 + magnitude.length);
            System.arraycopy(magnitude, 0, out, 1, magnitude.length);
            return out;
        }
        if (value instanceof LocalDate d) {
            long v = d.toEpochDay() ^ Long.MIN_VALUE;
            byte[] out = new byte[8];
            for (int i = 0; i < 8; i++) {
                out[i] = (byte) (v >>> (56 - 8 * i));
            }
            return out;
        }
        throw new IllegalArgumentException("not an indexable value: " + value.getClass());
    }
}
