package io.tarn.kms.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kms.KmsErrors;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.model.GrantMeta;
import io.tarn.kms.model.KeyMeta;
import io.tarn.kms.model.KmsKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Grants: stored per key, listed and retired/revoked as AWS does. Tarn evaluates no policies, so a
 * grant changes nobody's permissions; it is still a real record clients can list and retire.
 *
 * <p>A grant token names its grant: base64url of {@code v1|account|region|keyId|grantId|nonce};
 * a fresh nonce makes every CreateGrant answer a distinct token, as AWS's are.
 */
public final class GrantRegistry {

    private static final Pattern GRANT_ID = Pattern.compile("[0-9a-f]{64}");

    /** A new grant's id and token. */
    public record Created(String grantId, String grantToken) {}

    /** A grant token's contents. */
    record Token(Namespace namespace, String keyId, String grantId) {}

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final KeyRing keys;

    public GrantRegistry(Keyspace keyspace, EmulatorClock clock, KeyRing keys) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.keys = keys;
    }

    public Created create(Namespace ns, String keyRef, String grantee, @Nullable String retiring, List<String> operations,
            @Nullable Map<String, String> subset, @Nullable Map<String, String> equals, @Nullable String name) {
        KeyMeta key = keys.resolve(ns, keyRef, KeyRing.Access.CROSS_ACCOUNT);
        KeyRing.requireEnabled(key);
        Namespace keyNs = key.namespace();
        ReentrantLock lock = keys.lock(key.keyId());
        lock.lock();
        try {
            List<GrantMeta> existing = keys.grantsOf(keyNs, key.keyId());
            if (name != null) {
                for (GrantMeta g : existing) {
                    if (name.equals(g.name()) && grantee.equals(g.granteePrincipal())
                            && Objects.equals(retiring, g.retiringPrincipal()) && operations.equals(g.operations())) {
                        return new Created(g.grantId(), token(keyNs, key.keyId(), g.grantId()));
                    }
                }
            }
            if (existing.size() >= KmsLimits.MAX_GRANTS_PER_KEY) {
                throw KmsErrors.LIMIT_EXCEEDED.exception("The key %s has reached its limit of %d grants.", key.arn(),
                        KmsLimits.MAX_GRANTS_PER_KEY);
            }
            String grantId = HexFormat.of().formatHex(KeySpecs.randomBytes(32));
            GrantMeta grant = new GrantMeta(GrantMeta.SCHEMA_VERSION, grantId, key.keyId(), key.arn(), name, grantee,
                    retiring, ns.account(), List.copyOf(operations), subset, equals, clock.instant());
            keyspace.put(KmsKeys.grant(keyNs, key.keyId(), grantId), grant);
            return new Created(grantId, token(keyNs, key.keyId(), grantId));
        } finally {
            lock.unlock();
        }
    }

    public Page<GrantMeta> list(Namespace ns, String keyRef, @Nullable String grantId, @Nullable String grantee,
            @Nullable String marker, int limit) {
        KeyMeta key = keys.resolve(ns, keyRef, KeyRing.Access.CROSS_ACCOUNT);
        if (grantId != null && !GRANT_ID.matcher(grantId).matches()) {
            throw KmsErrors.INVALID_GRANT_ID.exception("Invalid grant ID %s", grantId);
        }
        return Pager.page(keyspace, KmsKeys.grants(key.namespace(), key.keyId()), marker, limit, e -> {
            GrantMeta g = e.value(GrantMeta.class);
            boolean match = (grantId == null || grantId.equals(g.grantId()))
                    && (grantee == null || grantee.equals(g.granteePrincipal()));
            return match ? g : null;
        });
    }

    public Page<GrantMeta> listRetirable(Namespace ns, String retiringPrincipal, @Nullable String marker, int limit) {
        return Pager.page(keyspace, KmsKeys.grants(ns), marker, limit, e -> {
            GrantMeta g = e.value(GrantMeta.class);
            return retiringPrincipal.equals(g.retiringPrincipal()) ? g : null;
        });
    }

    /** RetireGrant: by token, or by key and grant id. */
    public void retire(Namespace ns, @Nullable String grantToken, @Nullable String keyRef, @Nullable String grantId) {
        if (grantToken != null) {
            Token t = parseToken(grantToken);
            if (grantId != null && !grantId.equals(t.grantId())) {
                throw KmsErrors.INVALID_GRANT_TOKEN.exception("The grant token does not match grant ID %s.", grantId);
            }
            delete(t.namespace(), t.keyId(), t.grantId());
            return;
        }
        if (keyRef == null || grantId == null) {
            throw KmsErrors.VALIDATION.exception("Grant token OR (grant ID, key ID) must be specified");
        }
        KeyMeta key = keys.resolve(ns, keyRef, KeyRing.Access.CROSS_ACCOUNT);
        requireGrantId(grantId);
        delete(key.namespace(), key.keyId(), grantId);
    }

    public void revoke(Namespace ns, String keyRef, String grantId) {
        KeyMeta key = keys.resolve(ns, keyRef, KeyRing.Access.CROSS_ACCOUNT);
        requireGrantId(grantId);
        delete(key.namespace(), key.keyId(), grantId);
    }

    /** Checks the tokens a request carries are tokens of grants (GrantTokens of the crypto operations). */
    public void checkTokens(@Nullable List<String> tokens) {
        if (tokens != null) {
            tokens.forEach(GrantRegistry::parseToken);
        }
    }

    private void delete(Namespace ns, String keyId, String grantId) {
        ReentrantLock lock = keys.lock(keyId);
        lock.lock();
        try {
            if (keyspace.get(KmsKeys.grant(ns, keyId, grantId)) == null) {
                throw KmsErrors.NOT_FOUND.exception("Grant ID %s not found for key %s", grantId, ns.arn("kms", "key/" + keyId));
            }
            keyspace.delete(KmsKeys.grant(ns, keyId, grantId));
        } finally {
            lock.unlock();
        }
    }

    private static void requireGrantId(String grantId) {
        if (!GRANT_ID.matcher(grantId).matches()) {
            throw KmsErrors.INVALID_GRANT_ID.exception("Invalid grant ID %s", grantId);
        }
    }

    static String token(Namespace ns, String keyId, String grantId) {
        String raw = "v1|" + ns.account() + "|" + ns.region() + "|" + keyId + "|" + grantId + "|"
                + HexFormat.of().formatHex(KeySpecs.randomBytes(16));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Token parseToken(String token) {
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (p.length == 6 && "v1".equals(p[0]) && GRANT_ID.matcher(p[4]).matches()) {
                return new Token(new Namespace(p[1], p[2]), p[3], p[4]);
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw KmsErrors.INVALID_GRANT_TOKEN.exception("The grant token is not valid.");
    }
}
