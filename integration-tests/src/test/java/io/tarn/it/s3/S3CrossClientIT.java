package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tarn.it.TarnServerExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * S3 through other clients (scripts in src/test/python): boto3, the AWS CLI, and pyarrow + polars
 * reading and writing Parquet. Each is skipped when its tool or module is not installed; each
 * script runs under a time limit and is killed past it.
 */
@ExtendWith(TarnServerExtension.class)
class S3CrossClientIT {

    private static final Path SCRIPTS = Path.of("src/test/python");

    @Test
    void boto3(URI endpoint) throws Exception {
        assumeTrue(succeeds(List.of("python3", "-c", "import boto3")), "python3 with boto3 is not installed");
        assertRuns(List.of("python3", SCRIPTS.resolve("s3_boto3_check.py").toString(), endpoint.toString()), 180);
    }

    @Test
    void awsCli(URI endpoint) throws Exception {
        assumeTrue(succeeds(List.of("aws", "--version")), "the AWS CLI is not installed");
        assertRuns(List.of("bash", SCRIPTS.resolve("s3_cli_check.sh").toString(), endpoint.toString()), 240);
    }

    @Test
    void pyarrowAndPolarsParquet(URI endpoint) throws Exception {
        assumeTrue(succeeds(List.of("python3", "-c", "import boto3, pyarrow.fs, polars")),
                "python3 with boto3, pyarrow and polars is not installed (pip install pyarrow polars)");
        assertRuns(List.of("python3", SCRIPTS.resolve("s3_parquet_check.py").toString(), endpoint.toString()), 180);
    }

    private static void assertRuns(List<String> command, long timeoutSeconds) throws Exception {
        Path out = Files.createTempFile("tarn-s3-cross-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(finished).as("%s finished within %d s; output:%n%s", command, timeoutSeconds, output).isTrue();
            assertThat(p.exitValue()).as("exit code of %s; output:%n%s", command, output).isZero();
            assertThat(output).contains("OK");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<byte[]> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
                return false;
            }
            drained.join();
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
