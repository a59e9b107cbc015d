package io.tarn.kms.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.store.MasterKey;
import io.tarn.kms.model.KeyMaterial;
import io.tarn.kms.model.KeyMeta;
import io.tarn.kms.model.KmsKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Key material at rest and in use. At rest every version is wrapped (AES-256-GCM) under the master
 * key, with the record's identity as AAD so a wrapped value moved to another key does not open.
 * In use, unwrapped material sits in a bounded cache, so hot paths (Encrypt, Decrypt,
 * GenerateDataKey) neither unwrap nor parse keys per call.
 */
public final class KeyMaterialVault {

    private record CacheKey(String account, String region, String keyId, int version) {}

    private final Keyspace keyspace;
    private final MasterKey masterKey;
    private final int capacity;
    private final Map<CacheKey, Material> cache = new ConcurrentHashMap<>();

    public KeyMaterialVault(Keyspace keyspace, MasterKey masterKey, int capacity) {
        this.keyspace = keyspace;
        this.masterKey = masterKey;
        this.capacity = capacity;
    }

    /** A new random material id: 64 hex characters, unrelated to the material itself. */
    static String newMaterialId() {
        return HexFormat.of().formatHex(KeySpecs.randomBytes(32));
    }

    /** Wraps {@code raw} (wiped afterwards) into the record to store for {@code version}. */
    KeyMaterial seal(Namespace ns, String keyId, int version, String materialId, Instant createdAt,
            @Nullable String rotationType, byte[] raw) {
        try {
            byte[] wrapped = masterKey.wrap(raw, aad(ns, keyId, version, materialId));
            return new KeyMaterial(KeyMaterial.SCHEMA_VERSION, keyId, version, materialId, createdAt, rotationType, wrapped);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The usable material of {@code key} at {@code version}, or null if that version does not exist. */
    @Nullable Material load(KeyMeta key, int version) {
        CacheKey ck = new CacheKey(key.account(), key.region(), key.keyId(), version);
        Material m = cache.get(ck);
        if (m != null) {
            return m;
        }
        KeyMaterial stored = keyspace.get(KmsKeys.material(key.namespace(), key.keyId(), version), KeyMaterial.class)
                .orElse(null);
        if (stored == null) {
            return null;
        }
        byte[] raw = masterKey.unwrap(stored.wrapped(), aad(key.namespace(), key.keyId(), version, stored.materialId()));
        try {
            m = toMaterial(key, stored, raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        if (cache.size() >= capacity) {
            evictSome();
        }
        cache.put(ck, m);
        return m;
    }

    Material current(KeyMeta key) {
        Material m = load(key, key.currentMaterialVersion());
        if (m == null) {
            throw new IllegalStateException("key " + key.keyId() + " has no material version " + key.currentMaterialVersion());
        }
        return m;
    }

    void evict(String keyId) {
        cache.keySet().removeIf(k -> k.keyId().equals(keyId));
    }

    void clear() {
        cache.clear();
    }

    int cached() {
        return cache.size();
    }

    // Drop about an eighth, in whatever order the map iterates: cheap, and a miss only costs an unwrap.
    private void evictSome() {
        int drop = Math.max(1, capacity / 8);
        Iterator<CacheKey> it = cache.keySet().iterator();
        while (it.hasNext() && drop-- > 0) {
            it.next();
            it.remove();
        }
    }

    private static byte[] aad(Namespace ns, String keyId, int version, String materialId) {
        return ("tarn-kms-material|" + ns.account() + "|" + ns.region() + "|" + keyId + "|" + version + "|" + materialId)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Material toMaterial(KeyMeta key, KeyMaterial stored, byte[] raw) {
        String spec = key.keySpec();
        if (KeySpecs.SYMMETRIC_DEFAULT.equals(spec)) {
            return new Material(stored.version(), stored.materialId(), new SecretKeySpec(raw, "AES"), null, null);
        }
        if (KeySpecs.isHmac(spec)) {
            String alg = "HmacSHA" + spec.substring("HMAC_".length());
            return new Material(stored.version(), stored.materialId(), new SecretKeySpec(raw, alg), null, null);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(KeySpecs.isRsa(spec) ? "RSA" : "EC");
            PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(raw));
            PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(key.publicKey()));
            return new Material(stored.version(), stored.materialId(), null, priv, pub);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored material of " + key.keyId() + " does not parse as " + spec, e);
        }
    }
}
