package io.tarn.it.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Glue jobs through the SDK v2 Glue client: Python shell jobs run for real by Tarn (python3, boto3 and pyarrow
 * against Tarn's own S3), their failures, timeouts on the emulator clock, Spark jobs without a Spark, and runs
 * cut short by {@code kill -9}.
 */
@ExtendWith(TarnServerExtension.class)
class GlueJobsIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/AWSGlueServiceRole-it";
    private static final Set<JobRunState> UNDER_WAY = Set.of(JobRunState.STARTING, JobRunState.RUNNING, JobRunState.STOPPING,
            JobRunState.WAITING);

    /** Polls until the run has ended (bounded: 3 minutes, for a loaded machine starting Python). */
    private static JobRun awaitEnd(GlueClient glue, String job, String runId) throws InterruptedException {
        for (int i = 0; i < 1800; i++) {
            JobRun run = glue.getJobRun(b -> b.jobName(job).runId(runId)).jobRun();
            if (!UNDER_WAY.contains(run.jobRunState())) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " of " + job + " did not end");
    }

    private static void awaitState(GlueClient glue, String job, String runId, JobRunState state) throws InterruptedException {
        for (int i = 0; i < 1800; i++) {
            if (glue.getJobRun(b -> b.jobName(job).runId(runId)).jobRun().jobRunState() == state) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " of " + job + " never was " + state);
    }

    private static void createPythonShellJob(GlueClient glue, String name, String script, Integer timeout) {
        glue.createJob(b -> b.name(name).role(ROLE).timeout(timeout)
                .command(c -> c.name("pythonshell").scriptLocation(script).pythonVersion("3.9")).glueVersion("3.0"));
    }

    private static void put(S3Client s3, String bucket, String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    @Test
    void aPythonShellJobReadsCsvFromTarnsS3AndWritesParquet(GlueClient glue, S3Client s3, URI endpoint, @TempDir Path dir) throws Exception {
        Scripts.requireClient(List.of("python3", "-c", "import boto3, pyarrow"), "python3 with boto3 and pyarrow");
        s3.createBucket(b -> b.bucket("it-jobs-etl"));
        put(s3, "it-jobs-etl", "in/sales.csv", "id,item,amount\n1,apple,3.5\n2,pear,1.25\n3,fig,7\n");
        s3.putObject(b -> b.bucket("it-jobs-etl").key("scripts/csv_to_parquet.py"),
                RequestBody.fromFile(Path.of(Scripts.script("glue_job_csv_to_parquet.py"))));
        glue.createJob(b -> b.name("it-csv-to-parquet").role(ROLE)
                .command(c -> c.name("pythonshell").scriptLocation("s3://it-jobs-etl/scripts/csv_to_parquet.py"))
                .defaultArguments(Map.of("--source_bucket", "it-jobs-etl", "--source_key", "in/sales.csv",
                        "--target_bucket", "it-jobs-etl", "--target_key", "placeholder"))
                .nonOverridableArguments(Map.of("--target_bucket", "it-jobs-etl")));
        Job job = glue.getJob(b -> b.jobName("it-csv-to-parquet")).job();
        assertThat(job.maxCapacity()).isEqualTo(0.0625);
        assertThat(job.timeout()).isEqualTo(2880);
        assertThat(job.executionProperty().maxConcurrentRuns()).isEqualTo(1);

        String runId = glue.startJobRun(b -> b.jobName("it-csv-to-parquet")
                .arguments(Map.of("--target_key", "out/sales.parquet", "--target_bucket", "elsewhere"))).jobRunId();
        assertThat(runId).matches("jr_[0-9a-f]{64}");
        JobRun run = awaitEnd(glue, "it-csv-to-parquet", runId);
        assertThat(run.jobRunState()).as("%s", run).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(run.arguments()).containsEntry("--target_bucket", "it-jobs-etl").containsEntry("--target_key", "out/sales.parquet");
        assertThat(run.completedOn()).isAfterOrEqualTo(run.startedOn());
        assertThat(run.attempt()).isZero();

        byte[] parquet = s3.getObjectAsBytes(b -> b.bucket("it-jobs-etl").key("out/sales.parquet")).asByteArray();
        assertThat(new String(Arrays.copyOfRange(parquet, 0, 4), StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        Path file = dir.resolve("sales.parquet");
        Files.write(file, parquet);
        Scripts.assertRuns(List.of("python3", "-c", "import sys, pyarrow.parquet as pq; t = pq.read_table(sys.argv[1]); "
                + "assert t.num_rows == 3 and t.column_names == ['id', 'item', 'amount'], t; print('OK')", file.toString()), 120);

        HttpResponse<String> logs = AdminCalls.send(endpoint, "GET", "/_tarn/glue/job-runs/" + runId + "/logs", "");
        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(logs.body()).contains("wrote 3 rows for it-csv-to-parquet");
    }

    @Test
    void aFailingScriptReportsItsErrorAndIsRetried(GlueClient glue, S3Client s3) throws Exception {
        s3.createBucket(b -> b.bucket("it-jobs-fail"));
        put(s3, "it-jobs-fail", "fail.py", "print('starting')\nraise ValueError('the input file is empty')\n");
        glue.createJob(b -> b.name("it-failing").role(ROLE).maxRetries(1)
                .command(c -> c.name("pythonshell").scriptLocation("s3://it-jobs-fail/fail.py")));
        String runId = glue.startJobRun(b -> b.jobName("it-failing")).jobRunId();
        JobRun first = awaitEnd(glue, "it-failing", runId);
        assertThat(first.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(first.errorMessage()).endsWith("ValueError: the input file is empty");
        JobRun retry = awaitEnd(glue, "it-failing", runId + "_attempt_1");
        assertThat(retry.attempt()).isEqualTo(1);
        assertThat(retry.previousRunId()).isEqualTo(runId);
        assertThat(retry.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(glue.getJobRuns(b -> b.jobName("it-failing")).jobRuns()).extracting(JobRun::id)
                .containsExactly(runId + "_attempt_1", runId);
    }

    @Test
    void aRunPastItsTimeoutOnTheEmulatorClockEndsTimeout(GlueClient glue, S3Client s3, URI endpoint) throws Exception {
        s3.createBucket(b -> b.bucket("it-jobs-slow"));
        put(s3, "it-jobs-slow", "slow.py", "import time\nprint('sleeping', flush=True)\ntime.sleep(3600)\n");
        createPythonShellJob(glue, "it-slow", "s3://it-jobs-slow/slow.py", 10);
        String runId = glue.startJobRun(b -> b.jobName("it-slow")).jobRunId();
        awaitState(glue, "it-slow", runId, JobRunState.RUNNING);
        AdminCalls.changeClock(endpoint, "{\"advance\":\"PT11M\"}");
        JobRun run = awaitEnd(glue, "it-slow", runId);
        assertThat(run.jobRunState()).isEqualTo(JobRunState.TIMEOUT);
        assertThat(run.errorMessage()).contains("timed out after 10 minutes");
        assertThat(run.executionTime()).isGreaterThanOrEqualTo(600);
    }

    @Test
    void batchStopJobRunKillsTheProcessAndReportsWhatItCannotStop(GlueClient glue, S3Client s3) throws Exception {
        s3.createBucket(b -> b.bucket("it-jobs-stop"));
        put(s3, "it-jobs-stop", "slow.py", "import time\ntime.sleep(3600)\n");
        createPythonShellJob(glue, "it-stop", "s3://it-jobs-stop/slow.py", null);
        String runId = glue.startJobRun(b -> b.jobName("it-stop")).jobRunId();
        awaitState(glue, "it-stop", runId, JobRunState.RUNNING);
        assertGlueError(() -> glue.startJobRun(b -> b.jobName("it-stop")), "ConcurrentRunsExceededException",
                "Concurrent runs exceeded for it-stop");
        BatchStopJobRunResponse stop = glue.batchStopJobRun(b -> b.jobName("it-stop").jobRunIds(runId, "jr_nope"));
        assertThat(stop.successfulSubmissions()).singleElement().satisfies(s -> assertThat(s.jobRunId()).isEqualTo(runId));
        assertThat(stop.errors()).singleElement().satisfies(e -> {
            assertThat(e.jobRunId()).isEqualTo("jr_nope");
            assertThat(e.errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        });
        assertThat(awaitEnd(glue, "it-stop", runId).jobRunState()).isEqualTo(JobRunState.STOPPED);
    }

    @Test
    void jobRunQueuingKeepsRunsWaitingBeyondMaxConcurrentRunsAndStartsThemInOrder(GlueClient glue, S3Client s3, URI endpoint)
            throws Exception {
        s3.createBucket(b -> b.bucket("it-jobs-queue"));
        put(s3, "it-jobs-queue", "slow.py", "import time\nprint('started', flush=True)\ntime.sleep(3600)\n");
        glue.createJob(b -> b.name("it-queued").role(ROLE).jobRunQueuingEnabled(true).executionProperty(e -> e.maxConcurrentRuns(1))
                .command(c -> c.name("pythonshell").scriptLocation("s3://it-jobs-queue/slow.py").pythonVersion("3.9")));
        assertThat(glue.getJob(b -> b.jobName("it-queued")).job().jobRunQueuingEnabled()).isTrue();
        String first = glue.startJobRun(b -> b.jobName("it-queued")).jobRunId();
        String second = glue.startJobRun(b -> b.jobName("it-queued")).jobRunId();
        String third = glue.startJobRun(b -> b.jobName("it-queued")).jobRunId();
        awaitState(glue, "it-queued", first, JobRunState.RUNNING);
        JobRun waiting = glue.getJobRun(b -> b.jobName("it-queued").runId(second)).jobRun();
        assertThat(waiting.jobRunState()).isEqualTo(JobRunState.WAITING);
        assertThat(waiting.jobRunQueuingEnabled()).isTrue();
        // the job's own setting can be turned off for one run, which then fails as without queuing
        assertGlueError(() -> glue.startJobRun(b -> b.jobName("it-queued").jobRunQueuingEnabled(false)),
                "ConcurrentRunsExceededException", "Concurrent runs exceeded for it-queued");

        assertThat(awaitStdout(endpoint, first)).isEqualToIgnoringWhitespace("started");
        glue.batchStopJobRun(b -> b.jobName("it-queued").jobRunIds(first));
        awaitState(glue, "it-queued", second, JobRunState.RUNNING); // the first in line takes the freed slot
        assertThat(glue.getJobRun(b -> b.jobName("it-queued").runId(third)).jobRun().jobRunState()).isEqualTo(JobRunState.WAITING);
        glue.batchStopJobRun(b -> b.jobName("it-queued").jobRunIds(third, second));
        assertThat(awaitEnd(glue, "it-queued", third).jobRunState()).isEqualTo(JobRunState.STOPPED);
        assertThat(awaitEnd(glue, "it-queued", second).jobRunState()).isEqualTo(JobRunState.STOPPED);

        // a run's logs stay readable with the run, and go with it
        assertThat(AdminCalls.send(endpoint, "GET", "/_tarn/glue/job-runs/" + first + "/logs?stream=stdout", "").body())
                .isEqualToIgnoringWhitespace("started");
        assertThat(awaitEnd(glue, "it-queued", first).jobRunState()).isEqualTo(JobRunState.STOPPED);
        glue.deleteJob(b -> b.jobName("it-queued"));
        assertThat(AdminCalls.send(endpoint, "GET", "/_tarn/glue/job-runs/" + first + "/logs", "").statusCode()).isEqualTo(404);
    }

    @Test
    void additionalPythonModulesArePipInstalledForTheRunAndAFailingInstallFailsIt(GlueClient glue, S3Client s3, URI endpoint,
            @TempDir Path dir) throws Exception {
        // a small pure-Python wheel from this machine's package index (skipped without one), installed offline from a folder
        Process pip = new ProcessBuilder("python3", "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-d",
                dir.toString(), "tabulate").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Assumptions.assumeTrue(pip.waitFor(3, TimeUnit.MINUTES) && pip.exitValue() == 0, "pip cannot download tabulate here");
        s3.createBucket(b -> b.bucket("it-jobs-modules"));
        put(s3, "it-jobs-modules", "table.py", "from tabulate import tabulate\nprint(tabulate([[1, 2]], headers=['a', 'b']))\n");
        glue.createJob(b -> b.name("it-modules").role(ROLE).executionProperty(e -> e.maxConcurrentRuns(2))
                .command(c -> c.name("pythonshell").scriptLocation("s3://it-jobs-modules/table.py").pythonVersion("3.9"))
                .defaultArguments(Map.of("--python-modules-installer-option", "--no-index --find-links " + dir)));
        String ok = glue.startJobRun(b -> b.jobName("it-modules").arguments(Map.of("--additional-python-modules", "tabulate")))
                .jobRunId();
        String missing = glue.startJobRun(b -> b.jobName("it-modules")
                .arguments(Map.of("--additional-python-modules", "tarn-no-such-module==1.0"))).jobRunId();
        assertThat(awaitEnd(glue, "it-modules", ok).jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(awaitStdout(endpoint, ok)).contains("---  ---"); // tabulate's table
        JobRun failed = awaitEnd(glue, "it-modules", missing);
        assertThat(failed.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(failed.errorMessage()).startsWith("Installing --additional-python-modules failed")
                .contains("No matching distribution found for tarn-no-such-module==1.0");
    }

    @Test
    void aSparkJobWithoutSparkFailsAtOnceSayingHowToConfigureIt(GlueClient glue) throws Exception {
        glue.createJob(b -> b.name("it-spark").role(ROLE).glueVersion("4.0").workerType("G.1X").numberOfWorkers(2)
                .command(c -> c.name("glueetl").scriptLocation("s3://it-jobs-none/etl.py")));
        String runId = glue.startJobRun(b -> b.jobName("it-spark")).jobRunId();
        JobRun run = awaitEnd(glue, "it-spark", runId);
        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).contains("--glue-spark-submit");
        assertThat(run.workerTypeAsString()).isEqualTo("G.1X");
    }

    @Test
    void definitionsAreValidatedTaggedListedAndDeleted(GlueClient glue) {
        assertGlueError(() -> glue.createJob(b -> b.name("it-bad").role(ROLE).maxCapacity(2.0)
                .command(c -> c.name("pythonshell").scriptLocation("s3://b/s.py"))), "InvalidInputException", "0.0625 or 1");
        assertGlueError(() -> glue.createJob(b -> b.name("it-bad").role(ROLE).workerType("G.1X")
                .command(c -> c.name("glueetl").scriptLocation("s3://b/s.py"))), "InvalidInputException",
                "Please set both Worker Type and Number of Workers.");
        glue.createJob(b -> b.name("it-tagged").role(ROLE).tags(Map.of("team", "data"))
                .command(c -> c.name("pythonshell").scriptLocation("s3://b/s.py")));
        assertGlueError(() -> glue.createJob(b -> b.name("it-tagged").role(ROLE)
                .command(c -> c.name("pythonshell").scriptLocation("s3://b/s.py"))), "AlreadyExistsException", "it-tagged");
        assertThat(glue.listJobs(b -> b.tags(Map.of("team", "data"))).jobNames()).containsExactly("it-tagged");
        String arn = "arn:aws:glue:us-east-1:000000000000:job/it-tagged";
        glue.tagResource(b -> b.resourceArn(arn).tagsToAdd(Map.of("env", "it")));
        assertThat(glue.getTags(b -> b.resourceArn(arn)).tags()).containsEntry("team", "data").containsEntry("env", "it");
        glue.updateJob(b -> b.jobName("it-tagged").jobUpdate(u -> u.role(ROLE).description("changed")
                .command(c -> c.name("pythonshell").scriptLocation("s3://b/t.py"))));
        Job updated = glue.getJob(b -> b.jobName("it-tagged")).job();
        assertThat(updated.description()).isEqualTo("changed");
        assertThat(updated.command().scriptLocation()).isEqualTo("s3://b/t.py");
        assertThat(glue.batchGetJobs(b -> b.jobNames("it-tagged", "it-none")).jobsNotFound()).containsExactly("it-none");
        glue.deleteJob(b -> b.jobName("it-tagged"));
        assertGlueError(() -> glue.getJob(b -> b.jobName("it-tagged")), "EntityNotFoundException", "it-tagged");
        assertGlueError(() -> glue.getTags(b -> b.resourceArn(arn)), "EntityNotFoundException", "it-tagged");
    }

    @Test
    void aRunCutShortByKillDashNineIsFailedAfterTheRestartAndAWaitingRunStarts(@TempDir Path dir) throws Exception {
        try (TarnProcess tarn = TarnProcess.start(dir.resolve("data"))) {
            String runId;
            String queued;
            try (GlueClient glue = TarnServerExtension.client(GlueClient.class, tarn.endpoint());
                    S3Client s3 = TarnServerExtension.client(S3Client.class, tarn.endpoint())) {
                s3.createBucket(b -> b.bucket("it-jobs-kill"));
                put(s3, "it-jobs-kill", "slow.py", "import os, time\nprint(os.getpid(), flush=True)\ntime.sleep(3600)\n");
                createPythonShellJob(glue, "it-killed", "s3://it-jobs-kill/slow.py", 60);
                runId = glue.startJobRun(b -> b.jobName("it-killed")).jobRunId();
                awaitState(glue, "it-killed", runId, JobRunState.RUNNING);
                queued = glue.startJobRun(b -> b.jobName("it-killed").jobRunQueuingEnabled(true)).jobRunId();
                assertThat(glue.getJobRun(b -> b.jobName("it-killed").runId(queued)).jobRun().jobRunState())
                        .isEqualTo(JobRunState.WAITING);
            }
            long pid = scriptPid(tarn.endpoint(), runId);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            tarn.kill(); // a SIGKILL leaves the run's python3 running, an orphan
            tarn.restart();
            try (GlueClient glue = TarnServerExtension.client(GlueClient.class, tarn.endpoint())) {
                JobRun run = glue.getJobRun(b -> b.jobName("it-killed").runId(runId)).jobRun();
                assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
                assertThat(run.errorMessage()).contains("Tarn stopped");
                assertThat(run.completedOn()).isNotNull();
                assertThat(awaitGone(pid)).as("the orphaned python3 %d is ended", pid).isTrue();
                // the WAITING run had not begun: it is queued again and starts in the slot the failed run left
                awaitState(glue, "it-killed", queued, JobRunState.RUNNING);
                glue.batchStopJobRun(b -> b.jobName("it-killed").jobRunIds(queued));
                assertThat(awaitEnd(glue, "it-killed", queued).jobRunState()).isEqualTo(JobRunState.STOPPED);
            }
        }
    }

    @Test
    void boto3AndTheAwsCliDriveJobs(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "boto3");
        Scripts.assertRuns(List.of("python3", Scripts.script("glue_jobs_boto3_check.py"), endpoint.toString()), 240);
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI");
        Scripts.assertRuns(List.of("bash", Scripts.script("glue_jobs_cli_check.sh"), endpoint.toString()), 240);
    }

    /** The pid the run's script printed first, read from its logs. */
    private static long scriptPid(URI endpoint, String runId) throws Exception {
        return Long.parseLong(awaitStdout(endpoint, runId).trim());
    }

    /** What the run's script has printed once it printed something (bounded wait, as for its state). */
    private static String awaitStdout(URI endpoint, String runId) throws Exception {
        for (int i = 0; i < 1800; i++) {
            String out = AdminCalls.send(endpoint, "GET", "/_tarn/glue/job-runs/" + runId + "/logs?stream=stdout", "").body();
            if (!out.isBlank()) {
                return out;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " printed nothing");
    }

    /** Whether the process ends (a SIGKILL is delivered asynchronously; a zombie awaiting its reaper counts as ended). */
    private static boolean awaitGone(long pid) throws Exception {
        for (int i = 0; i < 300; i++) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            boolean zombie = Files.exists(stat) && Files.readString(stat).replaceFirst(".*\\) ", "").startsWith("Z");
            if (zombie || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static void assertGlueError(Runnable call, String code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GlueException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }
}
