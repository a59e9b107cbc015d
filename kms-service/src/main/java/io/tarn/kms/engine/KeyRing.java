package io.tarn.kms.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of every account and region: creation, resolution of key ids, ARNs and aliases, the
 * key state machine (Enabled, Disabled, PendingDeletion -> deleted when due), descriptions,
 * policies, tags and rotation. Timed transitions (deletion, automatic rotation) are scheduler
 * timers on the emulator clock, persisted so they are re-armed at start.
 */
public final class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEFAULT_POLICY_NAME = "default";

    /** How far a key reference may reach. */
    public enum Access {
        /** Only keys of the caller's account (CreateAlias, ScheduleKeyDeletion...). */
        OWN_ACCOUNT,
        /** Key ARNs of other accounts too (DescribeKey, ListGrants, GetPublicKey...). */
        CROSS_ACCOUNT,
        /** A cryptographic use: cross-account, and {@code alias/aws/x} creates its AWS managed key. */
        USE
    }

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final KeyMaterialVault vault;
    private final KeyLocks locks = new KeyLocks();
    private final Map<String, Scheduler.Timer> timers = new ConcurrentHashMap<>();
    private final Object managedLock = new Object();

    public KeyRing(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, KeyMaterialVault vault) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.vault = vault;
    }

    Keyspace keyspace() {
        return keyspace;
    }

    KeyMaterialVault vault() {
        return vault;
    }

    Object lock(String keyId) {
        return locks.of(keyId);
    }

    // ---------------------------------------------------------------- creation

    public KeyMeta create(Namespace ns, NewKey spec) {
        String usage = KeySpecs.checkUsage(spec.keyUsage(), spec.keySpec());
        String policy = spec.policy() == null ? AwsManagedKeys.defaultPolicy(ns) : checkPolicy(spec.policy());
        checkTags(spec.tags(), Map.of());
        return create(ns, spec.description() == null ? "" : spec.description(), usage, spec.keySpec(), policy,
                spec.tags(), KeyMeta.CUSTOMER, null);
    }

    private KeyMeta create(Namespace ns, String description, String usage, String spec, String policy,
            Map<String, String> tags, String keyManager, @Nullable String managedAlias) {
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
        Instant nextRotation = managed ? now.plus(Duration.ofDays(KmsLimits.DEFAULT_ROTATION_PERIOD_DAYS)) : null;
        KeyMeta meta = new KeyMeta(KeyMeta.SCHEMA_VERSION, ns.account(), ns.region(), keyId, arn, now, description,
                usage, spec, "AWS_KMS", keyManager, KeyState.Enabled, null, null, 1,
                KeySpecs.SYMMETRIC_DEFAULT.equals(spec) ? materialId : null, publicKey, managed,
                KmsLimits.DEFAULT_ROTATION_PERIOD_DAYS, nextRotation, 0, tags);
        KeyMaterial material = vault.seal(ns, keyId, 1, materialId, now, null, raw);
        TimerEntry rotation = nextRotation == null ? null
                : new TimerEntry(TimerEntry.SCHEMA_VERSION, TimerEntry.ROTATION, ns.account(), ns.region(), keyId, nextRotation);
        keyspace.write(b -> {
            b.put(KmsKeys.key(ns, keyId), meta);
            b.put(KmsKeys.material(ns, keyId, 1), material);
            b.put(KmsKeys.policy(ns, keyId), policy.getBytes(StandardCharsets.UTF_8));
            if (managedAlias != null) {
                b.put(KmsKeys.alias(ns, managedAlias), new AliasMeta(AliasMeta.SCHEMA_VERSION, managedAlias,
                        ns.arn("kms", managedAlias), keyId, now, now));
            }
            if (rotation != null) {
                b.put(KmsKeys.timer(TimerEntry.ROTATION, ns, keyId), rotation);
            }
        });
        if (rotation != null) {
            arm(rotation);
        }
        return meta;
    }

    /** The AWS managed key behind {@code alias/aws/<service>}, created on first use. */
    KeyMeta ensureManaged(Namespace ns, String aliasName) {
        synchronized (managedLock) {
            AliasMeta alias = keyspace.get(KmsKeys.alias(ns, aliasName), AliasMeta.class).orElse(null);
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

    /** Resolves a key id, key ARN, alias name or alias ARN, as the KMS API accepts them. */
    public KeyMeta resolve(Namespace ns, String ref, Access access) {
        if (ref.startsWith("arn:")) {
            String[] parts = ref.split(":", 6);
            if (parts.length != 6 || !"kms".equals(parts[2]) || !(parts[5].startsWith("key/") || parts[5].startsWith("alias/"))) {
                throw KmsErrors.INVALID_ARN.exception("%s is not a valid KMS key or alias ARN.", ref);
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
                    : byAlias(target, resource, access);
        }
        if (ref.startsWith("alias/")) {
            return byAlias(ns, ref, access);
        }
        return byId(ns, ref);
    }

    private KeyMeta byId(Namespace ns, String keyId) {
        if (!UUID_PATTERN.matcher(keyId).matches()) {
            throw KmsErrors.NOT_FOUND.exception("Invalid keyId '%s'", keyId);
        }
        KeyMeta meta = find(ns, keyId.toLowerCase(java.util.Locale.ROOT));
        if (meta == null) {
            throw notFound(ns, keyId);
        }
        return meta;
    }

    private KeyMeta byAlias(Namespace ns, String aliasName, Access access) {
        AliasMeta alias = keyspace.get(KmsKeys.alias(ns, aliasName), AliasMeta.class).orElse(null);
        if (alias == null) {
            if (access == Access.USE && AwsManagedKeys.isValidManagedAlias(aliasName)) {
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
        return update(ns, ref, Access.OWN_ACCOUNT, key -> {
            requireNotPendingDeletion(key);
            return key.withState(KeyState.Enabled, null, null);
        });
    }

    public KeyMeta disable(Namespace ns, String ref) {
        return update(ns, ref, Access.OWN_ACCOUNT, key -> {
            requireNotPendingDeletion(key);
            return key.withState(KeyState.Disabled, null, null);
        });
    }

    public KeyMeta scheduleDeletion(Namespace ns, String ref, int pendingDays) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        TimerEntry timer;
        KeyMeta updated;
        synchronized (lock(key.keyId())) {
            key = reread(key);
            requireNotPendingDeletion(key);
            if (key.awsManaged()) {
                throw KmsErrors.UNSUPPORTED_OPERATION.exception(
                        "%s is an AWS managed key; AWS managed keys cannot be scheduled for deletion.", key.arn());
            }
            Instant due = clock.instant().plus(Duration.ofDays(pendingDays));
            updated = key.withState(KeyState.PendingDeletion, due, pendingDays);
            timer = new TimerEntry(TimerEntry.SCHEMA_VERSION, TimerEntry.DELETION, ns.account(), ns.region(), key.keyId(), due);
            KeyMeta toWrite = updated;
            keyspace.write(b -> b.put(KmsKeys.key(ns, toWrite.keyId()), toWrite)
                    .put(KmsKeys.timer(TimerEntry.DELETION, ns, toWrite.keyId()), timer));
        }
        arm(timer);
        return updated;
    }

    public KeyMeta cancelDeletion(Namespace ns, String ref) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        KeyMeta updated;
        synchronized (lock(key.keyId())) {
            key = reread(key);
            if (key.keyState() != KeyState.PendingDeletion) {
                throw KmsErrors.INVALID_STATE.exception("%s is not pending deletion.", key.arn());
            }
            updated = key.withState(KeyState.Disabled, null, null);
            keyspace.write(b -> b.put(KmsKeys.key(ns, updated.keyId()), updated)
                    .delete(KmsKeys.timer(TimerEntry.DELETION, ns, updated.keyId())));
        }
        disarm(TimerEntry.DELETION, ns, key.keyId());
        return updated;
    }

    /** Deletes a key whose waiting period is over: the key, its material, policy, grants and aliases. */
    void deleteIfDue(Namespace ns, String keyId) {
        synchronized (lock(keyId)) {
            KeyMeta key = find(ns, keyId);
            if (key == null || key.keyState() != KeyState.PendingDeletion || key.deletionDate() == null
                    || key.deletionDate().isAfter(clock.instant())) {
                return;
            }
            List<Entry> doomed = new ArrayList<>();
            keyspace.scan(KmsKeys.materials(ns, keyId), null, doomed::add);
            keyspace.scan(KmsKeys.grants(ns, keyId), null, doomed::add);
            keyspace.scan(KmsKeys.aliases(ns), null, e -> {
                if (keyId.equals(e.value(AliasMeta.class).targetKeyId())) {
                    doomed.add(e);
                }
                return true;
            });
            keyspace.write(b -> {
                b.delete(KmsKeys.key(ns, keyId));
                b.delete(KmsKeys.policy(ns, keyId));
                b.delete(KmsKeys.timer(TimerEntry.DELETION, ns, keyId));
                b.delete(KmsKeys.timer(TimerEntry.ROTATION, ns, keyId));
                doomed.forEach(e -> b.delete(e.key()));
            });
            vault.evict(keyId);
            log.debug("deleted key {} in {}", keyId, ns);
        }
        disarm(TimerEntry.ROTATION, ns, keyId);
        timers.remove(timerId(TimerEntry.DELETION, ns, keyId));
    }

    public KeyMeta updateDescription(Namespace ns, String ref, String description) {
        return update(ns, ref, Access.OWN_ACCOUNT, key -> {
            requireNotPendingDeletion(key);
            return key.withDescription(description);
        });
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
        update(ns, ref, Access.OWN_ACCOUNT, key -> {
            requireNotPendingDeletion(key);
            checkTags(tags, key.tags());
            Map<String, String> merged = new LinkedHashMap<>(key.tags());
            merged.putAll(tags);
            return key.withTags(merged);
        });
    }

    public void untag(Namespace ns, String ref, List<String> tagKeys) {
        update(ns, ref, Access.OWN_ACCOUNT, key -> {
            requireNotPendingDeletion(key);
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

    // ---------------------------------------------------------------- rotation

    public KeyMeta enableRotation(Namespace ns, String ref, @Nullable Integer periodDays) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        KeyMeta updated;
        TimerEntry timer;
        synchronized (lock(key.keyId())) {
            key = reread(key);
            requireEnabled(key);
            requireRotatable(key);
            if (key.awsManaged()) {
                throw KmsErrors.UNSUPPORTED_OPERATION.exception(
                        "%s is an AWS managed key; AWS rotates its material every year.", key.arn());
            }
            int period = periodDays == null ? KmsLimits.DEFAULT_ROTATION_PERIOD_DAYS : periodDays;
            Instant next = key.rotationEnabled() && key.rotationPeriodInDays() == period && key.nextRotationDate() != null
                    ? key.nextRotationDate()
                    : clock.instant().plus(Duration.ofDays(period));
            updated = key.withRotation(true, period, next);
            timer = new TimerEntry(TimerEntry.SCHEMA_VERSION, TimerEntry.ROTATION, ns.account(), ns.region(), key.keyId(), next);
            KeyMeta toWrite = updated;
            keyspace.write(b -> b.put(KmsKeys.key(ns, toWrite.keyId()), toWrite)
                    .put(KmsKeys.timer(TimerEntry.ROTATION, ns, toWrite.keyId()), timer));
        }
        arm(timer);
        return updated;
    }

    public KeyMeta disableRotation(Namespace ns, String ref) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        KeyMeta updated;
        synchronized (lock(key.keyId())) {
            key = reread(key);
            requireEnabled(key);
            requireRotatable(key);
            if (key.awsManaged()) {
                throw KmsErrors.UNSUPPORTED_OPERATION.exception(
                        "%s is an AWS managed key; its rotation cannot be disabled.", key.arn());
            }
            updated = key.withRotation(false, key.rotationPeriodInDays(), null);
            keyspace.write(b -> b.put(KmsKeys.key(ns, updated.keyId()), updated)
                    .delete(KmsKeys.timer(TimerEntry.ROTATION, ns, updated.keyId())));
        }
        disarm(TimerEntry.ROTATION, ns, key.keyId());
        return updated;
    }

    public KeyMeta rotationStatus(Namespace ns, String ref) {
        KeyMeta key = resolve(ns, ref, Access.CROSS_ACCOUNT);
        requireRotatable(key);
        return key;
    }

    public KeyMeta rotateOnDemand(Namespace ns, String ref) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        synchronized (lock(key.keyId())) {
            key = reread(key);
            requireEnabled(key);
            requireRotatable(key);
            if (key.awsManaged()) {
                throw KmsErrors.UNSUPPORTED_OPERATION.exception(
                        "You cannot initiate on-demand rotation of AWS managed key %s.", key.arn());
            }
            if (key.onDemandRotations() >= KmsLimits.MAX_ON_DEMAND_ROTATIONS) {
                throw KmsErrors.LIMIT_EXCEEDED.exception("The on-demand rotations limit has been reached for the given keyId. "
                        + "No more on-demand rotations can be performed for this key: %s", key.arn());
            }
            return rotate(key, "ON_DEMAND", clock.instant(), key.onDemandRotations() + 1, key.nextRotationDate());
        }
    }

    /** Rotates a key whose automatic rotation is due, once per period that has passed, and re-arms. */
    void rotateIfDue(Namespace ns, String keyId) {
        TimerEntry next = null;
        synchronized (lock(keyId)) {
            KeyMeta key = find(ns, keyId);
            if (key == null || !key.rotationEnabled() || key.nextRotationDate() == null) {
                return;
            }
            Instant now = clock.instant();
            Instant due = key.nextRotationDate();
            Duration period = Duration.ofDays(key.rotationPeriodInDays());
            if (!due.isAfter(now)) {
                // AWS does not rotate disabled keys or keys pending deletion; the schedule moves on.
                boolean rotates = key.enabled();
                for (int i = 0; i < 1000 && !due.isAfter(now); i++) {
                    if (rotates) {
                        key = rotate(key, "AUTOMATIC", due, key.onDemandRotations(), due.plus(period));
                    }
                    due = due.plus(period);
                }
                if (!rotates) {
                    KeyMeta moved = key.withRotation(true, key.rotationPeriodInDays(), due);
                    keyspace.put(KmsKeys.key(ns, keyId), moved);
                }
                Instant nextDue = due;
                next = new TimerEntry(TimerEntry.SCHEMA_VERSION, TimerEntry.ROTATION, ns.account(), ns.region(), keyId, nextDue);
                TimerEntry timer = next;
                keyspace.put(KmsKeys.timer(TimerEntry.ROTATION, ns, keyId), timer);
            } else {
                next = new TimerEntry(TimerEntry.SCHEMA_VERSION, TimerEntry.ROTATION, ns.account(), ns.region(), keyId, due);
            }
        }
        arm(next);
    }

    /** Adds a material version; new ciphertexts use it, older versions still decrypt. */
    private KeyMeta rotate(KeyMeta key, String type, Instant at, int onDemandCount, @Nullable Instant nextRotation) {
        Namespace ns = key.namespace();
        int version = key.currentMaterialVersion() + 1;
        String materialId = KeyMaterialVault.newMaterialId();
        KeyMaterial material = vault.seal(ns, key.keyId(), version, materialId, at, type, KeySpecs.randomBytes(32));
        KeyMeta updated = key.withMaterial(version, materialId, onDemandCount)
                .withRotation(key.rotationEnabled(), key.rotationPeriodInDays(), key.rotationEnabled() ? nextRotation : null);
        keyspace.write(b -> b.put(KmsKeys.key(ns, key.keyId()), updated)
                .put(KmsKeys.material(ns, key.keyId(), version), material));
        return updated;
    }

    /** The materials of a key, oldest first; without {@code includeOriginal} only those rotations added. */
    public Page<KeyMaterial> rotations(Namespace ns, String ref, boolean includeOriginal, @Nullable String marker, int limit) {
        KeyMeta key = resolve(ns, ref, Access.OWN_ACCOUNT);
        requireRotatable(key);
        return Pager.page(keyspace, KmsKeys.materials(ns, key.keyId()), marker, limit, e -> {
            KeyMaterial m = e.value(KeyMaterial.class);
            return includeOriginal || m.rotationType() != null ? m : null;
        });
    }

    private static void requireRotatable(KeyMeta key) {
        if (!key.symmetric()) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception(
                    "%s has key spec %s: only symmetric encryption KMS keys support key rotation.", key.arn(), key.keySpec());
        }
    }

    // ---------------------------------------------------------------- timers

    /** Re-arms the persisted timers: at start, for keys pending deletion or with rotation on. */
    public void rearm() {
        List<TimerEntry> entries = keyspace.values(KmsKeys.timers(), TimerEntry.class);
        entries.forEach(this::arm);
    }

    private void arm(TimerEntry entry) {
        Namespace ns = new Namespace(entry.account(), entry.region());
        String id = timerId(entry.kind(), ns, entry.keyId());
        Runnable task = TimerEntry.DELETION.equals(entry.kind())
                ? () -> deleteIfDue(ns, entry.keyId())
                : () -> rotateIfDue(ns, entry.keyId());
        Scheduler.Timer previous = timers.put(id, scheduler.at(entry.due(), () -> {
            timers.remove(id);
            task.run();
        }));
        if (previous != null) {
            previous.cancel();
        }
    }

    private void disarm(String kind, Namespace ns, String keyId) {
        Scheduler.Timer t = timers.remove(timerId(kind, ns, keyId));
        if (t != null) {
            t.cancel();
        }
    }

    private static String timerId(String kind, Namespace ns, String keyId) {
        return kind + "|" + ns.account() + "|" + ns.region() + "|" + keyId;
    }

    /** Stops every timer (close, reset). */
    public void stop() {
        timers.values().forEach(Scheduler.Timer::cancel);
        timers.clear();
    }

    // ---------------------------------------------------------------- helpers

    private KeyMeta update(Namespace ns, String ref, Access access, java.util.function.UnaryOperator<KeyMeta> change) {
        KeyMeta key = resolve(ns, ref, access);
        synchronized (lock(key.keyId())) {
            KeyMeta current = reread(key);
            KeyMeta updated = change.apply(current);
            keyspace.put(KmsKeys.key(current.namespace(), current.keyId()), updated);
            return updated;
        }
    }

    private KeyMeta reread(KeyMeta key) {
        KeyMeta current = find(key.namespace(), key.keyId());
        if (current == null) {
            throw notFound(key.namespace(), key.keyId());
        }
        return current;
    }

    /** Grants of a key, for CreateGrant's name idempotency and the deletion of a key. */
    List<GrantMeta> grantsOf(Namespace ns, String keyId) {
        return keyspace.values(KmsKeys.grants(ns, keyId), GrantMeta.class);
    }
}
