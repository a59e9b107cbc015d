package io.tarn.s3.engine.checksum;

import java.nio.ByteBuffer;

/**
 * CRC-64/NVME (reflected polynomial 0x9a6c9329ac4bc9b5, initial value and final xor all ones),
 * S3's default checksum. The JDK has no CRC-64 and the AWS SDK's implementation needs the native
 * AWS CRT, so this is the plain table-driven algorithm; a test checks it against the CRT.
 */
final class Crc64Nvme implements Checksum {

    static final long POLY = 0x9a6c9329ac4bc9b5L;
    private static final long[] TABLE = table();

    private long crc = -1L;

    @Override
    public void update(ByteBuffer data) {
        ByteBuffer d = data.duplicate();
        long c = crc;
        while (d.hasRemaining()) {
            c = TABLE[(int) ((c ^ d.get()) & 0xFF)] ^ (c >>> 8);
        }
        crc = c;
    }

    long value() {
        return ~crc;
    }

    @Override
    public byte[] digest() {
        return ByteBuffer.allocate(8).putLong(value()).array();
    }

    private static long[] table() {
        long[] t = new long[256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            t[n] = c;
        }
        return t;
    }
}
