package io.tarn.glue.engine.workflows;

import static io.tarn.glue.engine.triggers.Orchestra.NS;
import static io.tarn.glue.engine.triggers.Orchestra.jobIs;
import static io.tarn.glue.engine.triggers.Orchestra.startCrawler;
import static io.tarn.glue.engine.triggers.Orchestra.startJob;
import static io.tarn.glue.engine.triggers.Orchestra.trigger;
import static io.tarn.glue.engine.triggers.Orchestra.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.glue.engine.jobs.RunOptions;
import io.tarn.glue.engine.triggers.Orchestra;
import io.tarn.glue.model.JobRunRecord;
import io.tarn.glue.model.WorkflowRunRecord;
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

/** Workflow runs over the real job, crawler and trigger engines, a real store in a temp dir and a manual clock. */
class WorkflowRunsTest {

    @TempDir
    Path dir;

    private Orchestra o;

    @BeforeEach
    void open() {
        o = new Orchestra(dir);
        o.job("extract", 5);
        o.job("load", 5);
        o.crawler("catalog");
        o.workflows.create(NS, "etl", null, Map.of("stage", "dev"), null, null);
        o.triggers.create(NS, trigger("go", "etl", "ON_DEMAND", null, null, List.of(startJob("extract", Map.of("--x", "1"))), null));
        o.triggers.create(NS, trigger("then", "etl", "CONDITIONAL", null, when("AND", jobIs("extract", "SUCCEEDED")),
                List.of(startJob("load", null)), true));
        o.triggers.create(NS, trigger("last", "etl", "CONDITIONAL", null, when("ANY", jobIs("load", "SUCCEEDED")),
                List.of(startCrawler("catalog")), true));
    }

    @AfterEach
    void close() {
        o.close();
    }

    private WorkflowRunRecord run(String id) {
        return o.workflowRuns.get(NS, "etl", id);
    }

    @Test
    void aRunStartsItsStartTriggerThenItsConditionalTriggersOnItsOwnEndsAndCompletes() {
        WorkflowRunRecord started = o.workflowRuns.start(NS, "etl", Map.of("day", "2024-05-15"));
        assertThat(started.status()).isEqualTo("RUNNING");
        assertThat(started.properties()).containsEntry("stage", "dev").containsEntry("day", "2024-05-15");
        JobRunRecord extract = o.runsOf("extract").get(0);
        assertThat(extract.arguments()).containsEntry("--x", "1").containsEntry("--WORKFLOW_NAME", "etl")
                .containsEntry("--WORKFLOW_RUN_ID", started.runId());
        assertThat(extract.triggerName()).isEqualTo("go");

        // a run of extract outside the workflow does not move the workflow
        o.runs.start(NS, "load", RunOptions.of(null, null));
        o.finish("load", true);
        assertThat(o.crawlers.get(NS, "catalog").state()).isEqualTo("READY");

        o.clock.advance(Duration.ofMinutes(3));
        String extractId = o.finish("extract", true);
        assertThat(o.running("load")).hasSize(1).first().satisfies(r -> {
            assertThat(r.triggerName()).isEqualTo("then");
            assertThat(r.predecessors()).containsExactly(new JobRunRecord.Predecessor("extract", extractId));
        });
        assertThat(extract.predecessors()).isEmpty(); // started by the run's start trigger
        o.finish("load", true);
        assertThat(o.crawlers.get(NS, "catalog").state()).isEqualTo("RUNNING");
        assertThat(run(started.runId()).status()).isEqualTo("RUNNING");
        o.runCrawls(); // no S3 in this build: the crawl FAILS, the last action

        WorkflowRunRecord done = run(started.runId());
        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(done.completedOn()).isEqualTo(Orchestra.START.plus(Duration.ofMinutes(3)));
        assertThat(done.actions()).extracting(WorkflowRunRecord.ActionRun::name, WorkflowRunRecord.ActionRun::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("extract", "SUCCEEDED"), org.assertj.core.groups.Tuple.tuple("load", "SUCCEEDED"),
                        org.assertj.core.groups.Tuple.tuple("catalog", "FAILED"));
        assertThat(done.fired()).containsExactlyInAnyOrder("go", "then", "last");
    }

    @Test
    void twoRunsAtOnceEachFireOnlyOnTheirOwnEnds() {
        WorkflowRunRecord first = o.workflowRuns.start(NS, "etl", null);
        WorkflowRunRecord second = o.workflowRuns.start(NS, "etl", null);
        List<JobRunRecord> extracts = o.running("extract");
        assertThat(extracts).hasSize(2);
        JobRunRecord ofFirst = extracts.stream().filter(r -> r.arguments().get("--WORKFLOW_RUN_ID").equals(first.runId())).findFirst()
                .orElseThrow();
        o.launched.remove(ofFirst.id()).accept(new io.tarn.glue.engine.jobs.JobLauncher.RunExit(false, "bad input", null));

        WorkflowRunRecord failed = run(first.runId());
        assertThat(failed.status()).isEqualTo("COMPLETED"); // nothing fires on FAILED: the run is over, with a failed action
        assertThat(failed.actions()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("FAILED"));
        assertThat(o.runsOf("load")).isEmpty();
        assertThat(run(second.runId()).status()).isEqualTo("RUNNING");
    }

    @Test
    void maxConcurrentRunsRefusesARunBeyondItAlsoFromStartTrigger() {
        o.workflows.update(NS, "etl", null, null, 1);
        o.triggers.start(NS, "go"); // an ON_DEMAND start trigger of a workflow starts a run of it
        assertThat(o.workflowRuns.list(NS, "etl", null, 10).items()).hasSize(1);
        assertAws(() -> o.workflowRuns.start(NS, "etl", null), "ConcurrentRunsExceededException", "etl");
        assertAws(() -> o.triggers.start(NS, "go"), "ConcurrentRunsExceededException", "etl");
    }

    @Test
    void aFailedAttemptThatIsRetriedIsNotTheActionsEndItsLastAttemptIs() {
        o.job("flaky", 1, 1);
        o.workflows.create(NS, "retrying", null, null, null, null);
        o.triggers.create(NS, trigger("r-go", "retrying", "ON_DEMAND", null, null, List.of(startJob("flaky", null)), null));
        o.triggers.create(NS, trigger("r-then", "retrying", "CONDITIONAL", null, when("ANY", jobIs("flaky", "SUCCEEDED")),
                List.of(startJob("load", null)), true));
        WorkflowRunRecord started = o.workflowRuns.start(NS, "retrying", null);
        String first = o.finish("flaky", false);
        WorkflowRunRecord retrying = o.workflowRuns.get(NS, "retrying", started.runId());
        assertThat(retrying.status()).isEqualTo("RUNNING");
        assertThat(retrying.actions()).singleElement().satisfies(a -> assertThat(a.ended()).isFalse());

        assertThat(o.finish("flaky", true)).isEqualTo(first + "_attempt_1");
        WorkflowRunRecord after = o.workflowRuns.get(NS, "retrying", started.runId());
        assertThat(after.actions().get(0).runId()).isEqualTo(first + "_attempt_1");
        assertThat(after.actions().get(0).state()).isEqualTo("SUCCEEDED");
        assertThat(o.running("load")).hasSize(1);
    }

    @Test
    void stopEndsTheRunsActionsAndTheRunStopped() {
        WorkflowRunRecord started = o.workflowRuns.start(NS, "etl", null);
        o.workflowRuns.stop(NS, "etl", started.runId());
        WorkflowRunRecord stopped = run(started.runId());
        assertThat(stopped.status()).isEqualTo("STOPPED");
        assertThat(stopped.actions()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("STOPPED"));
        assertAws(() -> o.workflowRuns.stop(NS, "etl", started.runId()), "IllegalWorkflowStateException", "STOPPED");
    }

    @Test
    void resumeRerunsAFailedNodeInANewRunAndGoesOnFromIt() {
        WorkflowRunRecord first = o.workflowRuns.start(NS, "etl", Map.of("day", "1"));
        o.finish("extract", false);
        assertThat(run(first.runId()).status()).isEqualTo("COMPLETED");
        assertAws(() -> o.workflowRuns.resume(NS, "etl", first.runId(), List.of("wnode_trigger_go")), "InvalidInputException",
                "not a job or crawler node");

        WorkflowRunRecord resumed = o.workflowRuns.resume(NS, "etl", first.runId(), List.of(WorkflowGraph.id("JOB", "extract")));
        assertThat(resumed.previousRunId()).isEqualTo(first.runId());
        assertThat(resumed.properties()).containsEntry("day", "1");
        o.finish("extract", true);
        assertThat(o.running("load")).hasSize(1);
    }

    @Test
    void scheduledStartTriggerStartsARunWhenTheClockPassesItsTime() {
        o.workflows.create(NS, "nightly", null, null, null, null);
        o.triggers.create(NS, trigger("at-noon", "nightly", "SCHEDULED", "cron(0 12 * * ? *)", null, List.of(startJob("extract", null)),
                true));
        o.clock.advanceTo(Instant.parse("2024-05-15T12:00:00Z"));
        List<WorkflowRunRecord> runs = o.workflowRuns.list(NS, "nightly", null, 10).items();
        assertThat(runs).singleElement().satisfies(r -> assertThat(r.startedOn()).isEqualTo(Instant.parse("2024-05-15T12:00:00Z")));
        assertThat(o.running("extract").get(0).arguments()).containsEntry("--WORKFLOW_NAME", "nightly");
    }

    @Test
    void aRunCutShortByARestartEndsErrorWithItsActionsFailed() {
        WorkflowRunRecord started = o.workflowRuns.start(NS, "etl", null);
        o.close();
        o.restart();
        WorkflowRunRecord after = run(started.runId());
        assertThat(after.status()).isEqualTo("ERROR");
        assertThat(after.errorMessage()).contains("Tarn stopped");
        assertThat(after.actions()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo("FAILED"));
        o.workflowRuns.start(NS, "etl", null); // and the workflow runs again
    }

    @Test
    void propertiesArePutAndReadAndDeleteTakesTriggersAndRuns() {
        WorkflowRunRecord started = o.workflowRuns.start(NS, "etl", null);
        o.workflowRuns.putProperties(NS, "etl", started.runId(), Map.of("rows", "3", "stage", "prod"));
        assertThat(o.workflowRuns.properties(NS, "etl", started.runId())).containsExactlyInAnyOrderEntriesOf(Map.of("rows", "3", "stage", "prod"));

        WorkflowGraph graph = WorkflowGraph.of(o.triggers.ofWorkflow(NS, "etl"));
        assertThat(graph.nodes()).extracting(WorkflowGraph.Node::uniqueId).containsExactlyInAnyOrder("wnode_trigger_go",
                "wnode_trigger_then", "wnode_trigger_last", "wnode_job_extract", "wnode_job_load", "wnode_crawler_catalog");
        assertThat(graph.edges()).contains(new WorkflowGraph.Edge("wnode_job_extract", "wnode_trigger_then"),
                new WorkflowGraph.Edge("wnode_trigger_then", "wnode_job_load"));

        o.workflows.delete(NS, "etl");
        assertThat(o.triggers.find(NS, "then")).isNull();
        assertAws(() -> o.workflowRuns.get(NS, "etl", started.runId()), "EntityNotFoundException", "etl");
    }

    private static void assertAws(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class).satisfies(e -> {
            assertThat(((AwsException) e).code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
