package io.tarn.s3.engine;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.ErrorCode;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.core.store.Crypto;
import io.tarn.core.store.MasterKey;
import io.tarn.core.store.blob.DataKey;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.encryption.BucketEncryptions;
import io.tarn.s3.engine.encryption.BucketKeys;
import io.tarn.s3.engine.encryption.CustomerKey;
import io.tarn.s3.engine.encryption.EncryptionContext;
import io.tarn.s3.engine.encryption.EncryptionRequest;
import io.tarn.s3.model.BucketEncryption;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.ObjectSse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Server-side encryption of objects. Every object (every multipart upload) has its own random
 * data key, which encrypts its blobs; what differs is the key that wraps that data key:
 * <ul>
 *   <li>SSE-S3 (AWS's default): S3's master key;</li>
 *   <li>SSE-KMS and DSSE-KMS: a data key from KMS GenerateDataKey (context {@code aws:s3:arn} = the
 *       object's ARN), unwrapped by KMS Decrypt on every read, so each use is in KMS's audit log and a
 *       disabled key makes the object unreadable; with a Bucket Key, one KMS data key per bucket for a
 *       period ({@code encryption.BucketKeys}, context = the bucket's ARN);</li>
 *   <li>SSE-C: the customer's key, given with every request and never stored.</li>
 * </ul>
 * A write that names no encryption gets its bucket's default ({@code encryption.BucketEncryptions}).
 */
public final class ObjectEncryption {

    /** SSE-S3's name on the wire. */
    public static final String SSE_S3 = EncryptionRequest.SSE_S3;
    /** The principal S3 calls KMS as, as CloudTrail shows it. */
    private static final String PRINCIPAL = "s3.amazonaws.com";
    private static final String AWS_MANAGED_KEY = "alias/aws/s3";
    private static final byte[] AAD = "tarn-s3/sse-s3/data-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KMS_AAD = "tarn-s3/sse-kms/data-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CUSTOMER_AAD = "tarn-s3/sse-c/data-key".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new object's data key, that key as stored, and how it is wrapped (null: SSE-S3). */
    public record Sealed(DataKey dataKey, byte[] wrappedKey, @Nullable ObjectSse sse) {}

    private final MasterKey masterKey;
    private final Supplier<KeyServicePort> kms;
    private final BucketKeys bucketKeys;
    private final BucketEncryptions defaults;
    private final boolean customerKeysOverHttp;

    public ObjectEncryption(MasterKey masterKey, Supplier<KeyServicePort> kms, EmulatorClock clock, BucketEncryptions defaults) {
        this(masterKey, kms, clock, defaults, false);
    }

    /** {@code customerKeysOverHttp}: SSE-C keys are taken over plain HTTP too (S3 refuses them; a local-test setting). */
    public ObjectEncryption(MasterKey masterKey, Supplier<KeyServicePort> kms, EmulatorClock clock, BucketEncryptions defaults,
            boolean customerKeysOverHttp) {
        this.masterKey = masterKey;
        this.kms = kms;
        this.bucketKeys = new BucketKeys(clock);
        this.defaults = defaults;
        this.customerKeysOverHttp = customerKeysOverHttp;
    }

    public boolean customerKeysOverHttp() {
        return customerKeysOverHttp;
    }

    /** Buckets' default encryption. */
    public BucketEncryptions defaults() {
        return defaults;
    }

    /** Forgets the bucket keys held in memory (a reset). */
    public void forget() {
        bucketKeys.clear();
    }

    /** The data key of a new object {@code key} of {@code bucket}, encrypted as {@code request} (null: the bucket's default) says. */
    Sealed seal(BucketMeta bucket, String key, @Nullable EncryptionRequest request) {
        DataKey dataKey = DataKey.generate();
        if (request != null && request.customerKey() != null) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            byte[] key32 = request.customerKey().key();
            return new Sealed(dataKey, MasterKey.of(key32).wrap(dataKey.bytes(), CUSTOMER_AAD),
                    new ObjectSse(CustomerKey.ALGORITHM, null, null, null, false, null, salt, hmac(salt, key32)));
        }
        BucketEncryption byDefault = defaults.of(bucket.name());
        boolean asked = request != null && request.algorithm() != null;
        String algorithm = asked ? request.algorithm() : byDefault.algorithm();
        if (SSE_S3.equals(algorithm)) {
            return new Sealed(dataKey, masterKey.wrap(dataKey.bytes(), AAD), null);
        }
        String keyId = asked ? request.kmsKeyId() : byDefault.kmsMasterKeyId();
        Boolean askedBucketKey = request == null ? null : request.bucketKeyEnabled();
        // S3 Bucket Keys are not used with DSSE-KMS
        boolean bucketKey = !EncryptionRequest.DSSE_KMS.equals(algorithm)
                && (askedBucketKey != null ? askedBucketKey : byDefault.bucketKeyEnabled());
        Namespace ns = new Namespace(bucket.owner(), bucket.region());
        KeyServicePort.ResolvedKey kmsKey = kms(() -> kms.get().resolve(ns, keyId == null ? AWS_MANAGED_KEY : keyId));
        String given = request == null ? null : request.context();
        Map<String, String> context = EncryptionContext.forKms(given, arn(bucket.name(), key, bucketKey));
        byte[][] kek = bucketKey
                ? bucketKeys.forWrite(bucket.name() + '\0' + kmsKey.arn() + '\0' + context, () -> generate(ns, kmsKey, context))
                : generate(ns, kmsKey, context);
        return new Sealed(dataKey, MasterKey.of(kek[0]).wrap(dataKey.bytes(), KMS_AAD),
                new ObjectSse(algorithm, kmsKey.arn(), given, EncryptionContext.encode(context), bucketKey, kek[1], null, null));
    }

    private byte[][] generate(Namespace ns, KeyServicePort.ResolvedKey key, Map<String, String> context) {
        KeyServicePort.DataKey generated = kms(() -> kms.get().generateDataKey(ns, key.arn(), context, PRINCIPAL));
        return new byte[][] {generated.plaintext(), generated.ciphertextBlob()};
    }

    /**
     * The data key stored as {@code wrappedKey} and {@code sse}; SSE-C objects need
     * {@code customerKey} (see {@link #checkCustomerKey}).
     */
    DataKey open(byte[] wrappedKey, @Nullable ObjectSse sse, @Nullable CustomerKey customerKey) {
        if (sse == null) {
            return DataKey.of(masterKey.unwrap(wrappedKey, AAD));
        }
        if (sse.customerKey()) {
            checkCustomerKey(sse, customerKey);
            return DataKey.of(MasterKey.of(customerKey.key()).unwrap(wrappedKey, CUSTOMER_AAD));
        }
        String arn = sse.kmsKeyArn();
        Namespace ns = namespaceOf(arn);
        Map<String, String> context = EncryptionContext.parse(sse.kmsContext());
        byte[] kek;
        if (sse.bucketKeyEnabled()) {
            kms(() -> kms.get().resolve(ns, arn)); // a cached bucket key saves the Decrypt, not the key's state check
            kek = bucketKeys.forRead(sse.kmsBlob(), () -> kms(() -> kms.get().decrypt(ns, sse.kmsBlob(), context, PRINCIPAL)));
        } else {
            kek = kms(() -> kms.get().decrypt(ns, sse.kmsBlob(), context, PRINCIPAL));
        }
        return DataKey.of(MasterKey.of(kek).unwrap(wrappedKey, KMS_AAD));
    }

    /**
     * Checks the SSE-C key a read (or an upload's part) gives against the object's: required for an
     * SSE-C object (400 InvalidRequest), refused for another (400 InvalidRequest), and it must be
     * the key the object was written with (403 AccessDenied).
     */
    public static void checkCustomerKey(@Nullable ObjectSse sse, @Nullable CustomerKey given) {
        boolean customer = sse != null && sse.customerKey();
        if (customer && given == null) {
            throw S3Errors.INVALID_REQUEST.exception(
                    "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.");
        }
        if (!customer && given != null) {
            throw S3Errors.INVALID_REQUEST.exception("The encryption parameters are not applicable to this object.");
        }
        if (customer && !MessageDigest.isEqual(hmac(sse.customerKeySalt(), given.key()), sse.customerKeyHmac())) {
            throw S3Errors.ACCESS_DENIED.exception("Access Denied");
        }
    }

    /** Wraps a new data key for a multipart upload's parts (SSE-S3). */
    byte[] wrap(DataKey key) {
        return masterKey.wrap(key.bytes(), AAD);
    }

    /** The ARN S3 puts in the KMS context: the object's, or with a Bucket Key the bucket's. */
    private static String arn(String bucket, String key, boolean bucketKey) {
        return bucketKey ? "arn:aws:s3:::" + bucket : "arn:aws:s3:::" + bucket + "/" + key;
    }

    /** The account and region of a KMS key ARN ({@code arn:aws:kms:region:account:key/id}). */
    private static Namespace namespaceOf(String keyArn) {
        String[] parts = keyArn.split(":", 6);
        return new Namespace(parts[4], parts[3]);
    }

    private static byte[] hmac(byte[] salt, byte[] key) {
        try {
            Mac mac = Crypto.hmacSha256();
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return mac.doFinal(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A KMS call on S3's behalf: KMS's errors reach the client as S3 answers them, the code
     * prefixed {@code KMS.} ({@code KMS.DisabledException}, 400) with KMS's message.
     */
    private static <T> T kms(Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsException e) {
            if (e.error() instanceof S3Errors) {
                throw e;
            }
            throw ErrorCode.of("KMS." + e.code(), e.status()).exception(e.getMessage());
        }
    }
}
