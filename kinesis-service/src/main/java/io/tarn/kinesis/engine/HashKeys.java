package io.tarn.kinesis.engine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The 128-bit hash key space: MD5 of a partition key as an unsigned integer, and even splits of it. */
final class HashKeys {

    static final BigInteger SPACE = BigInteger.ONE.shiftLeft(128);
    static final BigInteger MAX = SPACE.subtract(BigInteger.ONE);
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private HashKeys() {}

    /** The hash key of a partition key, as two unsigned longs (high, low). */
    static long[] of(String partitionKey) {
        byte[] d = MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8));
        return new long[] {longAt(d, 0), longAt(d, 8)};
    }

    static long[] of(BigInteger hashKey) {
        return new long[] {hashKey.shiftRight(64).longValue(), hashKey.longValue()};
    }

    /** Where the {@code i}th of {@code n} even ranges starts, as AWS splits the space at creation. */
    static BigInteger evenStart(int i, int n) {
        return SPACE.divide(BigInteger.valueOf(n)).multiply(BigInteger.valueOf(i));
    }

    /** Unsigned 128-bit comparison of (high, low) pairs. */
    static int compare(long[] a, long[] b) {
        int c = Long.compareUnsigned(a[0], b[0]);
        return c != 0 ? c : Long.compareUnsigned(a[1], b[1]);
    }

    private static long longAt(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[offset + i] & 0xFF);
        }
        return v;
    }
}
