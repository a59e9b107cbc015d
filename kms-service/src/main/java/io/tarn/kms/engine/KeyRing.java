package io.tarn.kms.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.core.store.StripedLocks;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kms.KmsErrors;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.model.AliasMeta;
import io.tarn.kms.model.GrantMeta;
import io.tarn.kms.model.KeyMaterial;
import io.tarn.kms.model.KeyMeta;
import io.tarn.kms.model.KeyState;
import io.tarn.kms.model.KmsKeys;
import io.tarn.kms.model.TimerEntry;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of every account and region: creation, resolution of key ids, ARNs and aliases, the
 * key state machine (Enabled, Disabled, PendingDeletion -> deleted when due), descriptions,
 * policies and tags. Deletion is a {@link KeyTimers} timer on the emulator clock, persisted so it
 * is re-armed at start; rotation is {@link KeyRotation}'s.
 */
public final class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEFAULT_POLICY_NAME = "default";

    /** How far a key reference may reach. */
    public enum Access {
        /**
         * A key id or key ARN of the caller's account: the key-management operations (EnableKey,
         * ScheduleKeyDeletion, PutKeyPolicy, TagResource, CreateAlias's target...), which AWS
         * documents as taking no alias and answers NotFoundException for one.
         */
        OWN_ACCOUNT,
        /** A key id or key ARN, of another account too (CreateGrant, ListGrants, GetKeyRotationStatus...). */
        CROSS_ACCOUNT,
        /** A key id, key ARN, alias name or alias ARN, of another account too (GetPublicKey). */
        ANY_REFERENCE,
        /**
         * As {@link #ANY_REFERENCE}, and an {@code alias/aws/<service>} of the caller's own account that
         * points nowhere yet creates its AWS managed key: cryptographic uses and DescribeKey, as AWS does.
         */
        USE;

        boolean takesAliases() {
            return this == ANY_REFERENCE || this == USE;
        }
    }

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final KeyMaterialVault vault;
    private final KeyTimers timers;
    /** Serialises the read-modify-write of one key's records (state, tags, rotation); crypto reads take none. */
    private final StripedLocks locks = new StripedLocks(64);
    private final Object managedLock = new Object();

    KeyRing(Keyspace keyspace, EmulatorClock clock, KeyMaterialVault vault, KeyTimers timers) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.vault = vault;
        this.timers = timers;
        timers.on(TimerEntry.DELETION, this::deleteIfDue);
    }

    Keyspace keyspace() {
        return keyspace;
    }

    KeyMaterialVault vault() {
        return vault;
    }

    ReentrantLock lock(String keyId) {
        return locks.of(keyId);
    }

    // ---------------------------------------------------------------- creation

    public KeyMeta create(Namespace ns, NewKey spec) {
        return create(ns, spec, null);
    }

    /**
     * CreateKey, and with {@code aliasName} also the alias, in the same batch (the init file's
     * keys: a crash cannot leave the key without its alias). The caller checked the alias is free.
     */
    KeyMeta create(Namespace ns, NewKey spec, @Nullable String aliasName) {
        String usage = KeySpecs.checkUsage(spec.keyUsage(), spec.keySpec());
        String policy = spec.policy() == null ? AwsManagedKeys.defaultPolicy(ns) : checkPolicy(spec.policy());
        checkTags(spec.tags(), Map.of());
        if (aliasName != null) {
            AliasRegistry.checkName(aliasName);
        }
        return create(ns, spec.description() == null ? "" : spec.description(), usage, spec.keySpec(), policy,
                spec.tags(), KeyMeta.CUSTOMER, aliasName);
    }

    private KeyMeta create(Namespace ns, String description, String usage, String spec, String policy,
            Map<String, String> tags, String keyManager, @Nullable String aliasName) {
        Instant now = clock.instant();
        String keyId = UUID.randomUUID().toString();
        String arn = ns.arn("kms", "key/" + keyId);
        byte[] raw;
        byte[] publicKey = null;
        if (KeySpecs.SYMMETRIC_DEFAULT.equals(spec)) {
            raw = KeySpecs.randomBytes(32);
        } else if (KeySpecs.isHmac(spec)) {
            raw = KeySpecs.randomBytes(KeySpecs.hmacBytes(spec));
        } else {
            KeyPair pair = KeySpecs.generateKeyPair(spec);
            raw = pair.getPrivate().getEncoded();
            publicKey = pair.getPublic().getEncoded();
        }
        String materialId = KeyMaterialVault.newMaterialId();
        boolean managed = KeyMeta.AWS.equals(keyManager);
        // AWS managed keys rotate every year, from the start.
        Instant nextRotation = managed ? now.plus(Duration.ofDays(KmsLimits.DEFAULT_ROTATION_PERIOD_DAYS)) : null;
        KeyMeta meta = new KeyMeta(KeyMeta.SCHEMA_VERSION, ns.account(), ns.region(), keyId, arn, now, description,
                usage, spec, "AWS_KMS", keyManager, KeyState.Enabled, null, null, 1,
                KeySpecs.SYMMETRIC_DEFAULT.equals(spec) ? materialId : null, publicKey, managed,
                KmsLimits.DEFAULT_ROTATION_PERIOD_DAYS, nextRotation, 0, tags);
        KeyMaterial material = vault.seal(ns, keyId, 1, materialId, now, null, raw);
        TimerEntry rotation = nextRotation == null ? null : TimerEntry.rotation(ns, keyId, nextRotation);
        keyspace.write(b -> {
            b.put(KmsKeys.key(ns, keyId), meta);
            b.put(KmsKeys.material(ns, keyId, 1), material);
            b.put(KmsKeys.policy(ns, keyId), policy.getBytes(StandardCharsets.UTF_8));
            if (aliasName != null) {
                b.put(KmsKeys.alias(ns, aliasName), new AliasMeta(AliasMeta.SCHEMA_VERSION, aliasName,
                        ns.arn("kms", aliasName), keyId, now, now));
            }
            if (rotation != null) {
                b.put(KmsKeys.timer(rotation), rotation);
            }
        });
        if (rotation != null) {
            timers.arm(rotation);
        }
        return meta;
    }

    /** The AWS managed key behind {@code alias/aws/<service>}, created on first use. */
    private KeyMeta ensureManaged(Namespace ns, String aliasName) {
        synchronized (managedLock) {
            AliasMeta alias = alias(ns, aliasName);
            if (alias != null) {
                KeyMeta key = find(ns, alias.targetKeyId());
                if (key != null) {
                    return key;
                }
            }
            log.debug("creating the AWS managed key {} in {}", aliasName, ns);
            return create(ns, AwsManagedKeys.description(aliasName), KeySpecs.ENCRYPT_DECRYPT, KeySpecs.SYMMETRIC_DEFAULT,
                    AwsManagedKeys.policy(ns, aliasName), Map.of(), KeyMeta.AWS, aliasName);
        }
    }

    // ---------------------------------------------------------------- resolution

    public @Nullable KeyMeta find(Namespace ns, String keyId) {
        return keyspace.get(KmsKeys.key(ns, keyId), KeyMeta.class).orElse(null);
    }

    /**
     * Resolves a key id or key ARN, and where {@code access} takes them an alias name or alias ARN,
     * as the KMS API accepts them. An alias where only a key is accepted is an invalid key id.
     */
    public KeyMeta resolve(Namespace ns, String ref, Access access) {
        if (ref.startsWith("arn:")) {
            String[] parts = ref.split(":", 6);
            if (parts.length != 6 || !"kms".equals(parts[2]) || !(parts[5].startsWith("key/") || parts[5].startsWith("alias/"))) {
                throw KmsErrors.INVALID_ARN.exception("%s is not a valid KMS key or alias ARN.", ref);
            }
            if (parts[5].startsWith("alias/") && !access.takesAliases()) {
                throw invalidKeyId(ref);
            }
            String region = parts[3];
            String account = parts[4];
            if (!region.equals(ns.region())) {
                throw KmsErrors.NOT_FOUND.exception("Invalid arn %s", region);
            }
            Namespace target = new Namespace(account, region);
            if (!account.equals(ns.account()) && access == Access.OWN_ACCOUNT) {
                throw KmsErrors.NOT_FOUND.exception("Key '%s' does not exist", ref);
            }
            String resource = parts[5];
            return resource.startsWith("key/")
                    ? byId(target, resource.substring("key/".length()))
                    // another account's AWS managed keys are not ours to create
                    : byAlias(target, resource, access == Access.USE && target.equals(ns));
        }
        if (ref.startsWith("alias/") && access.takesAliases()) {
            return byAlias(ns, ref, access == Access.USE);
        }
        return byId(ns, ref);
    }

    private KeyMeta byId(Namespace ns, String keyId) {
        if (!UUID_PATTERN.matcher(keyId).matches()) {
            throw invalidKeyId(keyId);
        }
        KeyMeta meta = find(ns, keyId.toLowerCase(java.util.Locale.ROOT));
        if (meta == null) {
            throw notFound(ns, keyId);
        }
        return meta;
    }

    private KeyMeta byAlias(Namespace ns, String aliasName, boolean createManaged) {
        AliasMeta alias = alias(ns, aliasName);
        if (alias == null) {
            if (createManaged && AwsManagedKeys.isValidManagedAlias(aliasName)) {
                return ensureManaged(ns, aliasName);
            }
            throw KmsErrors.NOT_FOUND.exception("Alias %s is not found.", ns.arn("kms", aliasName));
        }
        KeyMeta meta = find(ns, alias.targetKeyId());
        if (meta == null) {
            throw notFound(ns, alias.targetKeyId());
        }
        return meta;
    }

    /** The alias {@code aliasName} of the namespace, or null. */
    @Nullable AliasMeta alias(Namespace ns, String aliasName) {
        return keyspace.get(KmsKeys.alias(ns, aliasName), AliasMeta.class).orElse(null);
    }

    /**
     * AWS's answer to a reference that is no key id (e.g. an alias given to a key-management operation),
     * quoting it: {@code Invalid keyId 'aws/s3'}.
     */
    private static AwsException invalidKeyId(String ref) {
        return KmsErrors.NOT_FOUND.exception("Invalid keyId '%s'", ref);
    }

    static AwsException notFound(Namespace ns, String keyId) {
        return KmsErrors.NOT_FOUND.exception("Key '%s' does not exist", ns.arn("kms", "key/" + keyId));
    }

    // ---------------------------------------------------------------- state rules

    /** Cryptographic operations and grants need an enabled key. */
    public static void requireEnabled(KeyMeta key) {
        if (key.keyState() == KeyState.Disabled) {
            throw KmsErrors.DISABLED.exception("%s is disabled.", key.arn());
        }
        requireNotPendingDeletion(key);
    }

    public static void requireNotPendingDeletion(KeyMeta key) {
        if (key.keyState() == KeyState.PendingDeletion) {
            throw KmsErrors.INVALID_STATE.exception("%s is pending deletion.", key.arn());
        }
    }

    // ---------------------------------------------------------------- listing

    public Page<KeyMeta> list(Namespace ns, @Nullable String marker, int limit) {
        return Pager.page(keyspace, KmsKeys.keys(ns), marker, limit, e -> e.value(KeyMeta.class));
    }

    // ---------------------------------------------------------------- state transitions

    public KeyMeta enable(Namespace ns, String ref) {
        return update(ns, ref, key -> key.withState(KeyState.Enabled, null, null));
    }

    public KeyMeta disable(Namespace ns, String ref) {
        return update(ns, ref, key -> key.withState(KeyState.Disabled, null, null));
    }

    public KeyMeta scheduleDeletion(Namespace ns, String ref, int pendingDays) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        TimerEntry timer;
        KeyMeta updated;
        ReentrantLock lock = lock(key.keyId());
        lock.lock();
        try {
            key = reread(key);
            requireNotPendingDeletion(key);
            if (key.awsManaged()) {
                throw KmsErrors.UNSUPPORTED_OPERATION.exception(
                        "%s is an AWS managed key; AWS managed keys cannot be scheduled for deletion.", key.arn());
            }
            Instant due = clock.instant().plus(Duration.ofDays(pendingDays));
            updated = key.withState(KeyState.PendingDeletion, due, pendingDays);
            timer = TimerEntry.deletion(ns, key.keyId(), due);
            KeyMeta toWrite = updated;
            keyspace.write(b -> b.put(KmsKeys.key(ns, toWrite.keyId()), toWrite)
                    .put(KmsKeys.timer(timer), timer));
        } finally {
            lock.unlock();
        }
        timers.arm(timer);
        return updated;
    }

    public KeyMeta cancelDeletion(Namespace ns, String ref) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        KeyMeta updated;
        ReentrantLock lock = lock(key.keyId());
        lock.lock();
        try {
            key = reread(key);
            if (key.keyState() != KeyState.PendingDeletion) {
                throw KmsErrors.INVALID_STATE.exception("%s is not pending deletion.", key.arn());
            }
            updated = key.withState(KeyState.Disabled, null, null);
            keyspace.write(b -> b.put(KmsKeys.key(ns, updated.keyId()), updated)
                    .delete(KmsKeys.timer(TimerEntry.DELETION, ns, updated.keyId())));
        } finally {
            lock.unlock();
        }
        timers.disarm(TimerEntry.DELETION, ns, key.keyId());
        return updated;
    }

    /** Deletes a key whose waiting period is over: the key, its material, policy, grants and aliases. */
    void deleteIfDue(Namespace ns, String keyId) {
        ReentrantLock lock = lock(keyId);
        lock.lock();
        try {
            KeyMeta key = find(ns, keyId);
            if (key == null || key.keyState() != KeyState.PendingDeletion || key.deletionDate() == null
                    || key.deletionDate().isAfter(clock.instant())) {
                return;
            }
            List<Entry> doomed = new ArrayList<>();
            keyspace.scan(KmsKeys.materials(ns, keyId), null, doomed::add);
            keyspace.scan(KmsKeys.grants(ns, keyId), null, doomed::add);
            List<AliasMeta> aliases = aliasesOf(ns, keyId);
            keyspace.write(b -> {
                b.delete(KmsKeys.key(ns, keyId));
                b.delete(KmsKeys.policy(ns, keyId));
                b.delete(KmsKeys.timer(TimerEntry.DELETION, ns, keyId));
                b.delete(KmsKeys.timer(TimerEntry.ROTATION, ns, keyId));
                doomed.forEach(e -> b.delete(e.key()));
                aliases.forEach(a -> b.delete(KmsKeys.alias(ns, a.aliasName())));
            });
            vault.evict(keyId);
            log.debug("deleted key {} in {}", keyId, ns);
        } finally {
            lock.unlock();
        }
        timers.disarm(TimerEntry.ROTATION, ns, keyId);
    }

    public KeyMeta updateDescription(Namespace ns, String ref, String description) {
        return update(ns, ref, key -> key.withDescription(description));
    }

    // ---------------------------------------------------------------- policy

    public String policy(Namespace ns, String ref, String policyName) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        requirePolicyName(policyName);
        byte[] policy = keyspace.get(KmsKeys.policy(ns, key.keyId()));
        return policy == null ? AwsManagedKeys.defaultPolicy(ns) : new String(policy, StandardCharsets.UTF_8);
    }

    public void putPolicy(Namespace ns, String ref, String policyName, String policy) {
        requirePolicyName(policyName);
        checkPolicy(policy);
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        requireNotPendingDeletion(key);
        keyspace.write(b -> b.put(KmsKeys.policy(ns, key.keyId()), policy.getBytes(StandardCharsets.UTF_8)));
    }

    private static void requirePolicyName(String policyName) {
        if (!DEFAULT_POLICY_NAME.equals(policyName)) {
            throw KmsErrors.NOT_FOUND.exception("No such policy exists: %s. The only key policy name is \"default\".", policyName);
        }
    }

    /** Policies are stored verbatim; they must at least be a JSON object with statements. */
    static String checkPolicy(String policy) {
        JsonNode node;
        try {
            node = JSON.readTree(policy);
        } catch (java.io.IOException e) {
            throw KmsErrors.MALFORMED_POLICY_DOCUMENT.exception("The key policy is not valid JSON: %s", firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw KmsErrors.MALFORMED_POLICY_DOCUMENT.exception("The key policy must be a JSON object.");
        }
        if (!node.has("Statement")) {
            throw KmsErrors.MALFORMED_POLICY_DOCUMENT.exception("The key policy has no Statement.");
        }
        return policy;
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    // ---------------------------------------------------------------- tags

    public void tag(Namespace ns, String ref, Map<String, String> tags) {
        update(ns, ref, key -> {
            checkTags(tags, key.tags());
            Map<String, String> merged = new LinkedHashMap<>(key.tags());
            merged.putAll(tags);
            return key.withTags(merged);
        });
    }

    public void untag(Namespace ns, String ref, List<String> tagKeys) {
        update(ns, ref, key -> {
            Map<String, String> left = new LinkedHashMap<>(key.tags());
            tagKeys.forEach(left::remove);
            return key.withTags(left);
        });
    }

    public Page<Map.Entry<String, String>> tags(Namespace ns, String ref, @Nullable String marker, int limit) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        return Pager.page(new ArrayList<>(key.tags().entrySet()), marker, limit);
    }

    /** Tag rules of TagResource/CreateKey: no aws: prefix, no duplicate, at most 50 on a key. */
    static void checkTags(Map<String, String> tags, Map<String, String> existing) {
        for (String k : tags.keySet()) {
            if (k.regionMatches(true, 0, "aws:", 0, 4)) {
                throw KmsErrors.TAG.exception("Tags beginning with aws: are reserved");
            }
        }
        Set<String> all = new java.util.HashSet<>(existing.keySet());
        all.addAll(tags.keySet());
        if (all.size() > KmsLimits.MAX_TAGS) {
            throw KmsErrors.TAG.exception("Too many tags: a KMS key can have at most %d tags.", KmsLimits.MAX_TAGS);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A read-modify-write of one of the caller's keys that is not pending deletion, under the key's lock. */
    private KeyMeta update(Namespace ns, String ref, UnaryOperator<KeyMeta> change) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        ReentrantLock lock = lock(key.keyId());
        lock.lock();
        try {
            KeyMeta current = reread(key);
            requireNotPendingDeletion(current);
            KeyMeta updated = change.apply(current);
            keyspace.put(KmsKeys.key(current.namespace(), current.keyId()), updated);
            return updated;
        } finally {
            lock.unlock();
        }
    }

    /** The stored version of {@code key}, read again under its lock. */
    KeyMeta reread(KeyMeta key) {
        KeyMeta current = find(key.namespace(), key.keyId());
        if (current == null) {
            throw notFound(key.namespace(), key.keyId());
        }
        return current;
    }

    /** Grants of a key, for CreateGrant's name idempotency. */
    List<GrantMeta> grantsOf(Namespace ns, String keyId) {
        return keyspace.values(KmsKeys.grants(ns, keyId), GrantMeta.class);
    }

    /** Aliases pointing at a key, for the per-key alias quota and the deletion of a key. */
    List<AliasMeta> aliasesOf(Namespace ns, String keyId) {
        List<AliasMeta> out = new ArrayList<>();
        keyspace.scan(KmsKeys.aliases(ns), null, e -> {
            AliasMeta a = e.value(AliasMeta.class);
            if (keyId.equals(a.targetKeyId())) {
                out.add(a);
            }
            return true;
        });
        return out;
    }
}
