package io.tarn.glue.engine.triggers;

import static io.tarn.glue.engine.triggers.Orchestra.NS;
import static io.tarn.glue.engine.triggers.Orchestra.crawlIs;
import static io.tarn.glue.engine.triggers.Orchestra.jobIs;
import static io.tarn.glue.engine.triggers.Orchestra.startCrawler;
import static io.tarn.glue.engine.triggers.Orchestra.startJob;
import static io.tarn.glue.engine.triggers.Orchestra.trigger;
import static io.tarn.glue.engine.triggers.Orchestra.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.glue.model.JobRunRecord;
import io.tarn.glue.model.TriggerMeta;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triggers over the real job, run and crawler engines, a real store in a temp dir and a manual clock. */
class TriggersTest {

    @TempDir
    Path dir;

    private Orchestra o;

    @BeforeEach
    void open() {
        o = new Orchestra(dir);
        o.job("extract", 10);
        o.job("load");
        o.crawler("catalog");
    }

    @AfterEach
    void close() {
        o.close();
    }

    @Test
    void onDemandTriggerRunsItsActionsWithTheirArgumentsWhenStarted() {
        TriggerMeta t = o.triggers.create(NS, trigger("now", null, "ON_DEMAND", null, null,
                List.of(new io.tarn.glue.model.TriggerDefinition.Action("extract", Map.of("--day", "1"), 7, null, null, null)), null));
        assertThat(t.state()).isEqualTo("CREATED");
        assertThat(o.runsOf("extract")).isEmpty();

        o.triggers.start(NS, "now");

        JobRunRecord run = o.runsOf("extract").get(0);
        assertThat(run.triggerName()).isEqualTo("now");
        assertThat(run.arguments()).containsEntry("--day", "1");
        assertThat(run.settings().timeout()).isEqualTo(7);
        assertThat(run.state()).isEqualTo("RUNNING");
        assertThat(o.triggers.get(NS, "now").state()).isEqualTo("CREATED");
        assertAws(() -> o.triggers.stop(NS, "now"), "InvalidInputException", "ON_DEMAND");
    }

    @Test
    void scheduledTriggerFiresEachFiringInOrderWhenTheClockAdvancesAndOnlyWhileActivated() {
        // every hour at minute 0: 10:20 -> the firings at 11:00, 12:00, 13:00 when 3 hours pass
        o.triggers.create(NS, trigger("hourly", null, "SCHEDULED", "cron(0 * * * ? *)", null, List.of(startJob("extract", null)), null));
        o.clock.advance(Duration.ofHours(3));
        assertThat(o.runsOf("extract")).isEmpty(); // CREATED: not active

        o.triggers.start(NS, "hourly");
        assertThat(o.triggers.get(NS, "hourly").nextRun()).isEqualTo(Instant.parse("2024-05-15T14:00:00Z"));
        o.clock.advance(Duration.ofHours(3));
        assertThat(o.runsOf("extract")).hasSize(3).allSatisfy(r -> assertThat(r.triggerName()).isEqualTo("hourly"));
        assertThat(o.triggers.get(NS, "hourly").nextRun()).isEqualTo(Instant.parse("2024-05-15T17:00:00Z"));

        o.triggers.stop(NS, "hourly");
        assertThat(o.triggers.get(NS, "hourly").state()).isEqualTo("DEACTIVATED");
        o.clock.advance(Duration.ofHours(3));
        assertThat(o.runsOf("extract")).hasSize(3);
    }

    @Test
    void scheduledFiringsThatFellDueWhileDownFireOnceAfterRestart() {
        o.triggers.create(NS, trigger("hourly", null, "SCHEDULED", "cron(0 * * * ? *)", null, List.of(startJob("extract", null)), true));
        o.close();
        o.clock.advance(Duration.ofHours(5)); // nobody listens: Tarn is down
        o.restart();
        o.clock.advance(Duration.ZERO); // the scheduler's thread runs what is due at once; this runs it on ours, now
        assertThat(o.runsOf("extract")).hasSize(1);
        assertThat(o.triggers.get(NS, "hourly").nextRun()).isEqualTo(Instant.parse("2024-05-15T16:00:00Z"));
        o.clock.advance(Duration.ofHours(1));
        assertThat(o.runsOf("extract")).hasSize(2);
    }

    @Test
    void conditionalAndFiresWhenEveryConditionWasMetSinceItLastFired() {
        o.job("report");
        o.triggers.create(NS, trigger("both", null, "CONDITIONAL", null,
                when("AND", jobIs("extract", "SUCCEEDED"), jobIs("load", "FAILED")), List.of(startJob("report", null)), true));
        o.runs.start(NS, "extract", io.tarn.glue.engine.jobs.RunOptions.of(null, null));
        String extract = o.finish("extract", true);
        assertThat(o.runsOf("report")).isEmpty();
        assertThat(o.triggers.get(NS, "both").met()).containsExactly(0);
        o.restart(); // the run that met a condition is kept with it

        o.runs.start(NS, "load", io.tarn.glue.engine.jobs.RunOptions.of(null, null));
        String load = o.finish("load", false);
        assertThat(o.runsOf("report")).hasSize(1).first().satisfies(r -> {
            assertThat(r.triggerName()).isEqualTo("both");
            assertThat(r.predecessors()).containsExactly(new JobRunRecord.Predecessor("extract", extract),
                    new JobRunRecord.Predecessor("load", load));
        });
        assertThat(o.triggers.get(NS, "both").met()).isEmpty();
        assertThat(o.triggers.get(NS, "both").metRuns()).isEmpty();

        o.runs.start(NS, "load", io.tarn.glue.engine.jobs.RunOptions.of(null, null));
        o.finish("load", false); // extract has not succeeded again since
        assertThat(o.runsOf("report")).hasSize(1);
    }

    @Test
    void conditionalAnyOnACrawlStartsAJobAndADeactivatedTriggerDoesNot() {
        o.triggers.create(NS, trigger("after-crawl", null, "CONDITIONAL", null, when("ANY", crawlIs("catalog", "FAILED")),
                List.of(startJob("load", null)), null));
        o.crawlers.start(NS, "catalog");
        o.runCrawls(); // no S3 in this build: the crawl FAILS
        assertThat(o.runsOf("load")).isEmpty();

        o.triggers.start(NS, "after-crawl");
        o.crawlers.start(NS, "catalog");
        o.runCrawls();
        assertThat(o.runsOf("load")).hasSize(1);
    }

    @Test
    void aFailedStartIsLoggedAndTheOtherActionsStillRun() {
        o.job("single");
        o.runs.start(NS, "single", io.tarn.glue.engine.jobs.RunOptions.of(null, null)); // MaxConcurrentRuns 1: a second is refused
        o.triggers.create(NS, trigger("two", null, "ON_DEMAND", null, null, List.of(startJob("single", null), startCrawler("catalog")), null));
        o.triggers.start(NS, "two");
        assertThat(o.runsOf("single")).hasSize(1);
        assertThat(o.crawlers.get(NS, "catalog").state()).isEqualTo("RUNNING");
    }

    @Test
    void definitionsAreCheckedAsAwsChecksThem() {
        assertAws(() -> o.triggers.create(NS, trigger("t", null, "SCHEDULED", null, null, List.of(startJob("extract", null)), null)),
                "InvalidInputException", "Schedule is required");
        assertAws(() -> o.triggers.create(NS, trigger("t", null, "ON_DEMAND", "cron(0 * * * ? *)", null, List.of(startJob("extract", null)),
                null)), "InvalidInputException", "Schedule is only valid");
        assertAws(() -> o.triggers.create(NS, trigger("t", null, "ON_DEMAND", null, when("ANY", jobIs("extract", "SUCCEEDED")),
                List.of(startJob("extract", null)), null)), "InvalidInputException", "Predicate is only valid");
        assertAws(() -> o.triggers.create(NS, trigger("t", null, "ON_DEMAND", null, null, List.of(startJob("extract", null)), true)),
                "InvalidInputException", "StartOnCreation");
        assertAws(() -> o.triggers.create(NS, trigger("t", null, "CONDITIONAL", null, when("ANY", jobIs("extract", "RUNNING")),
                List.of(startJob("load", null)), null)), "InvalidInputException", "RUNNING");
        assertAws(() -> o.triggers.create(NS, trigger("t", null, "ON_DEMAND", null, null, List.of(startJob("nope", null)), null)),
                "EntityNotFoundException", "nope");
        assertAws(() -> o.triggers.create(NS, trigger("t", null, "SCHEDULED", "cron(* * * * ? *)", null,
                List.of(startJob("extract", null)), null)), "InvalidInputException", "5 minutes");
        assertAws(() -> o.triggers.create(NS, trigger("t", "flow", "ON_DEMAND", null, null, List.of(startJob("extract", null)), null)),
                "EntityNotFoundException", "flow");
        o.triggers.create(NS, trigger("t", null, "ON_DEMAND", null, null, List.of(startJob("extract", null)), null));
        assertAws(() -> o.triggers.create(NS, trigger("t", null, "ON_DEMAND", null, null, List.of(startJob("extract", null)), null)),
                "AlreadyExistsException", "t");
        assertAws(() -> o.triggers.get(NS, "missing"), "EntityNotFoundException", "missing");
        o.triggers.delete(NS, "missing"); // no error, as AWS
    }

    @Test
    void updateReplacesTheMembersGivenAndReArmsAnActiveSchedule() {
        o.triggers.create(NS, trigger("s", null, "SCHEDULED", "cron(0 12 * * ? *)", null, List.of(startJob("extract", null)), true));
        TriggerMeta updated = o.triggers.update(NS, "s",
                new io.tarn.glue.model.TriggerDefinition.Update(null, "nightly", "cron(0 23 * * ? *)", null, null, null));
        assertThat(updated.definition().description()).isEqualTo("nightly");
        assertThat(updated.definition().actionList()).extracting(a -> a.jobName()).containsExactly("extract");
        assertThat(updated.nextRun()).isEqualTo(Instant.parse("2024-05-15T23:00:00Z"));
        assertAws(() -> o.triggers.update(NS, "s", new io.tarn.glue.model.TriggerDefinition.Update(null, null, null, null,
                when("ANY", jobIs("extract", "SUCCEEDED")), null)), "InvalidInputException", "Predicate");
    }

    private static void assertAws(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class).satisfies(e -> {
            assertThat(((AwsException) e).code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
