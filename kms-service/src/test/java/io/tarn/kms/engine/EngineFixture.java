package io.tarn.kms.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.MasterKey;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.kms.model.KeyMeta;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real store in a temp dir, a manual clock and its scheduler, and the KMS engines over them. */
abstract class EngineFixture {

    static final Namespace NS = new Namespace("000000000000", "us-east-1");
    static final String PRINCIPAL = "arn:aws:iam::000000000000:root";
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    EmulatorClock clock;
    Scheduler scheduler;
    StateStore store;
    KmsEngine engine;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        scheduler = new Scheduler(clock);
        openEngine();
    }

    void openEngine() {
        store = StateStore.open(dir.resolve("db"), false);
        engine = KmsEngine.open(store.keyspace("kms"), clock, scheduler, MasterKey.loadOrCreate(dir.resolve("kms/master.key")));
    }

    /** Closes the engine and the store and opens them again, as a restart does (same clock). */
    void reopen() {
        closeEngine();
        openEngine();
    }

    void closeEngine() {
        engine.close();
        store.close();
    }

    @AfterEach
    void close() {
        closeEngine();
        scheduler.close();
    }

    KeyRing keys() {
        return engine.keys();
    }

    KeyRotation rotation() {
        return engine.rotation();
    }

    CryptoEngine crypto() {
        return engine.crypto();
    }

    CryptoEngine.KeyUse use() {
        return CryptoEngine.KeyUse.of(NS, PRINCIPAL);
    }

    KeyMeta symmetricKey() {
        return keys().create(NS, new NewKey("test key", null, "SYMMETRIC_DEFAULT", null, Map.of()));
    }

    KeyMeta key(String usage, String spec) {
        return keys().create(NS, new NewKey(null, usage, spec, null, Map.of()));
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertAws(ThrowableAssert.ThrowingCallable call, String code) {
        return assertThatThrownBy(call).isInstanceOf(AwsException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((AwsException) e).code()).isEqualTo(code));
    }
}
