package io.tarn.s3.engine;

import io.tarn.core.store.MasterKey;
import io.tarn.core.store.blob.DataKey;
import java.nio.charset.StandardCharsets;

/**
 * SSE-S3, AWS's default: every object (every multipart upload) gets its own data key, stored
 * wrapped by S3's master key next to the object's metadata. SSE-KMS and SSE-C will wrap the same
 * data keys differently.
 */
public final class ObjectEncryption {

    /** Responses say this for every object: S3 encrypts everything at rest since 2023. */
    public static final String SSE_S3 = "AES256";
    private static final byte[] AAD = "tarn-s3/sse-s3/data-key".getBytes(StandardCharsets.US_ASCII);

    private final MasterKey masterKey;

    public ObjectEncryption(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    DataKey newKey() {
        return DataKey.generate();
    }

    byte[] wrap(DataKey key) {
        return masterKey.wrap(key.bytes(), AAD);
    }

    DataKey unwrap(byte[] wrapped) {
        return DataKey.of(masterKey.unwrap(wrapped, AAD));
    }
}
