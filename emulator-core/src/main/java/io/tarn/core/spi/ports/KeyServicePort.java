package io.tarn.core.spi.ports;

import io.tarn.core.spi.Namespace;
import java.util.Map;

/**
 * What KMS offers the other services (SSE-KMS in S3, stream encryption in Kinesis, Firehose):
 * AWS's semantics, the same checks and errors as the KMS API, and every use in the audit log.
 * Errors are thrown as {@link io.tarn.core.error.AwsException} with KMS's codes.
 */
public interface KeyServicePort {

    /** A key as resolved from a key id, key ARN, alias name or alias ARN. */
    record ResolvedKey(String keyId, String arn) {}

    /** A data key: the plaintext to use and forget, and the blob to store beside the data. */
    record DataKey(String keyId, String keyArn, byte[] plaintext, byte[] ciphertextBlob) {}

    /**
     * Resolves {@code keyIdOrAlias}; an AWS-managed alias ({@code alias/aws/s3}) creates its key
     * on first use, as AWS does. The key must be enabled.
     */
    ResolvedKey resolve(Namespace namespace, String keyIdOrAlias);

    /** GenerateDataKey (AES_256) on behalf of {@code principal} (e.g. {@code s3.amazonaws.com}). */
    DataKey generateDataKey(Namespace namespace, String keyIdOrAlias, Map<String, String> encryptionContext, String principal);

    /** Decrypt of a blob from {@link #generateDataKey} or Encrypt, with the same context. */
    byte[] decrypt(Namespace namespace, byte[] ciphertextBlob, Map<String, String> encryptionContext, String principal);
}
