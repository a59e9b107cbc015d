package io.tarn.kms.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.kms.KmsErrors;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.model.KeyMaterial;
import io.tarn.kms.model.KeyMeta;
import io.tarn.kms.model.KmsKeys;
import io.tarn.kms.model.TimerEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Rotation of symmetric keys: automatic (a rotation timer on the emulator clock, every
 * RotationPeriodInDays) and on demand (at most 25 per key), and the listing of material versions.
 * A rotation adds a material version: new ciphertexts use it, older versions still decrypt.
 */
public final class KeyRotation {

    private static final String AUTOMATIC = "AUTOMATIC";
    private static final String ON_DEMAND = "ON_DEMAND";
    /** A key rotates at most this many times in one catch-up (a clock jump of years), then moves on. */
    private static final int MAX_CATCH_UP = 1000;

    private final KeyRing keys;
    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final KeyMaterialVault vault;
    private final KeyTimers timers;

    KeyRotation(KeyRing keys, EmulatorClock clock, KeyTimers timers) {
        this.keys = keys;
        this.keyspace = keys.keyspace();
        this.clock = clock;
        this.vault = keys.vault();
        this.timers = timers;
        timers.on(TimerEntry.ROTATION, this::rotateIfDue);
    }

    public KeyMeta enable(Namespace ns, String ref, @Nullable Integer periodDays) {
        KeyMeta key = keys.resolve(ns, ref, KeyRing.Access.OWN_ACCOUNT);
        KeyMeta updated;
        TimerEntry timer;
        ReentrantLock lock = keys.lock(key.keyId());
        lock.lock();
        try {
            key = keys.reread(key);
            requireChangeable(key, "%s is an AWS managed key; AWS rotates its material every year.");
            int period = periodDays == null ? KmsLimits.DEFAULT_ROTATION_PERIOD_DAYS : periodDays;
            Instant next = key.rotationEnabled() && key.rotationPeriodInDays() == period && key.nextRotationDate() != null
                    ? key.nextRotationDate()
                    : clock.instant().plus(Duration.ofDays(period));
            updated = key.withRotation(true, period, next);
            timer = TimerEntry.rotation(ns, key.keyId(), next);
            KeyMeta toWrite = updated;
            keyspace.write(b -> b.put(KmsKeys.key(ns, toWrite.keyId()), toWrite)
                    .put(KmsKeys.timer(timer), timer));
        } finally {
            lock.unlock();
        }
        timers.arm(timer);
        return updated;
    }

    public KeyMeta disable(Namespace ns, String ref) {
        KeyMeta key = keys.resolve(ns, ref, KeyRing.Access.OWN_ACCOUNT);
        KeyMeta updated;
        ReentrantLock lock = keys.lock(key.keyId());
        lock.lock();
        try {
            key = keys.reread(key);
            requireChangeable(key, "%s is an AWS managed key; its rotation cannot be disabled.");
            updated = key.withRotation(false, key.rotationPeriodInDays(), null);
            keyspace.write(b -> b.put(KmsKeys.key(ns, updated.keyId()), updated)
                    .delete(KmsKeys.timer(TimerEntry.ROTATION, ns, updated.keyId())));
        } finally {
            lock.unlock();
        }
        timers.disarm(TimerEntry.ROTATION, ns, key.keyId());
        return updated;
    }

    /** GetKeyRotationStatus: the key, whose rotation fields say the rest. */
    public KeyMeta status(Namespace ns, String ref) {
        KeyMeta key = keys.resolve(ns, ref, KeyRing.Access.CROSS_ACCOUNT);
        requireRotatable(key);
        return key;
    }

    public KeyMeta rotateOnDemand(Namespace ns, String ref) {
        KeyMeta key = keys.resolve(ns, ref, KeyRing.Access.OWN_ACCOUNT);
        ReentrantLock lock = keys.lock(key.keyId());
        lock.lock();
        try {
            key = keys.reread(key);
            requireChangeable(key, "You cannot initiate on-demand rotation of AWS managed key %s.");
            if (key.onDemandRotations() >= KmsLimits.MAX_ON_DEMAND_ROTATIONS) {
                throw KmsErrors.LIMIT_EXCEEDED.exception("The on-demand rotations limit has been reached for the given keyId. "
                        + "No more on-demand rotations can be performed for this key: %s", key.arn());
            }
            return rotate(key, ON_DEMAND, clock.instant(), key.onDemandRotations() + 1, key.nextRotationDate());
        } finally {
            lock.unlock();
        }
    }

    /** The materials of a key, oldest first; without {@code includeOriginal} only those rotations added. */
    public Page<KeyMaterial> rotations(Namespace ns, String ref, boolean includeOriginal, @Nullable String marker, int limit) {
        KeyMeta key = keys.resolve(ns, ref, KeyRing.Access.OWN_ACCOUNT);
        requireRotatable(key);
        return Pager.page(keyspace, KmsKeys.materials(ns, key.keyId()), marker, limit, e -> {
            KeyMaterial m = e.value(KeyMaterial.class);
            return includeOriginal || m.rotationType() != null ? m : null;
        });
    }

    /** The rotation timer: rotates once per period that has passed, then re-arms for the next. */
    void rotateIfDue(Namespace ns, String keyId) {
        TimerEntry next;
        ReentrantLock lock = keys.lock(keyId);
        lock.lock();
        try {
            KeyMeta key = keys.find(ns, keyId);
            if (key == null || !key.rotationEnabled() || key.nextRotationDate() == null) {
                return;
            }
            Instant now = clock.instant();
            Instant due = key.nextRotationDate();
            Duration period = Duration.ofDays(key.rotationPeriodInDays());
            if (!due.isAfter(now)) {
                // AWS does not rotate disabled keys or keys pending deletion; the schedule moves on.
                boolean rotates = key.enabled();
                for (int i = 0; i < MAX_CATCH_UP && !due.isAfter(now); i++) {
                    if (rotates) {
                        key = rotate(key, AUTOMATIC, due, key.onDemandRotations(), due.plus(period));
                    }
                    due = due.plus(period);
                }
                if (!rotates) {
                    keyspace.put(KmsKeys.key(ns, keyId), key.withRotation(true, key.rotationPeriodInDays(), due));
                }
                next = TimerEntry.rotation(ns, keyId, due);
                keyspace.put(KmsKeys.timer(next), next);
            } else {
                next = TimerEntry.rotation(ns, keyId, due);
            }
        } finally {
            lock.unlock();
        }
        timers.arm(next);
    }

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

    /** The checks of EnableKeyRotation, DisableKeyRotation and RotateKeyOnDemand, in AWS's order. */
    private static void requireChangeable(KeyMeta key, String awsManagedMessage) {
        KeyRing.requireEnabled(key);
        requireRotatable(key);
        if (key.awsManaged()) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception(awsManagedMessage, key.arn());
        }
    }

    private static void requireRotatable(KeyMeta key) {
        if (!key.symmetric()) {
            throw KmsErrors.UNSUPPORTED_OPERATION.exception(
                    "%s has key spec %s: only symmetric encryption KMS keys support key rotation.", key.arn(), key.keySpec());
        }
    }
}
