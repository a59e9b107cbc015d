package io.tarn.core.store.blob;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import io.tarn.core.store.Crypto;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the segments of one blob with AES-256-GCM. One instance per writer or reader,
 * so the {@link Cipher} is created once and only re-initialised (a new nonce) per segment.
 *
 * <p>The AES key is not the {@link DataKey} itself but {@code HKDF-Expand(dataKey, "tarn/blob/v1"
 * || blobId, 32)}, i.e. {@code HMAC-SHA256(dataKey, "tarn/blob/v1" || blobId || 0x01)}. The parts
 * of a multipart upload share one data key, and with a 4-byte random nonce prefix per blob,
 * 10,000 parts would repeat a prefix (and so a nonce: GCM's one fatal misuse) with about 1%
 * probability. With a key per blob a nonce only has to be unique within its blob, which the
 * segment index guarantees.
 * (HKDF's extract step is skipped because the data key is already uniformly random, RFC 5869 §3.3.)
 *
 * <p>Each segment's additional data is {@code header (16) || blobId (16) || index (8, big-endian)
 * || final (1)}: a segment moved to another position, another blob or the end of the blob, and any
 * header change, all fail the tag.
 */
final class SegmentCipher {

    private static final int AAD_BYTES = BlobFormat.HEADER_BYTES + BlobFormat.ID_BYTES + 8 + 1;

    private final String blobId;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[BlobFormat.NONCE_BYTES];
    private final byte[] aad = new byte[AAD_BYTES];

    SegmentCipher(DataKey dataKey, String blobId, byte[] header) {
        this.blobId = blobId;
        byte[] id = BlobFormat.idBytes(blobId);
        try {
            Mac mac = Crypto.hmacSha256();
            mac.init(new SecretKeySpec(dataKey.rawBytes(), "HmacSHA256"));
            mac.update(BlobFormat.KEY_INFO);
            mac.update(id);
            mac.update((byte) 1);
            byte[] derived = mac.doFinal();
            this.key = new SecretKeySpec(derived, "AES");
            Arrays.fill(derived, (byte) 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256 or AES/GCM/NoPadding", e);
        }
        BlobFormat.copyNoncePrefix(header, nonce);
        System.arraycopy(header, 0, aad, 0, BlobFormat.HEADER_BYTES);
        System.arraycopy(id, 0, aad, BlobFormat.HEADER_BYTES, BlobFormat.ID_BYTES);
    }

    /** Encrypts all of {@code plain} into {@code sealed} (which must have room for it plus the tag). */
    void seal(long index, boolean last, ByteBuffer plain, ByteBuffer sealed) {
        try {
            init(Cipher.ENCRYPT_MODE, index, last).doFinal(plain, sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal segment " + index + " of blob " + blobId, e);
        }
    }

    /**
     * Decrypts all of {@code sealed} into {@code plain}. A failed tag is an
     * {@link IllegalStateException}; {@code plain} must then be ignored.
     */
    void open(long index, boolean last, ByteBuffer sealed, ByteBuffer plain) {
        try {
            init(Cipher.DECRYPT_MODE, index, last).doFinal(sealed, plain);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("blob " + blobId + ": segment " + index
                    + " failed authentication (the data is altered, truncated or reordered, or the data key is wrong)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open segment " + index + " of blob " + blobId, e);
        }
    }

    /** This thread's cipher, set up for segment {@code index}. */
    private Cipher init(int mode, long index, boolean last) throws GeneralSecurityException {
        putLong(nonce, 4, index);
        putLong(aad, BlobFormat.HEADER_BYTES + BlobFormat.ID_BYTES, index);
        aad[AAD_BYTES - 1] = (byte) (last ? 1 : 0);
        Cipher cipher = Crypto.aesGcm();
        cipher.init(mode, key, new GCMParameterSpec(BlobFormat.TAG_BYTES * 8, nonce));
        cipher.updateAAD(aad);
        return cipher;
    }

    private static void putLong(byte[] into, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            into[at + i] = (byte) value;
            value >>>= 8;
        }
    }
}
