package io.tarn.s3.engine.encryption;

import io.tarn.core.error.AwsException;
import io.tarn.s3.S3Errors;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * An SSE-C key as a request (headers or a POST form) gives it: algorithm AES256, a 256-bit key in
 * base64 and its MD5, validated with S3's InvalidArgument messages. Held for one request only.
 *
 * @param md5 the key's MD5 in base64, as S3 echoes it in {@code x-amz-server-side-encryption-customer-key-MD5}
 */
public record CustomerKey(byte[] key, String md5) {

    public static final String ALGORITHM = "AES256";
    public static final String ALGORITHM_HEADER = "x-amz-server-side-encryption-customer-algorithm";
    public static final String KEY_HEADER = "x-amz-server-side-encryption-customer-key";
    public static final String MD5_HEADER = "x-amz-server-side-encryption-customer-key-md5";

    /**
     * The name of an SSE-C header for the object ({@code copySource} false) or for a copy's source:
     * {@code x-amz-copy-source-server-side-encryption-customer-*}.
     */
    public static String header(String name, boolean copySource) {
        return copySource ? "x-amz-copy-source-" + name.substring("x-amz-".length()) : name;
    }

    /**
     * The key the three values name, or null when all three are absent; {@code copySource} says
     * which headers errors name.
     */
    public static @Nullable CustomerKey of(@Nullable String algorithm, @Nullable String key, @Nullable String md5, boolean copySource) {
        if (algorithm == null && key == null && md5 == null) {
            return null;
        }
        if (algorithm == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.",
                    header(ALGORITHM_HEADER, copySource), null);
        }
        if (!algorithm.equals(ALGORITHM)) {
            throw invalid("The encryption algorithm specified is not valid.", header(ALGORITHM_HEADER, copySource), algorithm);
        }
        if (key == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.",
                    header(KEY_HEADER, copySource), null);
        }
        byte[] secret = decode(key);
        if (secret == null || secret.length != 32) {
            throw invalid("The secret key was invalid for the specified algorithm.", header(KEY_HEADER, copySource), null);
        }
        if (md5 == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.",
                    header(MD5_HEADER, copySource), null);
        }
        String actual = Base64.getEncoder().encodeToString(md5(secret));
        if (!md5.trim().equals(actual)) {
            throw invalid("The calculated MD5 hash of the key did not match the hash that was provided.", header(MD5_HEADER, copySource), null);
        }
        return new CustomerKey(secret, actual);
    }

    private static byte @Nullable [] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** S3's InvalidArgument naming the argument at fault. */
    public static AwsException invalid(String message, String argument, @Nullable String value) {
        return S3Errors.INVALID_ARGUMENT.exception(message).with("ArgumentName", argument)
                .with("ArgumentValue", value == null ? "null" : value);
    }

    @Override
    public String toString() {
        return "CustomerKey[md5=" + md5 + "]"; // never the key
    }
}
