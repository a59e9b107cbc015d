package io.tarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.store.AccessPattern;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.SystemTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistedClockTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    /** The machine's clock as a test sets it; the counter moves with it unless the wall clock is stepped. */
    private static final class Machine implements SystemTime {
        Instant wall = T0;
        long nanos;

        void pass(Duration d) {
            wall = wall.plus(d);
            nanos += d.toNanos();
        }

        @Override
        public Instant wallClock() {
            return wall;
        }

        @Override
        public long monotonicNanos() {
            return nanos;
        }
    }

    private final Machine machine = new Machine();

    private StateStore open() {
        return StateStore.open(dir.resolve("state"), false, Map.of("tarn", AccessPattern.POINT_READS));
    }

    @Test
    void aFreshStoreStartsAtTheMachinesTime() {
        try (StateStore store = open()) {
            assertThat(PersistedClock.restore(store.keyspace("tarn"), 1, machine).clock().instant()).isEqualTo(T0);
        }
    }

    @Test
    void anAdvancedClockStaysAheadAfterARestart() {
        try (StateStore store = open()) {
            PersistedClock.restore(store.keyspace("tarn"), 1, machine).clock().advance(Duration.ofDays(30));
        }
        machine.pass(Duration.ofMinutes(5)); // down for five minutes, no save at stop (kill -9)
        try (StateStore store = open()) {
            assertThat(PersistedClock.restore(store.keyspace("tarn"), 1, machine).clock().instant())
                    .isEqualTo(T0.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(5)));
        }
    }

    @Test
    void theLatestInstantIsTheFloorWhenTheMachineClockWentBackWhileDown() {
        Instant reached;
        try (StateStore store = open()) {
            PersistedClock persisted = PersistedClock.restore(store.keyspace("tarn"), 1, machine);
            persisted.clock().advance(Duration.ofHours(1));
            machine.pass(Duration.ofHours(3));
            reached = persisted.clock().instant();
            persisted.save(); // the server stops
        }
        machine.wall = T0.minus(Duration.ofDays(2)); // the machine's clock was set back while Tarn was down
        try (StateStore store = open()) {
            PersistedClock persisted = PersistedClock.restore(store.keyspace("tarn"), 1, machine);
            assertThat(persisted.clock().instant()).isEqualTo(reached);
            machine.pass(Duration.ofSeconds(10));
            assertThat(persisted.clock().instant()).isEqualTo(reached.plusSeconds(10));
        }
    }

    @Test
    void aScaledClockResumesFromWhereItStopped() {
        Instant reached;
        try (StateStore store = open()) {
            PersistedClock persisted = PersistedClock.restore(store.keyspace("tarn"), 3600, machine);
            machine.pass(Duration.ofSeconds(10)); // ten hours of emulator time
            reached = persisted.clock().instant();
            persisted.save();
        }
        try (StateStore store = open()) {
            assertThat(PersistedClock.restore(store.keyspace("tarn"), 3600, machine).clock().instant()).isEqualTo(reached);
        }
    }
}
