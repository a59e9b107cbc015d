package io.tarn.core.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A store key: a tuple of strings, byte strings and longs in an order-preserving encoding (as
 * FoundationDB's tuple layer): byte-wise order of the encoding is tuple order, no tuple is a
 * byte prefix of another unless it is a tuple prefix, so ("a/b","c") and ("a","b/c") never meet
 * and a range scan over a tuple prefix returns exactly its children in order.
 */
public final class Key implements Comparable<Key> {

    private static final byte BYTES = 0x01;
    private static final byte STRING = 0x02;
    private static final byte LONG = 0x15;
    private static final byte TERMINATOR = 0x00;
    private static final byte ESCAPE = (byte) 0xFF;

    private final byte[] bytes;

    private Key(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A tuple of {@code String}, {@code byte[]}, {@code Long} or {@code Integer} components. */
    public static Key of(Object... parts) {
        KeyBytes out = new KeyBytes(64);
        for (Object part : parts) {
            appendPart(out, part);
        }
        return new Key(out.toByteArray());
    }

    /** Wraps bytes read back from the store. */
    public static Key fromBytes(byte[] bytes) {
        return new Key(bytes.clone());
    }

    /** Wraps bytes that are not shared (package use: no copy). */
    static Key fromRaw(byte[] bytes) {
        return new Key(bytes);
    }

    /** This tuple with more components appended. */
    public Key with(Object... parts) {
        KeyBytes out = new KeyBytes(bytes.length + 32);
        out.writeBytes(bytes);
        for (Object part : parts) {
            appendPart(out, part);
        }
        return new Key(out.toByteArray());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    /** The smallest byte string greater than every key that starts with this one. */
    byte[] prefixEnd() {
        byte[] end = Arrays.copyOf(bytes, bytes.length + 1);
        end[bytes.length] = (byte) 0xFF;
        return end;
    }

    /** Decodes the components back (String, byte[] or Long). */
    public List<Object> parts() {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            byte type = bytes[i++];
            switch (type) {
                case STRING:
                case BYTES: {
                    KeyBytes out = new KeyBytes(16);
                    while (true) {
                        byte b = bytes[i++];
                        if (b == TERMINATOR) {
                            if (i < bytes.length && bytes[i] == ESCAPE) {
                                out.write(0);
                                i++;
                                continue;
                            }
                            break;
                        }
                        out.write(b);
                    }
                    byte[] raw = out.toByteArray();
                    parts.add(type == STRING ? new String(raw, StandardCharsets.UTF_8) : raw);
                    break;
                }
                case LONG: {
                    long v = 0;
                    for (int k = 0; k < 8; k++) {
                        v = (v << 8) | (bytes[i++] & 0xFF);
                    }
                    parts.add(v ^ Long.MIN_VALUE);
                    break;
                }
                default:
                    throw new IllegalStateException("not a tuple key: type " + type + " at " + (i - 1));
            }
        }
        return parts;
    }

    /** The component at {@code index} as a string. */
    public String string(int index) {
        return (String) parts().get(index);
    }

    private static void appendPart(KeyBytes out, Object part) {
        Objects.requireNonNull(part, "key component");
        if (part instanceof String) {
            out.write(STRING);
            escape(out, ((String) part).getBytes(StandardCharsets.UTF_8));
        } else if (part instanceof byte[]) {
            out.write(BYTES);
            escape(out, (byte[]) part);
        } else if (part instanceof Long || part instanceof Integer) {
            long v = ((Number) part).longValue() ^ Long.MIN_VALUE; // sign flip: negatives sort first
            out.write(LONG);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift) & 0xFF);
            }
        } else {
            throw new IllegalArgumentException("unsupported key component " + part.getClass());
        }
    }

    private static void escape(KeyBytes out, byte[] raw) {
        for (byte b : raw) {
            out.write(b);
            if (b == 0) {
                out.write(ESCAPE);
            }
        }
        out.write(TERMINATOR);
    }

    /** True when this key starts with every component of {@code prefix}. */
    public boolean startsWith(Key prefix) {
        return bytes.length >= prefix.bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    @Override
    public int compareTo(Key o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key && Arrays.equals(bytes, ((Key) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return parts().toString();
    }

    /**
     * A growable byte array for encoding keys. Not {@link java.io.ByteArrayOutputStream}: its
     * every write takes a lock, and a Kinesis record key is some forty single-byte writes.
     */
    private static final class KeyBytes {
        private byte[] buf;
        private int count;

        KeyBytes(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        void writeBytes(byte[] b) {
            if (count + b.length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + b.length));
            }
            System.arraycopy(b, 0, buf, count, b.length);
            count += b.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }
    }
}
