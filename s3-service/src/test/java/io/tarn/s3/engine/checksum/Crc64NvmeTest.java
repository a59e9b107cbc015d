package io.tarn.s3.engine.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Our CRC64NVME against AWS's own, the CRT's native one that the AWS SDKs use. */
class Crc64NvmeTest {

    @Test
    void checkValue() {
        assertThat(ours(bytes("123456789"))).isEqualTo(0xae8b14860a799888L);
        assertThat(crt(bytes("123456789"))).isEqualTo(0xae8b14860a799888L);
        assertThat(ours(new byte[0])).isZero();
    }

    /** Values the CRT (aws-crt 0.40.1) gave, kept so that the check does not depend on the native library alone. */
    @Test
    void recordedCrtValues() {
        byte[] pattern = new byte[1000];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i % 251);
        }
        assertThat(ours(pattern)).isEqualTo(0x3a2d3571b6998416L);
        byte[] a = new byte[66560];
        Arrays.fill(a, (byte) 'a');
        assertThat(ours(a)).isEqualTo(0xa517fe7a6ae72fe0L);
    }

    @Test
    void matchesTheCrtOnRandomData() {
        Random random = new Random(20240917);
        for (int round = 0; round < 2000; round++) {
            int length = round < 100 ? round : random.nextInt(round < 1900 ? 5000 : 1 << 20);
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertThat(ours(data)).as("length %d", length).isEqualTo(crt(data));
        }
    }

    @Test
    void matchesTheCrtWhenFedInPiecesAtAnyAlignment() {
        Random random = new Random(7);
        byte[] data = new byte[20_000];
        random.nextBytes(data);
        long expected = crt(data);
        for (int round = 0; round < 200; round++) {
            Crc64Nvme c = new Crc64Nvme();
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, random.nextInt(100));
                if (random.nextBoolean()) {
                    c.update(ByteBuffer.wrap(data, at, n));
                } else {
                    c.update(direct.duplicate().position(at).limit(at + n));
                }
                at += n;
            }
            assertThat(c.value()).isEqualTo(expected);
        }
    }

    @Test
    void jdkCrcsMatchTheCrtToo() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            byte[] data = new byte[random.nextInt(5000)];
            random.nextBytes(data);
            CRC32 jdk32 = new CRC32();
            jdk32.update(data);
            software.amazon.awssdk.crt.checksums.CRC32 crt32 = new software.amazon.awssdk.crt.checksums.CRC32();
            crt32.update(data, 0, data.length);
            assertThat(jdk32.getValue()).isEqualTo(crt32.getValue());
            CRC32C jdk32c = new CRC32C();
            jdk32c.update(data);
            software.amazon.awssdk.crt.checksums.CRC32C crt32c = new software.amazon.awssdk.crt.checksums.CRC32C();
            crt32c.update(data, 0, data.length);
            assertThat(jdk32c.getValue()).isEqualTo(crt32c.getValue());
        }
    }

    @Test
    void digestIsBigEndian() {
        Crc64Nvme c = new Crc64Nvme();
        c.update(ByteBuffer.wrap(bytes("123456789")));
        assertThat(c.digest()).containsExactly(0xae, 0x8b, 0x14, 0x86, 0x0a, 0x79, 0x98, 0x88);
    }

    private static long ours(byte[] data) {
        Crc64Nvme c = new Crc64Nvme();
        c.update(ByteBuffer.wrap(data));
        return c.value();
    }

    private static long crt(byte[] data) {
        software.amazon.awssdk.crt.checksums.CRC64NVME c = new software.amazon.awssdk.crt.checksums.CRC64NVME();
        c.update(data, 0, data.length);
        return c.getValue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
