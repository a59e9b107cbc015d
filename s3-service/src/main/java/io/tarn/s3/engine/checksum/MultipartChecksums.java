package io.tarn.s3.engine.checksum;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * The checksum of a completed multipart upload, as S3 computes it: COMPOSITE is the checksum of
 * the concatenated part checksums with {@code -N}; FULL_OBJECT is the CRC of the whole object,
 * combined from the parts' CRCs and lengths without reading the bytes again (zlib's crc_combine,
 * for reflected CRCs of any width).
 */
public final class MultipartChecksums {

    private MultipartChecksums() {}

    public static String composite(ChecksumAlgorithm algorithm, List<byte[]> partDigests) {
        Checksum c = algorithm.newChecksum();
        for (byte[] d : partDigests) {
            c.update(ByteBuffer.wrap(d));
        }
        return c.base64() + "-" + partDigests.size();
    }

    public static String fullObject(ChecksumAlgorithm algorithm, List<byte[]> partCrcs, List<Long> partLengths) {
        if (!algorithm.isCrc()) {
            throw new IllegalArgumentException(algorithm + " cannot be combined");
        }
        int width = algorithm == ChecksumAlgorithm.CRC64NVME ? 64 : 32;
        long poly = switch0(algorithm);
        long crc = 0;
        boolean first = true;
        for (int i = 0; i < partCrcs.size(); i++) {
            long part = toLong(partCrcs.get(i));
            crc = first ? part : combine(crc, part, partLengths.get(i), poly, width);
            first = false;
        }
        byte[] out = width == 64 ? ByteBuffer.allocate(8).putLong(crc).array() : ByteBuffer.allocate(4).putInt((int) crc).array();
        return Base64.getEncoder().encodeToString(out);
    }

    private static long switch0(ChecksumAlgorithm algorithm) {
        if (algorithm == ChecksumAlgorithm.CRC32) {
            return 0xEDB88320L;
        }
        if (algorithm == ChecksumAlgorithm.CRC32C) {
            return 0x82F63B78L;
        }
        return Crc64Nvme.POLY;
    }

    private static long toLong(byte[] digest) {
        long v = 0;
        for (byte b : digest) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    /** CRC(A ++ B) from CRC(A), CRC(B) and |B|, for a reflected CRC with the given polynomial (zlib's crc32_combine, generalised). */
    static long combine(long crcA, long crcB, long lengthB, long poly, int width) {
        if (lengthB == 0) {
            return crcA;
        }
        long[] odd = new long[width];
        long[] even = new long[width];
        odd[0] = poly; // the operator for one zero bit
        long row = 1;
        for (int n = 1; n < width; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd, width); // two zero bits
        square(odd, even, width); // four zero bits
        long a = crcA;
        long len = lengthB;
        do {
            square(even, odd, width); // first pass: one zero byte
            if ((len & 1) != 0) {
                a = times(even, a);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even, width);
            if ((len & 1) != 0) {
                a = times(odd, a);
            }
            len >>>= 1;
        } while (len != 0);
        long mask = width == 64 ? -1L : 0xFFFFFFFFL;
        return (a ^ crcB) & mask;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        int i = 0;
        while (vector != 0) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
            vector >>>= 1;
            i++;
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix, int width) {
        for (int n = 0; n < width; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
