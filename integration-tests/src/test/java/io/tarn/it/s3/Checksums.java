package io.tarn.it.s3;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The checksums S3 returns, computed independently of the server and of the SDK: base64 of the
 * big-endian value, as in the x-amz-checksum-* headers; and the multipart forms (composite
 * "checksum of checksums-N" and full-object).
 */
final class Checksums {

    private static final long CRC64_NVME_POLY = 0x9A6C9329AC4BC9B5L; // reflected
    private static final long[] CRC64_TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int j = 0; j < 8; j++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ CRC64_NVME_POLY : crc >>> 1;
            }
            CRC64_TABLE[i] = crc;
        }
    }

    private Checksums() {}

    /** The raw (not base64) checksum of {@code data} for an S3 algorithm name. */
    static byte[] raw(String algorithm, byte[] data) {
        switch (algorithm) {
            case "CRC32":
                return crc(new CRC32(), data);
            case "CRC32C":
                return crc(new CRC32C(), data);
            case "SHA1":
                return S3Support.digest("SHA-1", data);
            case "SHA256":
                return S3Support.digest("SHA-256", data);
            case "CRC64NVME":
                return ByteBuffer.allocate(8).putLong(crc64Nvme(data)).array();
            default:
                throw new IllegalArgumentException(algorithm);
        }
    }

    static String base64(String algorithm, byte[] data) {
        return Base64.getEncoder().encodeToString(raw(algorithm, data));
    }

    /** A multipart upload's composite checksum: the checksum of the parts' raw checksums, then "-" and the part count. */
    static String composite(String algorithm, List<byte[]> parts) {
        ByteBuffer all = ByteBuffer.allocate(parts.size() * raw(algorithm, new byte[0]).length);
        for (byte[] p : parts) {
            all.put(raw(algorithm, p));
        }
        return base64(algorithm, all.array()) + "-" + parts.size();
    }

    private static byte[] crc(Checksum c, byte[] data) {
        c.update(data, 0, data.length);
        return ByteBuffer.allocate(4).putInt((int) c.getValue()).array();
    }

    /** CRC-64/NVME: reflected, init and final xor all ones. */
    static long crc64Nvme(byte[] data) {
        return ~crc64Update(~0L, data, 0, data.length);
    }

    static long crc64Update(long crc, byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            crc = CRC64_TABLE[(int) ((crc ^ data[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }
}
