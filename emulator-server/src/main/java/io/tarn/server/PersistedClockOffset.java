package io.tarn.server;

import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import java.time.Duration;

/**
 * Keeps how far the emulator clock runs ahead of real time across restarts, so a clock advanced
 * by 30 days does not jump back when the server restarts on the same data.
 */
final class PersistedClockOffset {

    private static final Key OFFSET = Key.of("clock", "offsetMillis");

    private PersistedClockOffset() {}

    static EmulatorClock restore(StateStore store, double scale) {
        Keyspace tarn = store.keyspace("tarn");
        EmulatorClock real = EmulatorClock.system(1);
        long offset = tarn.get(OFFSET, Long.class).orElse(0L);
        EmulatorClock clock = EmulatorClock.system(scale, real.instant().plusMillis(offset));
        clock.addListener(now -> tarn.put(OFFSET, Duration.between(real.instant(), now).toMillis()));
        return clock;
    }
}
