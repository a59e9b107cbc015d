package io.tarn.kms.engine;

import io.tarn.core.store.Keyspace;
import io.tarn.core.store.MasterKey;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.kms.KmsLimits;

/** The KMS engines over one keyspace, wired together; what the service and the tests start. */
public final class KmsEngine implements AutoCloseable {

    /** Unwrapped material versions kept in memory. */
    private static final int MATERIAL_CACHE = 10_000;

    private final KeyMaterialVault vault;
    private final KeyTimers timers;
    private final KeyRing keys;
    private final KeyRotation rotation;
    private final AliasRegistry aliases;
    private final GrantRegistry grants;
    private final KeyUsageLog usageLog;
    private final CryptoEngine crypto;

    private KmsEngine(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, MasterKey masterKey, int auditCapacity) {
        this.vault = new KeyMaterialVault(keyspace, masterKey, MATERIAL_CACHE);
        this.timers = new KeyTimers(keyspace, scheduler);
        this.keys = new KeyRing(keyspace, clock, vault, timers);
        this.rotation = new KeyRotation(keys, clock, timers);
        this.aliases = new AliasRegistry(keyspace, clock, keys);
        this.grants = new GrantRegistry(keyspace, clock, keys);
        this.usageLog = new KeyUsageLog(keyspace, clock, auditCapacity);
        this.crypto = new CryptoEngine(keys, usageLog);
    }

    /** Opens the engines and re-arms the timers of keys pending deletion or rotation. */
    public static KmsEngine open(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, MasterKey masterKey) {
        return open(keyspace, clock, scheduler, masterKey, KmsLimits.AUDIT_LOG_CAPACITY);
    }

    public static KmsEngine open(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, MasterKey masterKey,
            int auditCapacity) {
        KmsEngine engine = new KmsEngine(keyspace, clock, scheduler, masterKey, auditCapacity);
        engine.timers.rearm();
        return engine;
    }

    public KeyRing keys() {
        return keys;
    }

    public KeyRotation rotation() {
        return rotation;
    }

    public AliasRegistry aliases() {
        return aliases;
    }

    public GrantRegistry grants() {
        return grants;
    }

    public CryptoEngine crypto() {
        return crypto;
    }

    public KeyUsageLog usageLog() {
        return usageLog;
    }

    KeyMaterialVault vault() {
        return vault;
    }

    /** After the keyspace was cleared: forget timers, cached material and the log's counters. */
    public void reset() {
        timers.stop();
        vault.clear();
        usageLog.reload();
    }

    @Override
    public void close() {
        timers.stop();
        vault.clear();
    }
}
