package io.tarn.s3.engine.checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * S3's flexible checksum algorithms ("Checking object integrity" in the S3 User Guide). The enum
 * names are the wire names ({@code x-amz-checksum-algorithm}, {@code ChecksumAlgorithm} in XML).
 */
public enum ChecksumAlgorithm {
    CRC32(4, () -> new JdkCrc(new CRC32())),
    CRC32C(4, () -> new JdkCrc(new CRC32C())),
    SHA1(20, () -> new Sha("SHA-1")),
    SHA256(32, () -> new Sha("SHA-256")),
    CRC64NVME(8, Crc64Nvme::new);

    private final int digestLength;
    private final Supplier<Checksum> factory;

    ChecksumAlgorithm(int digestLength, Supplier<Checksum> factory) {
        this.digestLength = digestLength;
        this.factory = factory;
    }

    /** The request and response header carrying this checksum: {@code x-amz-checksum-crc32}... */
    public String headerName() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The digest's size in bytes. */
    public int digestLength() {
        return digestLength;
    }

    public Checksum newChecksum() {
        return factory.get();
    }

    /** Whether this is a CRC, whose full-object value S3 can combine from the parts'. */
    public boolean isCrc() {
        return this == CRC32 || this == CRC32C || this == CRC64NVME;
    }

    /** The algorithm a header or parameter names, in any case ("CRC32", "crc64nvme"); null when S3 has no such algorithm. */
    public static @Nullable ChecksumAlgorithm fromWire(String name) {
        String n = name.trim();
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(n)) {
                return a;
            }
        }
        return null;
    }

    private static final class JdkCrc implements Checksum {
        private final java.util.zip.Checksum crc;

        JdkCrc(java.util.zip.Checksum crc) {
            this.crc = crc;
        }

        @Override
        public void update(ByteBuffer data) {
            crc.update(data.duplicate());
        }

        @Override
        public byte[] digest() {
            return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
        }
    }

    private static final class Sha implements Checksum {
        private final MessageDigest digest;

        Sha(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is not available", e);
            }
        }

        @Override
        public void update(ByteBuffer data) {
            digest.update(data.duplicate());
        }

        /** Digests a copy, so the running state stays as it is (as it does for the CRCs). */
        @Override
        public byte[] digest() {
            try {
                return ((MessageDigest) digest.clone()).digest();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the JDK's SHA digests are cloneable", e);
            }
        }
    }
}
