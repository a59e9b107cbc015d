package io.tarn.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void advancingTheManualClockFiresDueTimersInOrderBeforeReturning() {
        EmulatorClock clock = EmulatorClock.manual(T0);
        try (Scheduler scheduler = new Scheduler(clock)) {
            List<String> fired = new CopyOnWriteArrayList<>();
            scheduler.after(Duration.ofDays(30), () -> fired.add("30d"));
            scheduler.after(Duration.ofDays(7), () -> fired.add("7d"));
            Scheduler.Timer cancelled = scheduler.after(Duration.ofDays(1), () -> fired.add("cancelled"));
            cancelled.cancel();
            clock.advance(Duration.ofDays(10));
            assertThat(fired).containsExactly("7d");
            clock.advance(Duration.ofDays(20));
            assertThat(fired).containsExactly("7d", "30d");
            assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(30)));
        }
    }

    @Test
    void periodicTimersRunOncePerPeriodReached() {
        EmulatorClock clock = EmulatorClock.manual(T0);
        try (Scheduler scheduler = new Scheduler(clock)) {
            List<Instant> runs = new CopyOnWriteArrayList<>();
            scheduler.every(Duration.ofHours(1), () -> runs.add(clock.instant()));
            clock.advance(Duration.ofMinutes(30));
            assertThat(runs).isEmpty();
            clock.advance(Duration.ofMinutes(30));
            clock.advance(Duration.ofHours(1));
            assertThat(runs).hasSize(2);
        }
    }

    @Test
    void aScaledClockFiresTimersByItself() throws InterruptedException {
        EmulatorClock clock = EmulatorClock.system(3600); // an hour a second
        try (Scheduler scheduler = new Scheduler(clock)) {
            CountDownLatch fired = new CountDownLatch(1);
            scheduler.after(Duration.ofMinutes(6), fired::countDown); // 0.1 s of real time
            assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theClockNeverGoesBackwards() {
        EmulatorClock clock = EmulatorClock.manual(T0);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.advanceTo(T0.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.setScale(-2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changingScaleKeepsTheCurrentInstant() {
        EmulatorClock clock = EmulatorClock.manual(T0);
        clock.setScale(0);
        clock.advance(Duration.ofHours(2));
        assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }
}
