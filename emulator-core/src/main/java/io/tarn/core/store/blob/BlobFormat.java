package io.tarn.core.store.blob;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The on-disk layout's numbers and the header, in one place so writer and reader cannot drift
 * apart. The layout itself is described on {@link BlobStore}.
 */
final class BlobFormat {

    /**
     * Plaintext bytes per sealed segment. 64 KiB keeps the per-segment overhead (16-byte tag,
     * one cipher init, one positional read) below 0.03% and a ranged GET's worst-case waste below
     * 128 KiB, while a writer and a reader each hold two such buffers at most.
     */
    static final int SEGMENT_SIZE = 64 * 1024;
    /** Bounds for a segment size read from a header: a damaged header must not size a huge buffer. */
    static final int MIN_SEGMENT_SIZE = 1024;
    static final int MAX_SEGMENT_SIZE = 16 * 1024 * 1024;

    static final int TAG_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int HEADER_BYTES = 16;
    static final int ID_BYTES = 16;
    static final byte VERSION = 1;
    /** "TRNB": Tarn blob. */
    static final int MAGIC = 0x54524E42;

    private static final int NONCE_PREFIX_OFFSET = 8;
    private static final int SEGMENT_SIZE_OFFSET = 12;
    private static final HexFormat HEX = HexFormat.of();
    static final SecureRandom RANDOM = new SecureRandom();
    static final byte[] KEY_INFO = "tarn/blob/v1".getBytes(StandardCharsets.US_ASCII);

    private BlobFormat() {}

    /** A random 128-bit id in lowercase hex: unguessable, and no two writers ever need to agree on one. */
    static String newId() {
        byte[] raw = new byte[ID_BYTES];
        RANDOM.nextBytes(raw);
        return HEX.formatHex(raw);
    }

    static boolean isValidId(String id) {
        if (id.length() != ID_BYTES * 2) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static byte[] idBytes(String id) {
        return HEX.parseHex(id);
    }

    /** A header for a new blob: magic, version, three zero bytes, random nonce prefix, segment size. */
    static byte[] newHeader(int segmentSize) {
        byte[] noncePrefix = new byte[4];
        RANDOM.nextBytes(noncePrefix);
        return ByteBuffer.allocate(HEADER_BYTES)
                .putInt(MAGIC)
                .put(VERSION)
                .put(new byte[3])
                .put(noncePrefix)
                .putInt(segmentSize)
                .array();
    }

    /** Checks a header read from a blob and returns its segment size. */
    static int parseHeader(byte[] header, String id) {
        ByteBuffer b = ByteBuffer.wrap(header);
        if (b.getInt(0) != MAGIC) {
            throw new IllegalStateException("blob " + id + " has no Tarn blob header: the file is damaged or not a blob");
        }
        if (header[4] != VERSION) {
            throw new IllegalStateException("blob " + id + " has format version " + header[4]
                    + ", this build reads version " + VERSION);
        }
        if (header[5] != 0 || header[6] != 0 || header[7] != 0) {
            throw new IllegalStateException("blob " + id + " has a damaged header");
        }
        int segmentSize = b.getInt(SEGMENT_SIZE_OFFSET);
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalStateException("blob " + id + " has a damaged header (segment size " + segmentSize + ")");
        }
        return segmentSize;
    }

    static void copyNoncePrefix(byte[] header, byte[] nonce) {
        System.arraycopy(header, NONCE_PREFIX_OFFSET, nonce, 0, 4);
    }

    /**
     * Segments in a blob of {@code length} plaintext bytes: every full segment plus one final
     * segment holding the remainder, which is empty when the length is a multiple of the segment
     * size. A writer can therefore seal each segment the moment it fills, never waiting to learn
     * whether it was the last.
     */
    static long segmentCount(long length, int segmentSize) {
        return length / segmentSize + 1;
    }

    /** The exact size of a sealed blob: what a file (or an inline ref) must measure. */
    static long sealedSize(long length, int segmentSize) {
        return HEADER_BYTES + length + segmentCount(length, segmentSize) * TAG_BYTES;
    }

    /** Where segment {@code index} starts. */
    static long segmentOffset(long index, int segmentSize) {
        return HEADER_BYTES + index * (segmentSize + (long) TAG_BYTES);
    }
}
