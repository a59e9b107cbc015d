package io.tarn.s3.engine.encryption;

import io.tarn.s3.S3Errors;
import org.jspecify.annotations.Nullable;

/**
 * The encryption a write asks for, from its headers or a POST form's fields, checked for
 * consistency as S3 checks it (InvalidArgument with S3's messages). What it leaves open (no
 * algorithm: the bucket's default encryption) is settled by {@code ObjectEncryption}.
 *
 * @param algorithm {@code AES256}, {@code aws:kms}, {@code aws:kms:dsse}, or null: the bucket default (or SSE-C)
 * @param kmsKeyId the key id, alias or ARN asked for, or null: the bucket default's, else {@code aws/s3}
 * @param context the writer's encryption context (SSE-KMS): base64 JSON of string pairs, checked, kept as given
 * @param bucketKeyEnabled {@code x-amz-server-side-encryption-bucket-key-enabled}, or null: the bucket default's
 * @param customerKey the SSE-C key, or null
 */
public record EncryptionRequest(
        @Nullable String algorithm,
        @Nullable String kmsKeyId,
        @Nullable String context,
        @Nullable Boolean bucketKeyEnabled,
        @Nullable CustomerKey customerKey) {

    public static final String SSE_S3 = "AES256";
    public static final String SSE_KMS = "aws:kms";
    public static final String DSSE_KMS = "aws:kms:dsse";
    public static final String SSE_HEADER = "x-amz-server-side-encryption";
    public static final String KMS_KEY_HEADER = "x-amz-server-side-encryption-aws-kms-key-id";
    public static final String BUCKET_KEY_HEADER = "x-amz-server-side-encryption-bucket-key-enabled";

    /**
     * The request the values of S3's headers (or the same-named form fields) make; null when none
     * is given, so the bucket's default applies.
     */
    public static @Nullable EncryptionRequest of(@Nullable String sse, @Nullable String kmsKeyId, @Nullable String context,
            @Nullable String bucketKeyEnabled, @Nullable CustomerKey customerKey) {
        if (sse == null && kmsKeyId == null && context == null && bucketKeyEnabled == null && customerKey == null) {
            return null;
        }
        if (customerKey != null && sse != null) {
            throw CustomerKey.invalid("Server Side Encryption with Customer provided key is incompatible with the encryption method specified.",
                    SSE_HEADER, sse);
        }
        if (sse != null && !sse.equals(SSE_S3) && !sse.equals(SSE_KMS) && !sse.equals(DSSE_KMS)) {
            throw CustomerKey.invalid("The encryption method specified is not supported", SSE_HEADER, sse);
        }
        boolean kms = sse != null && sse.startsWith(SSE_KMS);
        if (kmsKeyId != null && !kms) {
            throw CustomerKey.invalid("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
                    SSE_HEADER, sse);
        }
        if (context != null && !kms) {
            throw CustomerKey.invalid("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
                    SSE_HEADER, sse);
        }
        if (kmsKeyId != null && kmsKeyId.isBlank()) {
            throw S3Errors.INVALID_ARGUMENT.exception("KMS key ID must not be empty").with("ArgumentName", KMS_KEY_HEADER)
                    .with("ArgumentValue", kmsKeyId);
        }
        Boolean bucketKey = null;
        if (bucketKeyEnabled != null) {
            if (!bucketKeyEnabled.equalsIgnoreCase("true") && !bucketKeyEnabled.equalsIgnoreCase("false")) {
                throw CustomerKey.invalid("Invalid value for x-amz-server-side-encryption-bucket-key-enabled", BUCKET_KEY_HEADER,
                        bucketKeyEnabled);
            }
            bucketKey = Boolean.parseBoolean(bucketKeyEnabled);
        }
        if (context != null) {
            EncryptionContext.parse(context);
        }
        return new EncryptionRequest(sse, kmsKeyId, context == null ? null : context.trim(), bucketKey, customerKey);
    }
}
