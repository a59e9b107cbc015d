package io.tarn.it.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.Node;
import software.amazon.awssdk.services.glue.model.NodeType;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TriggerState;
import software.amazon.awssdk.services.glue.model.TriggerType;
import software.amazon.awssdk.services.glue.model.WorkflowRun;
import software.amazon.awssdk.services.glue.model.WorkflowRunStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Glue triggers and workflows through the SDK v2 Glue client: a workflow started by its scheduled trigger
 * when the emulator clock passes its cron time runs a Python shell job (boto3 reads a CSV from Tarn's S3,
 * pyarrow writes Parquet, the run's properties are read and written), then a conditional trigger starts a
 * crawler that catalogs the output; concurrency limits, stops, errors, a {@code kill -9} mid-run, and
 * boto3 and the AWS CLI for the same calls.
 */
@ExtendWith(TarnServerExtension.class)
class GlueWorkflowIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/AWSGlueServiceRole-it";

    /** Polls until the workflow run has ended (bounded: 3 minutes, for a loaded machine starting Python). */
    private static WorkflowRun awaitEnd(GlueClient glue, String workflow, String runId) throws InterruptedException {
        for (int i = 0; i < 1800; i++) {
            WorkflowRun run = glue.getWorkflowRun(b -> b.name(workflow).runId(runId).includeGraph(true)).run();
            if (run.status() != WorkflowRunStatus.RUNNING && run.status() != WorkflowRunStatus.STOPPING) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("workflow run " + runId + " of " + workflow + " did not end");
    }

    private static String awaitFirstRun(GlueClient glue, String workflow) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<WorkflowRun> runs = glue.getWorkflowRuns(b -> b.name(workflow)).runs();
            if (!runs.isEmpty()) {
                return runs.get(0).workflowRunId();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("workflow " + workflow + " never ran");
    }

    private static Node node(WorkflowRun run, String name) {
        return run.graph().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aScheduledWorkflowRunsAPythonShellJobThenACrawlerThatCatalogsItsOutput(GlueClient glue, S3Client s3, URI endpoint)
            throws Exception {
        Scripts.requireClient(List.of("python3", "-c", "import boto3, pyarrow"), "python3 with boto3 and pyarrow");
        s3.createBucket(b -> b.bucket("it-wf-lake"));
        s3.putObject(b -> b.bucket("it-wf-lake").key("in/sales.csv"), RequestBody.fromString("id,item,amount\n1,apple,3.5\n2,pear,1.25\n3,fig,7\n"));
        s3.putObject(b -> b.bucket("it-wf-lake").key("scripts/etl.py"),
                RequestBody.fromFile(Path.of(Scripts.script("glue_workflow_csv_to_parquet.py"))));
        glue.createJob(b -> b.name("it-wf-etl").role(ROLE)
                .command(c -> c.name("pythonshell").scriptLocation("s3://it-wf-lake/scripts/etl.py").pythonVersion("3.9"))
                .defaultArguments(Map.of("--source_bucket", "it-wf-lake", "--source_key", "in/sales.csv", "--target_bucket", "it-wf-lake")));
        glue.createDatabase(b -> b.databaseInput(d -> d.name("itwf")));
        glue.createCrawler(b -> b.name("it-wf-crawl").role(ROLE).databaseName("itwf").targets(t -> t.s3Targets(s -> s.path("s3://it-wf-lake/out/"))));
        glue.createWorkflow(b -> b.name("it-wf").defaultRunProperties(Map.of("target_key", "out/sales/part-0.parquet")).maxConcurrentRuns(1));
        glue.createTrigger(b -> b.name("it-wf-noon").workflowName("it-wf").type(TriggerType.SCHEDULED).schedule("cron(0 12 * * ? *)")
                .actions(a -> a.jobName("it-wf-etl")).startOnCreation(true));
        glue.createTrigger(b -> b.name("it-wf-then").workflowName("it-wf").type(TriggerType.CONDITIONAL).startOnCreation(true)
                .predicate(p -> p.conditions(c -> c.logicalOperator("EQUALS").jobName("it-wf-etl").state("SUCCEEDED")))
                .actions(a -> a.crawlerName("it-wf-crawl")));
        assertThat(glue.getTrigger(b -> b.name("it-wf-noon")).trigger().state()).isEqualTo(TriggerState.ACTIVATED);

        var graph = glue.getWorkflow(b -> b.name("it-wf").includeGraph(true)).workflow().graph();
        assertThat(graph.nodes()).extracting(Node::type).containsExactlyInAnyOrder(NodeType.TRIGGER, NodeType.TRIGGER, NodeType.JOB,
                NodeType.CRAWLER);
        assertThat(graph.edges()).hasSize(3);
        assertThat(glue.getWorkflowRuns(b -> b.name("it-wf")).runs()).isEmpty();

        // the clock passes the next noon (UTC): the schedule starts the workflow
        Instant now = AdminCalls.clockNow(endpoint);
        ZonedDateTime noon = now.atZone(ZoneOffset.UTC).withHour(12).withMinute(0).withSecond(0).withNano(0);
        Instant next = noon.toInstant().isAfter(now) ? noon.toInstant() : noon.plusDays(1).toInstant();
        AdminCalls.changeClock(endpoint, "{\"advance\":\"" + Duration.between(now, next).plusMinutes(1) + "\"}");
        String runId = awaitFirstRun(glue, "it-wf");
        assertThat(runId).matches("wr_[0-9a-f]{64}");

        WorkflowRun run = awaitEnd(glue, "it-wf", runId);
        assertThat(run.status()).as("%s", run).isEqualTo(WorkflowRunStatus.COMPLETED);
        assertThat(run.startedOn()).isAfterOrEqualTo(next);
        assertThat(run.completedOn()).isAfterOrEqualTo(run.startedOn());
        assertThat(run.statistics().totalActions()).isEqualTo(2);
        assertThat(run.statistics().succeededActions()).as("%s", run.statistics()).isEqualTo(2);
        assertThat(run.statistics().failedActions()).isZero();
        assertThat(run.statistics().runningActions()).isZero();
        assertThat(run.workflowRunProperties()).containsEntry("target_key", "out/sales/part-0.parquet").containsEntry("rows", "3");

        JobRun jobRun = node(run, "it-wf-etl").jobDetails().jobRuns().get(0);
        assertThat(jobRun.triggerName()).isEqualTo("it-wf-noon");
        assertThat(jobRun.arguments()).containsEntry("--WORKFLOW_NAME", "it-wf").containsEntry("--WORKFLOW_RUN_ID", runId);
        assertThat(node(run, "it-wf-crawl").crawlerDetails().crawls()).singleElement()
                .satisfies(c -> assertThat(c.stateAsString()).isEqualTo("SUCCEEDED"));

        List<Table> tables = glue.getTables(b -> b.databaseName("itwf")).tableList();
        assertThat(tables).singleElement().satisfies(t -> assertThat(t.storageDescriptor().columns()).extracting(Column::name)
                .containsExactly("id", "item", "amount"));
        assertThat(glue.getWorkflow(b -> b.name("it-wf")).workflow().lastRun().workflowRunId()).isEqualTo(runId);
    }

    @Test
    void runsAreLimitedStoppedAndRefusedAsAwsRefusesThem(GlueClient glue, S3Client s3) throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "python3");
        s3.createBucket(b -> b.bucket("it-wf-slow"));
        s3.putObject(b -> b.bucket("it-wf-slow").key("slow.py"), RequestBody.fromString("import time\ntime.sleep(3600)\n"));
        glue.createJob(b -> b.name("it-wf-sleeper").role(ROLE)
                .command(c -> c.name("pythonshell").scriptLocation("s3://it-wf-slow/slow.py").pythonVersion("3.9")));
        glue.createWorkflow(b -> b.name("it-wf-stop").maxConcurrentRuns(1));
        glue.createTrigger(b -> b.name("it-wf-stop-go").workflowName("it-wf-stop").type(TriggerType.ON_DEMAND)
                .actions(a -> a.jobName("it-wf-sleeper")));
        String runId = glue.startWorkflowRun(b -> b.name("it-wf-stop")).runId();
        assertGlueError(() -> glue.startWorkflowRun(b -> b.name("it-wf-stop")), "ConcurrentRunsExceededException", "it-wf-stop");

        glue.stopWorkflowRun(b -> b.name("it-wf-stop").runId(runId));
        WorkflowRun stopped = awaitEnd(glue, "it-wf-stop", runId);
        assertThat(stopped.status()).isEqualTo(WorkflowRunStatus.STOPPED);
        assertThat(stopped.statistics().stoppedActions()).isEqualTo(1);
        assertGlueError(() -> glue.stopWorkflowRun(b -> b.name("it-wf-stop").runId(runId)), "IllegalWorkflowStateException", runId);
        assertGlueError(() -> glue.getWorkflowRun(b -> b.name("it-wf-stop").runId("wr_nope")), "EntityNotFoundException", "wr_nope");
        assertGlueError(() -> glue.getWorkflow(b -> b.name("it-wf-none")), "EntityNotFoundException", "it-wf-none");
        assertGlueError(() -> glue.createTrigger(b -> b.name("it-wf-bad").type(TriggerType.CONDITIONAL).actions(a -> a.jobName("it-wf-sleeper"))),
                "InvalidInputException", "Predicate");
        assertGlueError(() -> glue.stopTrigger(b -> b.name("it-wf-stop-go")), "InvalidInputException", "ON_DEMAND");
    }

    @Test
    void aRunCutShortByKillMinus9IsNotRunningForeverAfterRestart(@TempDir Path dir) throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "python3");
        try (TarnProcess tarn = TarnProcess.start(dir.resolve("data"))) {
            String runId;
            try (GlueClient glue = TarnServerExtension.client(GlueClient.class, tarn.endpoint());
                    S3Client s3 = TarnServerExtension.client(S3Client.class, tarn.endpoint())) {
                s3.createBucket(b -> b.bucket("it-wf-kill"));
                s3.putObject(b -> b.bucket("it-wf-kill").key("slow.py"), RequestBody.fromString("import time\ntime.sleep(3600)\n"));
                glue.createJob(b -> b.name("it-wf-kill-job").role(ROLE)
                        .command(c -> c.name("pythonshell").scriptLocation("s3://it-wf-kill/slow.py").pythonVersion("3.9")));
                glue.createWorkflow(b -> b.name("it-wf-kill"));
                glue.createTrigger(b -> b.name("it-wf-kill-go").workflowName("it-wf-kill").type(TriggerType.ON_DEMAND)
                        .actions(a -> a.jobName("it-wf-kill-job")));
                runId = glue.startWorkflowRun(b -> b.name("it-wf-kill")).runId();
            }
            tarn.kill();
            tarn.restart();
            try (GlueClient glue = TarnServerExtension.client(GlueClient.class, tarn.endpoint())) {
                WorkflowRun run = glue.getWorkflowRun(b -> b.name("it-wf-kill").runId(runId).includeGraph(true)).run();
                assertThat(run.status()).isEqualTo(WorkflowRunStatus.ERROR);
                assertThat(run.errorMessage()).contains("Tarn stopped");
                assertThat(run.statistics().runningActions()).isZero();
                assertThat(node(run, "it-wf-kill-job").jobDetails().jobRuns()).singleElement()
                        .satisfies(j -> assertThat(j.jobRunStateAsString()).isEqualTo("FAILED"));
            }
        }
    }

    @Test
    void boto3AndTheAwsCliDriveTriggersAndWorkflows(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "boto3");
        Scripts.assertRuns(List.of("python3", Scripts.script("glue_workflows_boto3_check.py"), endpoint.toString()), 240);
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI");
        Scripts.assertRuns(List.of("bash", Scripts.script("glue_workflows_cli_check.sh"), endpoint.toString()), 240);
    }

    private static void assertGlueError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOf(GlueException.class).satisfies(e -> {
            GlueException g = (GlueException) e;
            assertThat(g.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(g.statusCode()).isEqualTo(400);
            assertThat(g.awsErrorDetails().errorMessage()).contains(message);
        });
    }
}
