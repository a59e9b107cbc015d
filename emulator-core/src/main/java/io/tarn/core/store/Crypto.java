package io.tarn.core.store;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Per-thread AES-GCM ciphers and HMAC-SHA256 instances. Looking a transformation up costs more
 * than sealing a small object, and every object read or write needs one or two; an instance is
 * re-initialised for each use, never shared between threads.
 */
public final class Crypto {

    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> create(() -> Cipher.getInstance("AES/GCM/NoPadding")));
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> create(() -> Mac.getInstance("HmacSHA256")));

    private Crypto() {}

    /** This thread's AES/GCM/NoPadding cipher: call {@code init} before each use. */
    public static Cipher aesGcm() {
        return AES_GCM.get();
    }

    /** This thread's HmacSHA256: call {@code init} before each use. */
    public static Mac hmacSha256() {
        return HMAC_SHA256.get();
    }

    private interface Factory<T> {
        T create() throws GeneralSecurityException;
    }

    private static <T> T create(Factory<T> factory) {
        try {
            return factory.create();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/GCM or HmacSHA256", e);
        }
    }
}
