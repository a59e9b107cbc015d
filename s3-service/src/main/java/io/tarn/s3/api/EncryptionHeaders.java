package io.tarn.s3.api;

import io.tarn.s3.S3Errors;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The consistency of a request's encryption headers, checked before anything else as S3 does
 * (400 InvalidArgument with S3's messages): SSE-C's algorithm, key and key MD5 go together and
 * agree, SSE-C excludes {@code x-amz-server-side-encryption}, a KMS key id needs {@code aws:kms},
 * and a read carries no {@code x-amz-server-side-encryption*} header but SSE-C's. Whether the
 * encryption asked for is built is decided after this (ObjectHeaders).
 */
final class EncryptionHeaders {

    static final String SSE = "x-amz-server-side-encryption";
    static final String SSE_C_ALGORITHM = "x-amz-server-side-encryption-customer-algorithm";
    private static final String SSE_C_KEY = "x-amz-server-side-encryption-customer-key";
    private static final String SSE_C_KEY_MD5 = "x-amz-server-side-encryption-customer-key-md5";
    private static final String KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";
    /** Encryption headers a write may carry and a read may not (SSE-C's are for both). */
    private static final List<String> WRITE_ONLY = List.of(SSE, KMS_KEY_ID, "x-amz-server-side-encryption-context",
            "x-amz-server-side-encryption-bucket-key-enabled");

    private EncryptionHeaders() {}

    /** PutObject, CopyObject, CreateMultipartUpload, UploadPart. */
    static void checkWrite(S3Call call) {
        checkCustomerKey(call, "");
        String sse = call.header(SSE);
        if (call.header(SSE_C_ALGORITHM) != null && sse != null) {
            throw invalid("Server Side Encryption with Customer provided key is incompatible with the encryption method specified.", SSE,
                    sse);
        }
        if (call.header(KMS_KEY_ID) != null && (sse == null || !sse.startsWith("aws:kms"))) {
            throw invalid("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
                    SSE, sse);
        }
    }

    /** GetObject and HeadObject: SSE-C's headers only, consistent. */
    static void checkRead(S3Call call) {
        for (String header : WRITE_ONLY) {
            if (call.header(header) != null) {
                throw invalid(header + " header is not supported for this operation.", header, call.header(header));
            }
        }
        checkCustomerKey(call, "");
    }

    /** The copy source's SSE-C headers ({@code x-amz-copy-source-server-side-encryption-customer-*}). */
    static void checkCopySource(S3Call call) {
        checkCustomerKey(call, "x-amz-copy-source-");
    }

    /** Whether the request names an SSE-C key (for the object, or with {@code prefix} for a copy source). */
    static boolean customerKey(S3Call call, String prefix) {
        return call.header(prefix + SSE_C_ALGORITHM) != null;
    }

    private static void checkCustomerKey(S3Call call, String prefix) {
        String algorithm = call.header(prefix + SSE_C_ALGORITHM);
        String key = call.header(prefix + SSE_C_KEY);
        String md5 = call.header(prefix + SSE_C_KEY_MD5);
        if (algorithm == null && key == null && md5 == null) {
            return;
        }
        if (algorithm == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.",
                    prefix + SSE_C_ALGORITHM, null);
        }
        if (!algorithm.equals("AES256")) {
            throw invalid("The encryption algorithm specified is not valid.", prefix + SSE_C_ALGORITHM, algorithm);
        }
        if (key == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.",
                    prefix + SSE_C_KEY, null);
        }
        byte[] secret = decode(key);
        if (secret == null || secret.length != 32) {
            throw invalid("The secret key was invalid for the specified algorithm.", prefix + SSE_C_KEY, null);
        }
        if (md5 == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.",
                    prefix + SSE_C_KEY_MD5, null);
        }
        if (!md5.trim().equals(Base64.getEncoder().encodeToString(md5(secret)))) {
            throw invalid("The calculated MD5 hash of the key did not match the hash that was provided.", prefix + SSE_C_KEY_MD5, null);
        }
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

    private static RuntimeException invalid(String message, String argument, @Nullable String value) {
        return S3Errors.INVALID_ARGUMENT.exception(message).with("ArgumentName", argument)
                .with("ArgumentValue", value == null ? "null" : value);
    }
}
