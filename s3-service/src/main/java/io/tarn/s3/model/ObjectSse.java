package io.tarn.s3.model;

import org.jspecify.annotations.Nullable;

/**
 * How an object's (or an upload's) data key is wrapped when it is not by S3's master key (SSE-S3,
 * which records written before this field existed read as). The {@code wrappedKey} beside it is the
 * data key wrapped under a key-encryption key that is
 * <ul>
 *   <li>SSE-KMS / DSSE-KMS: a KMS data key, whose KMS ciphertext is {@code kmsBlob}: one per object,
 *       or with {@code bucketKeyEnabled} one bucket key shared by the objects of a period;</li>
 *   <li>SSE-C: the customer's key, never stored: only {@code customerKeyHmac}, an HMAC-SHA256 of it
 *       under the random {@code customerKeySalt}, to tell a wrong key from the right one.</li>
 * </ul>
 *
 * @param algorithm {@code aws:kms}, {@code aws:kms:dsse}, or for SSE-C the customer algorithm {@code AES256}
 * @param kmsKeyArn the KMS key's ARN (SSE-KMS)
 * @param context the encryption context the writer gave (base64 JSON), which S3 answers as given, or null
 * @param kmsContext the context KMS was asked with (base64 JSON): the writer's plus {@code aws:s3:arn}
 */
public record ObjectSse(
        String algorithm,
        @Nullable String kmsKeyArn,
        @Nullable String context,
        @Nullable String kmsContext,
        boolean bucketKeyEnabled,
        byte @Nullable [] kmsBlob,
        byte @Nullable [] customerKeySalt,
        byte @Nullable [] customerKeyHmac) {

    public boolean customerKey() {
        return customerKeyHmac != null;
    }

    public boolean kms() {
        return kmsKeyArn != null;
    }
}
