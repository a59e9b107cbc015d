package io.tarn.glue.engine.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.ErrorCode;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.glue.model.JobDefinition.Command;
import io.tarn.glue.model.JobRunRecord;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes with the machine's python3: the arguments and environment Glue gives, exits, logs, kills. */
class ProcessLauncherTest {

    private static final Namespace NS = new Namespace("000000000000", "eu-west-1");
    /** Long enough for a loaded machine to start Python; a run that takes it fails the test rather than racing it. */
    private static final long WAIT_SECONDS = 120;

    @TempDir
    Path dir;
    private final Map<String, byte[]> objects = new LinkedHashMap<>();
    private final ExecutorService io = Executors.newCachedThreadPool();

    /** S3's port over a map, reads only: what the launcher fetches scripts through. */
    private final ObjectStorePort s3 = new ObjectStorePort() {
        @Override
        public ObjectPage list(String bucket, String prefix, @Nullable String startAfter, int maxKeys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ObjectSummary head(String bucket, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream read(String bucket, String key, long offset, long length) {
            byte[] bytes = objects.get(bucket + "/" + key);
            if (bytes == null) {
                throw ErrorCode.of("NoSuchKey", 404).exception("The specified key does not exist.");
            }
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public String write(String bucket, String key, String contentType, @Nullable String kmsKeyId, BodyWriter body) {
            throw new UnsupportedOperationException();
        }
    };

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    private ProcessLauncher launcher(@Nullable String sparkSubmit) {
        return new ProcessLauncher(new LaunchSettings("python3", sparkSubmit, null, dir.resolve("runs")), () -> Optional.of(s3),
                () -> URI.create("http://127.0.0.1:4566"), key -> new RunCredentials(key == null ? "test" : key, "secret", null), io);
    }

    private void script(String key, String text) {
        objects.put("scripts/" + key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static JobRunRecord run(String id, String command, Map<String, String> arguments) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        return new JobRunRecord(id, "etl", 0, null, null, JobRunRecord.STARTING, now, now, null, null, arguments, null,
                new JobRunRecord.RunSettings(new Command(command, "s3://scripts/job.py", "3", null), 5, 0.0625, 0, null, null, null,
                        null, "SCRIPT", null, 0, null), "AKIDCALLER", null, java.util.List.of());
    }

    private JobLauncher.RunExit launchAndWait(JobRunRecord run, @Nullable String bookmark) throws Exception {
        CompletableFuture<JobLauncher.RunExit> exit = new CompletableFuture<>();
        launcher(null).launch(new JobLauncher.RunRequest(NS, run, bookmark), exit::complete);
        return exit.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aScriptGetsGluesArgumentsTarnsEnvironmentAndAwsglue() throws Exception {
        script("job.py", String.join("\n",
                "import os, sys",
                "from awsglue.utils import getResolvedOptions",
                "from awsglue import bookmark",
                "args = getResolvedOptions(sys.argv, ['JOB_NAME', 'JOB_RUN_ID', 'day'])",
                "print(args['JOB_NAME'], args['JOB_RUN_ID'], args['day'])",
                "print(os.environ['AWS_ENDPOINT_URL'], os.environ['AWS_REGION'], os.environ['AWS_ACCESS_KEY_ID'])",
                "print(bookmark.get())",
                "bookmark.put({'offset': bookmark.get()['offset'] + 1})"));
        JobLauncher.RunExit exit = launchAndWait(run("jr_aa", "pythonshell", Map.of("--day", "2025-01-01")), "{\"offset\": 4}");
        assertThat(exit.succeeded()).isTrue();
        assertThat(exit.bookmark()).isEqualTo("{\"offset\": 5}");
        assertThat(Files.readString(dir.resolve("runs/jr_aa/stdout.log"))).isEqualTo(
                "etl jr_aa 2025-01-01\nhttp://127.0.0.1:4566 eu-west-1 AKIDCALLER\n{'offset': 4}\n");
    }

    @Test
    void aFailingScriptReportsTheLastLinesOfStderr() throws Exception {
        script("job.py", "import sys\nfrom awsglue.utils import getResolvedOptions\ngetResolvedOptions(sys.argv, ['missing'])\n");
        JobLauncher.RunExit exit = launchAndWait(run("jr_bb", "pythonshell", Map.of()), null);
        assertThat(exit.succeeded()).isFalse();
        assertThat(exit.errorMessage()).contains("GlueArgumentError").contains("--missing");
        assertThat(exit.errorMessage().lines().count()).isLessThanOrEqualTo(ProcessLauncher.ERROR_LINES);
        script("job.py", "import sys\nsys.exit(3)\n");
        assertThat(launchAndWait(run("jr_cc", "pythonshell", Map.of()), null).errorMessage()).isEqualTo("Command failed with exit code 3");
    }

    @Test
    void extraPyFilesAreFetchedOntoThePath() throws Exception {
        objects.put("libs/helpers.py", "def answer():\n    return 42\n".getBytes(StandardCharsets.UTF_8));
        script("job.py", "import helpers\nprint(helpers.answer())\n");
        JobLauncher.RunExit exit = launchAndWait(run("jr_dd", "pythonshell", Map.of("--extra-py-files", "s3://libs/helpers.py")), null);
        assertThat(exit.succeeded()).isTrue();
        assertThat(Files.readString(dir.resolve("runs/jr_dd/stdout.log"))).isEqualTo("42\n");
    }

    @Test
    void theFetchedFilesGoWhenTheProcessEndsAndTheLogsWhenTheRunIsForgotten() throws Exception {
        objects.put("libs/helpers.py", "def answer():\n    return 42\n".getBytes(StandardCharsets.UTF_8));
        script("job.py", "import helpers\nprint(helpers.answer())\n");
        JobRunRecord run = run("jr_ee", "pythonshell", Map.of("--extra-py-files", "s3://libs/helpers.py"));
        CompletableFuture<JobLauncher.RunExit> exit = new CompletableFuture<>();
        ProcessLauncher launcher = launcher(null);
        launcher.launch(new JobLauncher.RunRequest(NS, run, null), exit::complete);
        assertThat(exit.get(WAIT_SECONDS, TimeUnit.SECONDS).succeeded()).isTrue();
        Path runDir = dir.resolve("runs/jr_ee");
        try (var left = Files.list(runDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("stdout.log", "stderr.log");
        }
        launcher.forget("jr_ee");
        assertThat(runDir).doesNotExist();
    }

    /**
     * A small pure-Python wheel from the machine's package index, or the test is skipped (no pip, no index):
     * the runs below install it with {@code --no-index --find-links}, so they need no network.
     */
    private Path downloadedWheel(String project) throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        Process pip = new ProcessBuilder("python3", "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-d",
                wheels.toString(), project).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean done = pip.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        Assumptions.assumeTrue(done && pip.exitValue() == 0, "pip cannot download " + project + " from this machine's index");
        try (var files = Files.list(wheels)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".whl")).findFirst().orElseThrow();
        }
    }

    @Test
    void additionalPythonModulesArePipInstalledOncePerSetAndFailingInstallsReportPip() throws Exception {
        Path wheel = downloadedWheel("tabulate");
        String offline = "--no-index --find-links " + wheel.getParent();
        script("job.py", "import tabulate\nprint(tabulate.__file__)\n");
        Map<String, String> arguments = Map.of("--additional-python-modules", "tabulate", "--python-modules-installer-option", offline);
        assertThat(launchAndWait(run("jr_m1", "pythonshell", arguments), null).succeeded()).isTrue();
        Path modules = dir.resolve("runs/python-modules");
        assertThat(Files.readString(dir.resolve("runs/jr_m1/stdout.log"))).startsWith(modules.toString());
        assertThat(Files.readString(dir.resolve("runs/jr_m1/install.log"))).contains("Successfully installed tabulate");

        // the same set again: installed already, pip does not run
        assertThat(launchAndWait(run("jr_m2", "pythonshell", arguments), null).succeeded()).isTrue();
        assertThat(dir.resolve("runs/jr_m2/install.log")).doesNotExist();
        try (var sets = Files.list(modules)) {
            assertThat(sets).hasSize(1);
        }

        // a wheel from S3, as Glue takes one
        objects.put("libs/" + wheel.getFileName(), Files.readAllBytes(wheel));
        assertThat(launchAndWait(run("jr_m3", "pythonshell", Map.of("--additional-python-modules", "s3://libs/" + wheel.getFileName(),
                "--python-modules-installer-option", offline)), null).succeeded()).isTrue();
        assertThat(dir.resolve("runs/jr_m3/modules")).doesNotExist(); // the fetched wheel goes with the process

        JobRunRecord failing = run("jr_m4", "pythonshell", Map.of("--additional-python-modules", "tarn-no-such-module==1.0",
                "--python-modules-installer-option", offline));
        assertThatThrownBy(() -> launcher(null).launch(new JobLauncher.RunRequest(NS, failing, null), exit -> { }))
                .isInstanceOf(JobLauncher.LaunchException.class)
                .hasMessageStartingWith("Installing --additional-python-modules failed (pip exit code 1)")
                .hasMessageContaining("No matching distribution found for tarn-no-such-module==1.0");
        try (var sets = Files.list(modules)) {
            assertThat(sets).hasSize(2); // the failed install left nothing
        }
    }

    @Test
    void outputBeyondTheBoundKeepsTheHeadAndTheTail() throws Exception {
        script("job.py", "import sys\nfor i in range(40000):\n    print('line %06d' % i + 'x' * 40)\n");
        assertThat(launchAndWait(run("jr_ee", "pythonshell", Map.of()), null).succeeded()).isTrue();
        String log = Files.readString(dir.resolve("runs/jr_ee/stdout.log"));
        assertThat(log.length()).isLessThan(BoundedLog.HEAD + BoundedLog.TAIL + 100);
        assertThat(log).startsWith("line 000000").contains("bytes left out").endsWith("line 039999" + "x".repeat(40) + "\n");
    }

    @Test
    void killEndsTheProcess() throws Exception {
        script("job.py", "import time\nprint('started', flush=True)\ntime.sleep(600)\n");
        CompletableFuture<JobLauncher.RunExit> exit = new CompletableFuture<>();
        JobLauncher.Launched launched = launcher(null).launch(new JobLauncher.RunRequest(NS, run("jr_ff", "pythonshell", Map.of()), null),
                exit::complete);
        assertThat(launched.pid()).isNotNull();
        launched.kill();
        assertThat(exit.get(WAIT_SECONDS, TimeUnit.SECONDS).succeeded()).isFalse();
        assertThat(ProcessHandle.of(launched.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void sparkJobsWithoutSparkAndMissingScriptsCannotLaunch() {
        assertThatThrownBy(() -> launcher(null).launch(new JobLauncher.RunRequest(NS, run("jr_gg", "glueetl", Map.of()), null), e -> { }))
                .hasMessageContaining("--glue-spark-submit");
        assertThatThrownBy(() -> launcher(null).launch(new JobLauncher.RunRequest(NS, run("jr_hh", "pythonshell", Map.of()), null),
                e -> { })).hasMessageContaining("Could not read s3://scripts/job.py");
    }
}
