package io.tarn.s3.engine.checksum;

import java.nio.ByteBuffer;
import java.util.Base64;

/** A running flexible checksum over a body that arrives in pieces. */
public interface Checksum {

    /** Adds the remaining bytes of {@code data} without moving its position: the same buffer goes on to storage. */
    void update(ByteBuffer data);

    /**
     * The big-endian digest of the bytes so far (4 bytes for CRC32/CRC32C, 8 for CRC64NVME, 20/32
     * for SHA1/SHA256); does not end the computation, so it can be asked for more than once.
     */
    byte[] digest();

    /** The digest as S3 writes it in headers and XML: base64. */
    default String base64() {
        return Base64.getEncoder().encodeToString(digest());
    }
}
