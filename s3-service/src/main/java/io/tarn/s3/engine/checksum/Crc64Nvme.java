package io.tarn.s3.engine.checksum;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * CRC-64/NVME (reflected polynomial 0x9a6c9329ac4bc9b5, initial value and final xor all ones; check
 * value 0xae8b14860a799888 for "123456789"), S3's default checksum. The JDK has no CRC-64, and the
 * AWS SDK's implementation calls into the native AWS CRT, which Tarn does not ship; so this is the
 * plain table-driven algorithm, eight bytes at a time (slice-by-8), checked against the CRT in tests.
 */
final class Crc64Nvme implements Checksum {

    /** The polynomial, bit-reversed for the reflected algorithm. */
    static final long POLY = 0x9a6c9329ac4bc9b5L;

    /** {@code TABLES[k][n]}: the CRC register contribution of byte n followed by k zero bytes. */
    private static final long[][] TABLES = tables();
    private static final long[] T0 = TABLES[0];
    private static final long[] T1 = TABLES[1];
    private static final long[] T2 = TABLES[2];
    private static final long[] T3 = TABLES[3];
    private static final long[] T4 = TABLES[4];
    private static final long[] T5 = TABLES[5];
    private static final long[] T6 = TABLES[6];
    private static final long[] T7 = TABLES[7];

    private long crc = -1L;

    @Override
    public void update(ByteBuffer data) {
        ByteBuffer d = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long c = crc;
        while (d.remaining() >= Long.BYTES) {
            c ^= d.getLong();
            c = T7[(int) c & 0xFF] ^ T6[(int) (c >>> 8) & 0xFF] ^ T5[(int) (c >>> 16) & 0xFF] ^ T4[(int) (c >>> 24) & 0xFF]
                    ^ T3[(int) (c >>> 32) & 0xFF] ^ T2[(int) (c >>> 40) & 0xFF] ^ T1[(int) (c >>> 48) & 0xFF] ^ T0[(int) (c >>> 56)];
        }
        while (d.hasRemaining()) {
            c = T0[(int) (c ^ d.get()) & 0xFF] ^ (c >>> 8);
        }
        crc = c;
    }

    /** The CRC of the bytes so far. */
    long value() {
        return ~crc;
    }

    @Override
    public byte[] digest() {
        return ByteBuffer.allocate(Long.BYTES).putLong(value()).array();
    }

    private static long[][] tables() {
        long[][] t = new long[8][256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            t[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            for (int k = 1; k < 8; k++) {
                long prev = t[k - 1][n];
                t[k][n] = (prev >>> 8) ^ t[0][(int) prev & 0xFF];
            }
        }
        return t;
    }
}
