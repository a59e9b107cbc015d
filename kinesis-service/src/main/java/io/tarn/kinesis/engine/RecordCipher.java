package io.tarn.kinesis.engine;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.core.store.Crypto;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.model.StreamMeta;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-side encryption of an encrypted stream's records: each stream gets a data key from KMS
 * (GenerateDataKey under the stream's key, so the use shows in KMS's audit log), stored wrapped
 * in the stream's metadata; records are sealed with AES-256-GCM under it. Plain data keys are
 * kept in memory only, unwrapped by KMS again after a restart.
 */
final class RecordCipher {

    static final String PRINCIPAL = "kinesis.amazonaws.com";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private record CacheKey(long incarnation, int id) {}

    private final Supplier<KeyServicePort> kms;
    private final Map<CacheKey, SecretKeySpec> keys = new ConcurrentHashMap<>();

    RecordCipher(Supplier<KeyServicePort> kms) {
        this.kms = kms;
    }

    /** A new data key under {@code keyId} for the stream; KMS errors become Kinesis's KMS errors. */
    StreamMeta.WrappedDataKey newDataKey(Namespace ns, StreamMeta.Editor stream, String keyId) {
        KeyServicePort.DataKey dk = kms(() -> kms.get().generateDataKey(ns, keyId, context(stream.arn), PRINCIPAL));
        int id = stream.dataKeys.stream().mapToInt(StreamMeta.WrappedDataKey::id).max().orElse(0) + 1;
        keys.put(new CacheKey(stream.incarnation, id), new SecretKeySpec(dk.plaintext(), "AES"));
        return new StreamMeta.WrappedDataKey(id, dk.keyArn(), dk.ciphertextBlob());
    }

    /** Checks that {@code keyId} names a usable key, as StartStreamEncryption does. */
    String resolve(Namespace ns, String keyId) {
        return kms(() -> kms.get().resolve(ns, keyId)).arn();
    }

    byte[] seal(Namespace ns, StreamMeta stream, int dataKeyId, byte[] plain) {
        byte[] nonce = new byte[NONCE];
        RANDOM.get().nextBytes(nonce);
        try {
            Cipher c = Crypto.aesGcm();
            c.init(Cipher.ENCRYPT_MODE, key(ns, stream, dataKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(stream.arn().getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE + c.getOutputSize(plain.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            c.doFinal(plain, 0, plain.length, out, NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a record failed", e);
        }
    }

    byte[] open(Namespace ns, StreamMeta stream, int dataKeyId, byte[] sealed) {
        try {
            Cipher c = Crypto.aesGcm();
            c.init(Cipher.DECRYPT_MODE, key(ns, stream, dataKeyId), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            c.updateAAD(stream.arn().getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored record failed authentication", e);
        }
    }

    void forget(long incarnation) {
        keys.keySet().removeIf(k -> k.incarnation() == incarnation);
    }

    private SecretKeySpec key(Namespace ns, StreamMeta stream, int id) {
        return keys.computeIfAbsent(new CacheKey(stream.incarnation(), id), k -> {
            StreamMeta.WrappedDataKey wrapped = stream.dataKey(id);
            if (wrapped == null) {
                throw new IllegalStateException("stream " + stream.name() + " has no data key " + id);
            }
            byte[] plain = kms(() -> kms.get().decrypt(ns, wrapped.ciphertext(), context(stream.arn()), PRINCIPAL));
            return new SecretKeySpec(plain, "AES");
        });
    }

    private static Map<String, String> context(String streamArn) {
        return Map.of("aws:kinesis:arn", streamArn);
    }

    /** Runs a KMS call, turning KMS's errors into the KMS* errors Kinesis answers. */
    private static <T> T kms(Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsException e) {
            switch (e.code()) {
                case "NotFoundException":
                    throw KinesisErrors.KMS_NOT_FOUND.exception(e.getMessage());
                case "DisabledException":
                    throw KinesisErrors.KMS_DISABLED.exception(e.getMessage());
                case "KMSInvalidStateException":
                    throw KinesisErrors.KMS_INVALID_STATE.exception(e.getMessage());
                default:
                    throw KinesisErrors.KMS_ACCESS_DENIED.exception(e.getMessage());
            }
        } catch (IllegalStateException e) { // no KMS in this build
            throw KinesisErrors.KMS_NOT_FOUND.exception("KMS is not available: " + e.getMessage());
        }
    }

}
