package io.tarn.s3.engine.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ChecksumAlgorithmTest {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    /** The catalogue check values of "123456789", as S3 writes them (base64, big-endian); SHA from Python's hashlib. */
    @ParameterizedTest
    @CsvSource({
        "CRC32,     y/Q5Jg==",     // 0xcbf43926
        "CRC32C,    4waSgw==",     // 0xe3069283
        "CRC64NVME, rosUhgp5mIg=", // 0xae8b14860a799888
        "SHA1,      98O8HYCOBHMq32eZZczDTKeuNEE=",
        "SHA256,    FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=",
    })
    void checkValues(ChecksumAlgorithm algorithm, String base64) {
        Checksum c = algorithm.newChecksum();
        c.update(ByteBuffer.wrap(CHECK));
        assertThat(c.base64()).isEqualTo(base64);
        assertThat(c.digest()).hasSize(algorithm.digestLength());
    }

    @ParameterizedTest
    @CsvSource({
        "CRC32,     AAAAAA==",
        "CRC32C,    AAAAAA==",
        "CRC64NVME, AAAAAAAAAAA=",
        "SHA1,      2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
        "SHA256,    47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
    })
    void emptyBody(ChecksumAlgorithm algorithm, String base64) {
        assertThat(algorithm.newChecksum().base64()).isEqualTo(base64);
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void updateLeavesTheCallersBufferAsItIs(ChecksumAlgorithm algorithm) {
        ByteBuffer heap = ByteBuffer.wrap(CHECK);
        ByteBuffer direct = ByteBuffer.allocateDirect(CHECK.length).put(CHECK).flip();
        ByteBuffer readOnly = ByteBuffer.wrap(CHECK).asReadOnlyBuffer();
        for (ByteBuffer b : new ByteBuffer[] {heap, direct, readOnly}) {
            Checksum c = algorithm.newChecksum();
            c.update(b);
            assertThat(b.position()).isZero();
            assertThat(b.remaining()).isEqualTo(CHECK.length);
            assertThat(c.digest()).isEqualTo(digest(algorithm, CHECK));
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void updateTakesOnlyTheRemainingBytes(ChecksumAlgorithm algorithm) {
        byte[] padded = "xx123456789yyy".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.wrap(padded, 2, 9);
        Checksum c = algorithm.newChecksum();
        c.update(b);
        assertThat(c.digest()).isEqualTo(digest(algorithm, CHECK));
        ByteBuffer direct = ByteBuffer.allocateDirect(padded.length).put(padded).position(2).limit(11);
        Checksum d = algorithm.newChecksum();
        d.update(direct);
        assertThat(d.digest()).isEqualTo(digest(algorithm, CHECK));
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void piecesGiveTheDigestOfTheWhole(ChecksumAlgorithm algorithm) {
        Random random = new Random(algorithm.ordinal());
        for (int round = 0; round < 50; round++) {
            byte[] data = new byte[random.nextInt(3000)];
            random.nextBytes(data);
            Checksum c = algorithm.newChecksum();
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, random.nextInt(40));
                c.update(ByteBuffer.wrap(data, at, n));
                at += n;
            }
            assertThat(c.digest()).isEqualTo(digest(algorithm, data));
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void digestDoesNotEndTheComputation(ChecksumAlgorithm algorithm) {
        Checksum c = algorithm.newChecksum();
        c.update(ByteBuffer.wrap(CHECK, 0, 4));
        byte[] first = c.digest();
        assertThat(c.digest()).isEqualTo(first);
        assertThat(c.digest()).isEqualTo(digest(algorithm, "1234".getBytes(StandardCharsets.US_ASCII)));
        c.update(ByteBuffer.wrap(CHECK, 4, 5));
        assertThat(c.digest()).isEqualTo(digest(algorithm, CHECK));
    }

    @Test
    void wireNames() {
        assertThat(ChecksumAlgorithm.fromWire("CRC32")).isEqualTo(ChecksumAlgorithm.CRC32);
        assertThat(ChecksumAlgorithm.fromWire("crc32c")).isEqualTo(ChecksumAlgorithm.CRC32C);
        assertThat(ChecksumAlgorithm.fromWire("crc64nvme")).isEqualTo(ChecksumAlgorithm.CRC64NVME);
        assertThat(ChecksumAlgorithm.fromWire(" Sha256 ")).isEqualTo(ChecksumAlgorithm.SHA256);
        assertThat(ChecksumAlgorithm.fromWire("sha1")).isEqualTo(ChecksumAlgorithm.SHA1);
        assertThat(ChecksumAlgorithm.fromWire("MD5")).isNull();
        assertThat(ChecksumAlgorithm.fromWire("SHA-256")).isNull();
        assertThat(ChecksumAlgorithm.fromWire("")).isNull();
    }

    @Test
    void headerNamesAndKinds() {
        assertThat(ChecksumAlgorithm.CRC32.headerName()).isEqualTo("x-amz-checksum-crc32");
        assertThat(ChecksumAlgorithm.CRC32C.headerName()).isEqualTo("x-amz-checksum-crc32c");
        assertThat(ChecksumAlgorithm.CRC64NVME.headerName()).isEqualTo("x-amz-checksum-crc64nvme");
        assertThat(ChecksumAlgorithm.SHA1.headerName()).isEqualTo("x-amz-checksum-sha1");
        assertThat(ChecksumAlgorithm.SHA256.headerName()).isEqualTo("x-amz-checksum-sha256");
        assertThat(ChecksumAlgorithm.values()).filteredOn(ChecksumAlgorithm::isCrc)
                .containsExactly(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME);
    }

    /** The digest of {@code data} in one go. */
    static byte[] digest(ChecksumAlgorithm algorithm, byte[] data) {
        Checksum c = algorithm.newChecksum();
        c.update(ByteBuffer.wrap(data));
        return c.digest();
    }
}
