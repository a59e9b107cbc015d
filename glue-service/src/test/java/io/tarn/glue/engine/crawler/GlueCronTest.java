package io.tarn.glue.engine.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Glue's cron expressions, with the examples of "Time-based schedules for jobs and crawlers". */
class GlueCronTest {

    private static final Instant NOW = Instant.parse("2024-05-15T10:20:00Z"); // a Wednesday

    private static Instant next(String expression, Instant after) {
        return GlueCron.parse(expression).nextAfter(after).orElseThrow();
    }

    @Test
    void theDocumentedExamplesFireWhenTheDocsSay() {
        // 10:15 AM (UTC) every day
        assertThat(next("cron(15 10 * * ? *)", NOW)).isEqualTo("2024-05-16T10:15:00Z");
        // 6:00 PM Monday through Friday
        assertThat(next("cron(0 18 ? * MON-FRI *)", NOW)).isEqualTo("2024-05-15T18:00:00Z");
        // 8:00 AM on the first day of the month
        assertThat(next("cron(0 8 1 * ? *)", NOW)).isEqualTo("2024-06-01T08:00:00Z");
        // every 15 minutes
        assertThat(next("cron(0/15 * * * ? *)", NOW)).isEqualTo("2024-05-15T10:30:00Z");
        // every 10 minutes, Monday through Friday
        assertThat(next("cron(0/10 * ? * MON-FRI *)", Instant.parse("2024-05-17T23:55:00Z"))).isEqualTo("2024-05-20T00:00:00Z");
        // every 5 minutes between 8:00 AM and 5:55 PM, weekdays
        assertThat(next("cron(0/5 8-17 ? * MON-FRI *)", Instant.parse("2024-05-15T17:56:00Z"))).isEqualTo("2024-05-16T08:00:00Z");
    }

    @Test
    void daysOfTheWeekCountFromSunday() {
        assertThat(next("cron(0 12 ? * 1 *)", NOW)).isEqualTo("2024-05-19T12:00:00Z"); // 1 = Sunday
        assertThat(next("cron(0 12 ? * 4 *)", NOW)).isEqualTo("2024-05-15T12:00:00Z"); // 4 = Wednesday
        assertThat(next("cron(0 12 ? * 2#1 *)", NOW)).isEqualTo("2024-06-03T12:00:00Z"); // first Monday
    }

    @Test
    void lastDayAndWeekday() {
        assertThat(next("cron(0 0 L * ? *)", NOW)).isEqualTo("2024-05-31T00:00:00Z");
        assertThat(next("cron(0 0 1W * ? *)", NOW)).isEqualTo("2024-06-03T00:00:00Z"); // June 1st is a Saturday
    }

    @Test
    void aScheduleInThePastHasNoNextRun() {
        assertThat(GlueCron.parse("cron(0 0 1 1 ? 2020)").nextAfter(NOW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 12 * * ? *", "cron(0 12 * * ?)", "cron(0 12 * * * *)", "cron(60 12 * * ? *)",
            "cron(0 24 * * ? *)", "cron(0 12 32 * ? *)", "cron(0 12 ? * 8 *)", "cron(0 12 1 * 2 *)", "cron(x 12 * * ? *)",
            "rate(5 minutes)", "cron()", "cron(0 12 * * ? 2200)"})
    void malformedExpressionsAreInvalidInput(String expression) {
        assertThatThrownBy(() -> GlueCron.parse(expression)).isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("InvalidInputException"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(* * * * ? *)", "cron(0/2 * * * ? *)", "cron(0,3 12 * * ? *)"})
    void schedulesFasterThanEveryFiveMinutesAreRefused(String expression) {
        assertThatThrownBy(() -> GlueCron.parse(expression)).isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("InvalidInputException"))
                .hasMessageContaining("5 minutes");
    }
}
