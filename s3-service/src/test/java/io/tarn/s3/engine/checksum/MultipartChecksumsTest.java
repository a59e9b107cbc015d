package io.tarn.s3.engine.checksum;

import static io.tarn.s3.engine.checksum.ChecksumAlgorithmTest.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MultipartChecksumsTest {

    private static final List<byte[]> PARTS = List.of(ascii("The quick brown fox "), ascii("jumps over "), ascii("the lazy dog"));

    /**
     * Three parts; expected values computed independently in Python (zlib, hashlib, bitwise CRC32C
     * and CRC64NVME): COMPOSITE is base64(alg(part digests concatenated)) + "-3", FULL_OBJECT the
     * checksum of the 43 bytes.
     */
    @ParameterizedTest
    @CsvSource({
        "CRC32,     xU/lUQ==-3,                                       QU+jOQ==",
        "CRC32C,    jbcjnA==-3,                                       ImIEBA==",
        "CRC64NVME, 5O0l9pD+RPI=-3,                                   12xUBUlUwUM=",
        "SHA1,      35CNe/xk6dFHFPTTHUlYdG67E18=-3,                   L9ThxnotKPzthJ7hu3bnORuT6xI=",
        "SHA256,    zaqbqwxblBztGfNY1qTEjrTPj3X1KS6Vofi9Umh9oHU=-3,   16j7swfXgJRpypq8sAguT41WUeRtPNt2LQLQvzfJ5ZI=",
    })
    void threeParts(ChecksumAlgorithm algorithm, String composite, String whole) {
        List<byte[]> digests = PARTS.stream().map(p -> digest(algorithm, p)).toList();
        assertThat(MultipartChecksums.composite(algorithm, digests)).isEqualTo(composite);
        assertThat(base64(digest(algorithm, concat(PARTS)))).isEqualTo(whole);
        if (algorithm.isCrc()) {
            assertThat(MultipartChecksums.fullObject(algorithm, digests, lengths(PARTS))).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void fullObjectIsTheChecksumOfTheConcatenation(ChecksumAlgorithm algorithm) {
        Random random = new Random(algorithm.ordinal() * 31L);
        for (int round = 0; round < 300; round++) {
            int count = 1 + random.nextInt(round < 150 ? 4 : 40);
            List<byte[]> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int length = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(8);
                    case 2 -> random.nextInt(300);
                    default -> random.nextInt(70_000);
                };
                byte[] p = new byte[length];
                random.nextBytes(p);
                parts.add(p);
            }
            List<byte[]> crcs = parts.stream().map(p -> digest(algorithm, p)).toList();
            assertThat(MultipartChecksums.fullObject(algorithm, crcs, lengths(parts)))
                    .as("%d parts", count)
                    .isEqualTo(base64(digest(algorithm, concat(parts))));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combiningALongPart(ChecksumAlgorithm algorithm) {
        byte[] head = ascii("head");
        byte[] zeros = new byte[5 << 20]; // 5 MiB, S3's minimum part size, crosses many powers of two
        zeros[zeros.length - 1] = 1;
        List<byte[]> parts = List.of(head, zeros, head);
        assertThat(MultipartChecksums.fullObject(algorithm, parts.stream().map(p -> digest(algorithm, p)).toList(), lengths(parts)))
                .isEqualTo(base64(digest(algorithm, concat(parts))));
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void onePartIsThatPartsCrc(ChecksumAlgorithm algorithm) {
        byte[] crc = digest(algorithm, PARTS.get(0));
        assertThat(MultipartChecksums.fullObject(algorithm, List.of(crc), List.of((long) PARTS.get(0).length))).isEqualTo(base64(crc));
    }

    @Test
    void compositeCountsTheParts() {
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            digests.add(digest(ChecksumAlgorithm.CRC32C, ascii("part " + i)));
        }
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        digests.forEach(concatenated::writeBytes);
        assertThat(MultipartChecksums.composite(ChecksumAlgorithm.CRC32C, digests))
                .isEqualTo(base64(digest(ChecksumAlgorithm.CRC32C, concatenated.toByteArray())) + "-12");
    }

    @Test
    void combineWithNothingAppended() {
        assertThat(MultipartChecksums.combine(0x1234L, 0, 0, 0xEDB88320L, 32)).isEqualTo(0x1234L);
    }

    @Test
    void rejectsWhatCannotBeCombined() {
        List<byte[]> sha = List.of(digest(ChecksumAlgorithm.SHA256, PARTS.get(0)));
        assertThatThrownBy(() -> MultipartChecksums.fullObject(ChecksumAlgorithm.SHA256, sha, List.of(20L)))
                .isInstanceOf(IllegalArgumentException.class);
        List<byte[]> crc = List.of(digest(ChecksumAlgorithm.CRC32, PARTS.get(0)));
        assertThatThrownBy(() -> MultipartChecksums.fullObject(ChecksumAlgorithm.CRC32, crc, List.of(1L, 2L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipartChecksums.fullObject(ChecksumAlgorithm.CRC64NVME, crc, List.of(20L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipartChecksums.composite(ChecksumAlgorithm.SHA1, crc))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Long> lengths(List<byte[]> parts) {
        return parts.stream().map(p -> (long) p.length).toList();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

}
