package io.tarn.s3.engine.encryption;

import io.tarn.core.time.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * S3 Bucket Keys: a KMS data key used for the objects of one bucket (and KMS key and context) for a
 * limited time, so that many objects cost one GenerateDataKey and many reads one Decrypt. AWS says
 * only that a bucket key is used "for a time-limited period"; Tarn keeps one for {@link #LIFETIME}
 * of emulator time, then asks KMS for the next. Plaintexts live in memory only, a bounded number.
 */
public final class BucketKeys {

    /** A bucket key lives this long, for writes and for reads of the objects it protects. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 1024;

    /** A bucket key: its plaintext and the KMS ciphertext stored with each object. */
    private record BucketKey(byte[] plaintext, byte[] blob, Instant expires) {}

    private final EmulatorClock clock;
    /** By bucket, KMS key ARN and context: the key new objects use. */
    private final Map<String, BucketKey> forWrites = lru();
    /** By ciphertext: the plaintext reads use. */
    private final Map<String, BucketKey> forReads = lru();

    public BucketKeys(EmulatorClock clock) {
        this.clock = clock;
    }

    /**
     * The current key for {@code scope} as {plaintext, KMS ciphertext}, or a new one from
     * {@code generate} (a KMS GenerateDataKey giving the same pair).
     */
    public synchronized byte[][] forWrite(String scope, Supplier<byte[][]> generate) {
        Instant now = clock.instant();
        BucketKey key = forWrites.get(scope);
        if (key == null || !now.isBefore(key.expires())) {
            byte[][] generated = generate.get();
            key = new BucketKey(generated[0], generated[1], now.plus(LIFETIME));
            forWrites.put(scope, key);
            forReads.put(id(key.blob()), key);
        }
        return new byte[][] {key.plaintext(), key.blob()};
    }

    /** The plaintext of {@code blob}, decrypted by {@code decrypt} (a KMS Decrypt) unless it was within the lifetime. */
    public synchronized byte[] forRead(byte[] blob, Supplier<byte[]> decrypt) {
        Instant now = clock.instant();
        String id = id(blob);
        BucketKey key = forReads.get(id);
        if (key == null || !now.isBefore(key.expires())) {
            key = new BucketKey(decrypt.get(), blob, now.plus(LIFETIME));
            forReads.put(id, key);
        }
        return key.plaintext();
    }

    public synchronized void clear() {
        forWrites.clear();
        forReads.clear();
    }

    private static String id(byte[] blob) {
        return Base64.getEncoder().encodeToString(blob);
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }
}
