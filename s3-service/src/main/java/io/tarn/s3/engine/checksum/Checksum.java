package io.tarn.s3.engine.checksum;

import java.nio.ByteBuffer;
import java.util.Base64;

/** A running flexible checksum over a body. */
public interface Checksum {

    /** Adds the remaining bytes of {@code data} without moving its position. */
    void update(ByteBuffer data);

    /** The big-endian digest (4 bytes for CRC32/CRC32C, 8 for CRC64NVME, 20/32 for SHA). */
    byte[] digest();

    /** The digest as S3 writes it: base64. */
    default String base64() {
        return Base64.getEncoder().encodeToString(digest());
    }
}
