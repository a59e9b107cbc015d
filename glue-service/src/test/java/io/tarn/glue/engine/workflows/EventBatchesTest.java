package io.tarn.glue.engine.workflows;

import static io.tarn.glue.engine.triggers.Orchestra.NS;
import static io.tarn.glue.engine.triggers.Orchestra.startJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.glue.engine.triggers.Orchestra;
import io.tarn.glue.model.TriggerDefinition;
import io.tarn.glue.model.WorkflowRunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EVENT triggers' batches over the real trigger and workflow engines, a real store in a temp dir and a manual clock. */
class EventBatchesTest {

    @TempDir
    Path dir;

    private Orchestra o;

    @BeforeEach
    void open() {
        o = new Orchestra(dir);
        o.job("ingest", 10);
        o.workflows.create(NS, "on-upload", null, Map.of("stage", "dev"), null, null);
        eventTrigger("on-upload-go", "on-upload", new TriggerDefinition.EventBatchingCondition(3, 60), true);
    }

    @AfterEach
    void close() {
        o.close();
    }

    private void eventTrigger(String name, String workflow, TriggerDefinition.EventBatchingCondition condition, boolean start) {
        o.triggers.create(NS, new TriggerDefinition(name, workflow, "EVENT", null, null, List.of(startJob("ingest", null)), null, start,
                null, condition));
    }

    private List<WorkflowRunRecord> runs(String workflow) {
        return o.workflowRuns.list(NS, workflow, null, 100).items();
    }

    @Test
    void aFullBatchStartsARunNamingItsEventsAndASecondBatchBeginsAfresh() {
        o.eventBatches.notifyEvent(NS, "on-upload", "e1");
        o.eventBatches.notifyEvent(NS, "on-upload", "e2");
        o.eventBatches.notifyEvent(NS, "on-upload", "e2"); // sent again: counted once
        assertThat(runs("on-upload")).isEmpty();
        o.eventBatches.notifyEvent(NS, "on-upload", "e3");

        WorkflowRunRecord run = runs("on-upload").get(0);
        assertThat(run.startingEventBatch()).isEqualTo(new WorkflowRunRecord.StartingEventBatch(3, 0));
        assertThat(run.properties()).containsEntry("aws:eventIds", "[\"e1\",\"e2\",\"e3\"]").containsEntry("stage", "dev");
        assertThat(run.fired()).containsExactly("on-upload-go");
        assertThat(o.running("ingest")).singleElement()
                .satisfies(r -> assertThat(r.arguments()).containsEntry("--WORKFLOW_RUN_ID", run.runId()));

        // the first batch's window passing does not cut the next batch short
        o.clock.advance(Duration.ofSeconds(30));
        o.eventBatches.notifyEvent(NS, "on-upload", "e4");
        o.clock.advance(Duration.ofSeconds(31));
        assertThat(runs("on-upload")).hasSize(1);
        o.clock.advance(Duration.ofSeconds(29));
        assertThat(runs("on-upload")).hasSize(2);
        WorkflowRunRecord byWindow = runs("on-upload").stream().filter(r -> !r.runId().equals(run.runId())).findFirst().orElseThrow();
        assertThat(byWindow.startingEventBatch()).isEqualTo(new WorkflowRunRecord.StartingEventBatch(0, 60));
        assertThat(byWindow.properties()).containsEntry("aws:eventIds", "[\"e4\"]");
    }

    @Test
    void aWaitingBatchSurvivesARestartAndAWindowThatEndedMeanwhileStartsItsRunThen() {
        o.eventBatches.notifyEvent(NS, "on-upload", "e1");
        o.close();
        o.clock.advance(Duration.ofMinutes(5)); // nobody listens: Tarn is down
        o.restart();
        o.clock.advance(Duration.ZERO); // the scheduler's thread runs what is due at once; this runs it on ours, now
        assertThat(runs("on-upload")).singleElement()
                .satisfies(r -> assertThat(r.properties()).containsEntry("aws:eventIds", "[\"e1\"]"));
    }

    @Test
    void onlyActivatedEventTriggersCountEventsAndAMissingWorkflowIsAnError() {
        o.workflows.create(NS, "idle", null, null, null, null);
        eventTrigger("idle-go", "idle", new TriggerDefinition.EventBatchingCondition(1, null), false);
        o.eventBatches.notifyEvent(NS, "idle", "e1"); // CREATED, not ACTIVATED: dropped
        assertThat(runs("idle")).isEmpty();
        o.triggers.start(NS, "idle-go");
        o.eventBatches.notifyEvent(NS, "idle", "e2");
        assertThat(runs("idle")).singleElement().satisfies(r -> assertThat(r.startingEventBatch().batchSize()).isEqualTo(1));

        o.eventBatches.notifyEvent(NS, "on-upload", "e1");
        o.triggers.delete(NS, "on-upload-go"); // its waiting events go with it
        o.clock.advance(Duration.ofMinutes(2));
        assertThat(runs("on-upload")).isEmpty();

        assertThatThrownBy(() -> o.eventBatches.notifyEvent(NS, "missing", "e1")).isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("EntityNotFoundException"));
    }
}
