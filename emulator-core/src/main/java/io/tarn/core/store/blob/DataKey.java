package io.tarn.core.store.blob;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A 256-bit AES data key for one object, or for one multipart upload (all its parts share it).
 * The caller keeps it (wrapped by KMS or the master key) next to the {@link BlobRef}; the store
 * never persists it. {@link #toString()} hides the bytes so a key never reaches a log.
 */
public final class DataKey {

    static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private DataKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A fresh random key. */
    public static DataKey generate() {
        byte[] raw = new byte[BYTES];
        RANDOM.nextBytes(raw);
        return new DataKey(raw);
    }

    /** The key made of {@code bytes} (copied), which must be exactly 32 bytes long. */
    public static DataKey of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a data key is " + BYTES + " bytes, got " + bytes.length);
        }
        return new DataKey(bytes.clone());
    }

    /** A copy of the key's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The raw bytes without a copy, for key derivation inside this package; never hand them out. */
    byte[] rawBytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return "DataKey[hidden]";
    }
}
