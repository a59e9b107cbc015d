package io.tarn.server;

import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.SystemTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps the emulator clock across restarts: how far it runs ahead of the machine's clock, so a
 * clock advanced by 30 days does not jump back when the server restarts on the same data, and the
 * latest instant it reached, which is the floor after a restart, so that a machine clock set back
 * while the server was down does not take emulator time back either. Both are written on every
 * advance or scale change and when the server stops.
 */
final class PersistedClock {

    private static final Key OFFSET = Key.of("clock", "offsetMillis");
    private static final Key LATEST = Key.of("clock", "latestMillis");

    private final Keyspace keyspace;
    private final SystemTime system;
    private final EmulatorClock clock;

    private PersistedClock(Keyspace keyspace, SystemTime system, double scale) {
        this.keyspace = keyspace;
        this.system = system;
        Instant wall = system.wallClock();
        Optional<Long> offset = keyspace.get(OFFSET, Long.class);
        Instant start = wall.plusMillis(offset.orElse(0L));
        if (offset.isPresent()) {
            Optional<Long> latest = keyspace.get(LATEST, Long.class);
            if (latest.isPresent() && latest.get() > start.toEpochMilli()) {
                start = Instant.ofEpochMilli(latest.get());
            }
        }
        this.clock = new EmulatorClock(system, start, scale);
        clock.addListener(this::save);
    }

    /** The clock kept in {@code keyspace}, running at {@code scale} on {@code system}. */
    static PersistedClock restore(Keyspace keyspace, double scale, SystemTime system) {
        return new PersistedClock(keyspace, system, scale);
    }

    EmulatorClock clock() {
        return clock;
    }

    /** Records the clock as it is now: called when the server stops. */
    void save() {
        save(clock.instant());
    }

    private void save(Instant now) {
        long offset = Duration.between(system.wallClock(), now).toMillis();
        keyspace.write(batch -> batch.put(OFFSET, offset).put(LATEST, now.toEpochMilli()));
    }
}
