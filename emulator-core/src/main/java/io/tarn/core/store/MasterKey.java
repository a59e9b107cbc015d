package io.tarn.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 32-byte key kept in one file of the data dir, used to encrypt secrets at rest (KMS key
 * material, S3's SSE-S3 keys) with AES-256-GCM. The file is created on first use with
 * owner-only permissions where the file system has POSIX permissions.
 *
 * <p>Wrapped form: {@code 0x01 | iv (12) | ciphertext + tag (16)}; the caller's {@code aad}
 * binds a wrapped secret to where it is stored, so a value copied to another record fails to unwrap.
 */
public final class MasterKey {

    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final byte FORMAT = 0x01;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private MasterKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** Loads the key in {@code file}, creating it (32 random bytes) if it does not exist. */
    public static MasterKey loadOrCreate(Path file) {
        Objects.requireNonNull(file);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] raw = Files.readAllBytes(file);
            if (raw.length != KEY_BYTES) {
                throw new IllegalStateException("master key file " + file + " holds " + raw.length
                        + " bytes, expected " + KEY_BYTES + ": it is damaged or not a master key");
            }
            return new MasterKey(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the master key " + file, e);
        }
    }

    /** A key held in memory only: for tests and ephemeral stores. */
    public static MasterKey ephemeral() {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        return new MasterKey(raw);
    }

    /**
     * A 32-byte key held in memory only (a KMS data key, an SSE-C customer key) that wraps and
     * unwraps as the master key does.
     */
    public static MasterKey of(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key of " + KEY_BYTES + " bytes is needed");
        }
        return new MasterKey(raw.clone());
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        Path tmp = Files.createTempFile(dir, ".master", ".tmp");
        try {
            restrictToOwner(tmp);
            Files.write(tmp, raw);
            try {
                // No REPLACE_EXISTING: if another process won the race, its key is the key.
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException e) {
            // created concurrently; use that one
        } finally {
            Arrays.fill(raw, (byte) 0);
            Files.deleteIfExists(tmp);
        }
        if (Files.exists(file)) {
            restrictToOwner(file);
        }
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (Windows): the data dir's own ACLs apply
        }
    }

    /**
     * A 32-byte key for {@code purpose} derived from this one (HMAC-SHA256 of the purpose), so
     * that other secrets (page-token MACs) persist with the master key without reusing it as is.
     */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Encrypts {@code plaintext}, authenticating {@code aad} with it. */
    public byte[] wrap(byte[] plaintext, byte[] aad) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Crypto.aesGcm();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(aad);
            byte[] out = new byte[1 + IV_BYTES + plaintext.length + TAG_BYTES];
            out[0] = FORMAT;
            System.arraycopy(iv, 0, out, 1, IV_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, out, 1 + IV_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts what {@link #wrap} returned with the same {@code aad}.
     *
     * @throws IllegalArgumentException when the value was not wrapped by this key with this aad,
     *     or was damaged
     */
    public byte[] unwrap(byte[] wrapped, byte[] aad) {
        if (wrapped.length < 1 + IV_BYTES + TAG_BYTES || wrapped[0] != FORMAT) {
            throw new IllegalArgumentException("not a wrapped secret");
        }
        try {
            Cipher cipher = Crypto.aesGcm();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, wrapped, 1, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(wrapped, 1 + IV_BYTES, wrapped.length - 1 - IV_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the wrapped secret does not authenticate: wrong master key or damaged data");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
