package io.tarn.kms.engine;

import io.tarn.kms.KmsErrors;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * Tarn's ciphertext blob for symmetric keys. AWS's blob is opaque; so is ours, but it carries what
 * Decrypt needs without a KeyId: the key and the material version.
 *
 * <pre>
 * 0x01 | key id (16-byte UUID) | material version (u32) | iv (12) | AES-256-GCM ciphertext + tag (16)
 * </pre>
 * The AAD is the 21-byte header followed by the canonical encryption context, so a changed header,
 * body or context all fail as InvalidCiphertextException.
 */
final class Envelope {

    static final byte FORMAT_V1 = 0x01;
    static final int HEADER_BYTES = 1 + 16 + 4;
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    /** Blob size for {@code n} bytes of plaintext. */
    static final int OVERHEAD = HEADER_BYTES + IV_BYTES + TAG_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    /** The parts of a blob needed to find the key that opens it. */
    record Header(String keyId, int materialVersion) {}

    private Envelope() {}

    /** Reads the header of a blob; null when the blob is not one of ours (too short, unknown format). */
    static @Nullable Header header(byte[] blob) {
        if (blob.length < OVERHEAD || blob[0] != FORMAT_V1) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(blob, 1, HEADER_BYTES - 1);
        UUID id = new UUID(b.getLong(), b.getLong());
        int version = b.getInt();
        if (version < 1) {
            return null;
        }
        return new Header(id.toString(), version);
    }

    static byte[] seal(String keyId, Material material, byte[] plaintext, @Nullable Map<String, String> context) {
        UUID id = UUID.fromString(keyId);
        byte[] out = new byte[OVERHEAD + plaintext.length];
        ByteBuffer.wrap(out).put(FORMAT_V1).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .putInt(material.version);
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        System.arraycopy(iv, 0, out, HEADER_BYTES, IV_BYTES);
        try {
            Cipher c = GCM.get();
            c.init(Cipher.ENCRYPT_MODE, material.secret(), new GCMParameterSpec(TAG_BYTES * 8, iv));
            c.updateAAD(out, 0, HEADER_BYTES);
            c.updateAAD(canonicalContext(context));
            c.doFinal(plaintext, 0, plaintext.length, out, HEADER_BYTES + IV_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    static byte[] open(byte[] blob, Material material, @Nullable Map<String, String> context) {
        try {
            Cipher c = GCM.get();
            c.init(Cipher.DECRYPT_MODE, material.secret(), new GCMParameterSpec(TAG_BYTES * 8, blob, HEADER_BYTES, IV_BYTES));
            c.updateAAD(blob, 0, HEADER_BYTES);
            c.updateAAD(canonicalContext(context));
            return c.doFinal(blob, HEADER_BYTES + IV_BYTES, blob.length - HEADER_BYTES - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw invalidCiphertext();
        } catch (GeneralSecurityException e) {
            throw invalidCiphertext();
        }
    }

    /**
     * AWS answers a ciphertext it cannot decrypt (altered, another key's, another encryption context)
     * with the bare code and no message at all ({@code {"__type":"InvalidCiphertextException"}}).
     */
    static io.tarn.core.error.AwsException invalidCiphertext() {
        return new io.tarn.core.error.AwsException(KmsErrors.INVALID_CIPHERTEXT, null);
    }

    /** The encryption context as AAD: pairs sorted by key, each string length-prefixed, so no two contexts collide. */
    static byte[] canonicalContext(@Nullable Map<String, String> context) {
        if (context == null || context.isEmpty()) {
            return new byte[4];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeInt(out, context.size());
        for (Map.Entry<String, String> e : new TreeMap<>(context).entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(out, b.length);
        out.writeBytes(b);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
