package io.tarn.s3.engine.checksum;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * The checksum of a completed multipart upload, in S3's two forms ("Checking object integrity",
 * S3 User Guide; {@code x-amz-checksum-type}):
 *
 * <ul>
 *   <li>COMPOSITE: the checksum of the concatenated binary part checksums, base64, then {@code -N}
 *       for N parts; it is not the checksum of the object's bytes, which is why it is marked;
 *   <li>FULL_OBJECT: the CRC of the whole object, as if it had been uploaded in one piece. It is
 *       combined from the parts' CRCs and lengths (zlib's {@code crc32_combine}, generalised to any
 *       reflected CRC) so that completing an upload does not read the object again.
 * </ul>
 */
public final class MultipartChecksums {

    private MultipartChecksums() {}

    /** COMPOSITE: base64(alg(digest1 ++ digest2 ++ ...)) + "-" + N, from the parts' binary digests in part order. */
    public static String composite(ChecksumAlgorithm algorithm, List<byte[]> partDigests) {
        Checksum c = algorithm.newChecksum();
        for (byte[] d : partDigests) {
            checkLength(algorithm, d);
            c.update(ByteBuffer.wrap(d));
        }
        return c.base64() + "-" + partDigests.size();
    }

    /**
     * FULL_OBJECT: the base64 CRC of the parts' bytes one after the other, from each part's binary
     * CRC and length, in part order. Only for CRC32, CRC32C and CRC64NVME (a hash cannot be combined).
     */
    public static String fullObject(ChecksumAlgorithm algorithm, List<byte[]> partCrcs, List<Long> partLengths) {
        if (!algorithm.isCrc()) {
            throw new IllegalArgumentException(algorithm + " cannot be combined");
        }
        if (partCrcs.size() != partLengths.size()) {
            throw new IllegalArgumentException(partCrcs.size() + " CRCs for " + partLengths.size() + " lengths");
        }
        int width = algorithm.digestLength() * 8;
        long poly = reflectedPolynomial(algorithm);
        long crc = 0; // the CRC of no bytes, for all three
        for (int i = 0; i < partCrcs.size(); i++) {
            byte[] part = partCrcs.get(i);
            checkLength(algorithm, part);
            crc = combine(crc, toLong(part), partLengths.get(i), poly, width);
        }
        ByteBuffer out = ByteBuffer.allocate(algorithm.digestLength());
        if (width == 64) {
            out.putLong(crc);
        } else {
            out.putInt((int) crc);
        }
        return Base64.getEncoder().encodeToString(out.array());
    }

    private static long reflectedPolynomial(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> 0xEDB88320L;
            case CRC32C -> 0x82F63B78L;
            case CRC64NVME -> Crc64Nvme.POLY;
            default -> throw new IllegalArgumentException(algorithm.name());
        };
    }

    private static void checkLength(ChecksumAlgorithm algorithm, byte[] digest) {
        if (digest.length != algorithm.digestLength()) {
            throw new IllegalArgumentException("a " + algorithm + " digest has " + algorithm.digestLength()
                    + " bytes, not " + digest.length);
        }
    }

    private static long toLong(byte[] digest) {
        long v = 0;
        for (byte b : digest) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    /**
     * CRC(A ++ B) from CRC(A), CRC(B) and |B|, for a reflected CRC of {@code width} bits whose
     * initial value and final xor are all ones (zlib's crc32_combine). Appending |B| zero bytes to A
     * is a linear map of its CRC register, applied here as GF(2) matrices squared up by powers of two.
     */
    static long combine(long crcA, long crcB, long lengthB, long poly, int width) {
        if (lengthB <= 0) {
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
            square(even, odd, width); // first pass: one zero byte, then 4, 16...
            if ((len & 1) != 0) {
                a = times(even, a);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even, width); // 2, 8, 32... zero bytes
            if ((len & 1) != 0) {
                a = times(odd, a);
            }
            len >>>= 1;
        } while (len != 0);
        long mask = width == 64 ? -1L : (1L << width) - 1;
        return (a ^ crcB) & mask;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix, int width) {
        for (int n = 0; n < width; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
