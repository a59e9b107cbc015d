package io.tarn.kms.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kms.KmsErrors;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.model.AliasMeta;
import io.tarn.kms.model.KeyMeta;
import io.tarn.kms.model.KmsKeys;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Aliases: unique names per account and region, each pointing at one customer managed key. */
public final class AliasRegistry {

    private static final Pattern NAME = Pattern.compile("^alias/[a-zA-Z0-9/_-]+$");

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final KeyRing keys;
    private final Object lock = new Object();

    public AliasRegistry(Keyspace keyspace, EmulatorClock clock, KeyRing keys) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.keys = keys;
    }

    public AliasMeta create(Namespace ns, String aliasName, String targetRef) {
        checkName(aliasName);
        KeyMeta target = target(ns, targetRef);
        synchronized (lock) {
            if (keys.alias(ns, aliasName) != null) {
                throw KmsErrors.ALREADY_EXISTS.exception("An alias with the name %s already exists", ns.arn("kms", aliasName));
            }
            if (keys.aliasesOf(ns, target.keyId()).size() >= KmsLimits.MAX_ALIASES_PER_KEY) {
                throw KmsErrors.LIMIT_EXCEEDED.exception("A KMS key can have at most %d aliases: %s",
                        KmsLimits.MAX_ALIASES_PER_KEY, target.arn());
            }
            Instant now = clock.instant();
            AliasMeta alias = new AliasMeta(AliasMeta.SCHEMA_VERSION, aliasName, ns.arn("kms", aliasName), target.keyId(), now, now);
            keyspace.put(KmsKeys.alias(ns, aliasName), alias);
            return alias;
        }
    }

    public AliasMeta update(Namespace ns, String aliasName, String targetRef) {
        checkName(aliasName);
        KeyMeta target = target(ns, targetRef);
        synchronized (lock) {
            AliasMeta alias = find(ns, aliasName);
            KeyMeta current = keys.find(ns, alias.targetKeyId());
            if (current != null && !current.keyUsage().equals(target.keyUsage())) {
                throw KmsErrors.VALIDATION.exception("Alias %s cannot be changed from a key with key usage %s to a key with"
                        + " key usage %s: the new key must have the same key usage.", alias.aliasArn(), current.keyUsage(),
                        target.keyUsage());
            }
            AliasMeta updated = alias.retarget(target.keyId(), clock.instant());
            keyspace.put(KmsKeys.alias(ns, aliasName), updated);
            return updated;
        }
    }

    public void delete(Namespace ns, String aliasName) {
        checkName(aliasName);
        synchronized (lock) {
            find(ns, aliasName);
            keyspace.delete(KmsKeys.alias(ns, aliasName));
        }
    }

    /** Aliases of the namespace by name; only those of {@code keyRef}'s key when given. */
    public Page<AliasMeta> list(Namespace ns, @Nullable String keyRef, @Nullable String marker, int limit) {
        String keyId = keyRef == null ? null : keys.resolve(ns, keyRef, KeyRing.Access.OWN_ACCOUNT).keyId();
        return Pager.page(keyspace, KmsKeys.aliases(ns), marker, limit, e -> {
            AliasMeta a = e.value(AliasMeta.class);
            return keyId == null || keyId.equals(a.targetKeyId()) ? a : null;
        });
    }

    private AliasMeta find(Namespace ns, String aliasName) {
        AliasMeta alias = keys.alias(ns, aliasName);
        if (alias == null) {
            throw KmsErrors.NOT_FOUND.exception("Alias %s is not found.", ns.arn("kms", aliasName));
        }
        return alias;
    }

    private KeyMeta target(Namespace ns, String targetRef) {
        if (targetRef.startsWith("alias/") || (targetRef.startsWith("arn:") && targetRef.contains(":alias/"))) {
            throw KmsErrors.VALIDATION.exception("Aliases must refer to keys. Not aliases");
        }
        KeyMeta target = keys.resolve(ns, targetRef, KeyRing.Access.OWN_ACCOUNT);
        KeyRing.requireNotPendingDeletion(target);
        if (target.awsManaged()) {
            throw KmsErrors.NOT_AUTHORIZED.exception("An alias cannot point at the AWS managed key %s.", target.arn());
        }
        return target;
    }

    /** Alias names: {@code alias/} and a name; {@code alias/aws/} is AWS's. */
    static void checkName(String aliasName) {
        if (!aliasName.startsWith("alias/")) {
            throw KmsErrors.VALIDATION.exception("Alias must start with the prefix \"alias/\". Please see "
                    + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        if (AwsManagedKeys.isManagedAlias(aliasName)) {
            throw KmsErrors.NOT_AUTHORIZED.exception(
                    "The alias/aws/ prefix is reserved for AWS managed keys: %s cannot be created, changed or deleted.", aliasName);
        }
        if (aliasName.length() == "alias/".length()) {
            throw KmsErrors.INVALID_ALIAS_NAME.exception("%s is not a valid alias name: the name after alias/ is empty.", aliasName);
        }
        if (!NAME.matcher(aliasName).matches()) {
            throw KmsErrors.VALIDATION.exception("%s contains invalid characters for an alias", aliasName);
        }
    }
}
