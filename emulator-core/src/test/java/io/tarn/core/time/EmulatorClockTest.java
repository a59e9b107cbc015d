package io.tarn.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmulatorClockTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final SteppableSystemTime machine = new SteppableSystemTime(T0);

    @Test
    void followsRealTimeAtScaleOne() {
        EmulatorClock clock = new EmulatorClock(machine, machine.wallClock(), 1);
        machine.pass(Duration.ofSeconds(5));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aStepBackOfTheMachineClockDoesNotMoveEmulatorTime() {
        EmulatorClock clock = new EmulatorClock(machine, machine.wallClock(), 1);
        machine.pass(Duration.ofMinutes(10));
        Instant before = clock.instant();

        machine.setWallClock(T0.minus(Duration.ofHours(2)));

        assertThat(clock.instant()).isEqualTo(before);
        machine.pass(Duration.ofSeconds(1));
        assertThat(clock.instant()).isEqualTo(before.plusSeconds(1));
        assertThat(clock.advance(Duration.ofDays(1))).isEqualTo(before.plusSeconds(1).plus(Duration.ofDays(1)));
    }

    @Test
    void aStepForwardOfTheMachineClockIsNotAJumpEither() {
        EmulatorClock clock = new EmulatorClock(machine, machine.wallClock(), 1);
        machine.setWallClock(T0.plus(Duration.ofDays(3)));
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void scaledTimeRunsFromTheCounter() {
        EmulatorClock clock = new EmulatorClock(machine, T0, 3600);
        machine.pass(Duration.ofSeconds(2));
        machine.setWallClock(T0.minus(Duration.ofDays(1)));
        assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void slowingDownKeepsTheTimeReachedAndNeverGoesBack() {
        EmulatorClock clock = new EmulatorClock(machine, T0, 3600);
        machine.pass(Duration.ofSeconds(1));
        Instant fast = clock.instant();
        clock.setScale(1);
        assertThat(clock.instant()).isEqualTo(fast);
        clock.setScale(0);
        machine.pass(Duration.ofHours(1));
        assertThat(clock.instant()).isEqualTo(fast);
        clock.setScale(1);
        machine.pass(Duration.ofSeconds(3));
        assertThat(clock.instant()).isEqualTo(fast.plusSeconds(3));
    }

    @Test
    void readingsNeverDecreaseAcrossManyStepsAndScaleChanges() {
        EmulatorClock clock = new EmulatorClock(machine, T0, 1);
        Instant previous = clock.instant();
        for (int i = 0; i < 1_000; i++) {
            machine.pass(Duration.ofMillis(i % 7));
            if (i % 10 == 0) {
                machine.setWallClock(T0.minus(Duration.ofMinutes(i)));
            }
            if (i % 50 == 0) {
                clock.setScale(i % 100 == 0 ? 60 : 0.5);
            }
            Instant now = clock.instant();
            assertThat(now).isAfterOrEqualTo(previous);
            previous = now;
        }
    }

    @Test
    void advanceRefusesToGoBackwards() {
        EmulatorClock clock = new EmulatorClock(machine, T0, 0);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advanceTo(T0.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void listenersHearTheInstantOfEachJump() {
        EmulatorClock clock = new EmulatorClock(machine, T0, 0);
        java.util.List<Instant> heard = new java.util.ArrayList<>();
        clock.addListener(heard::add);
        clock.advance(Duration.ofDays(30));
        clock.setScale(2);
        assertThat(heard).containsExactly(T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(30)));
    }
}
