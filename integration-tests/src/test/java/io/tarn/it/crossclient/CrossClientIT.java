package io.tarn.it.crossclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tarn.it.TarnServerExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same flows through boto3 and the AWS CLI (scripts in src/test/python), skipped when the
 * machine has no python3 with boto3 or no aws command.
 */
@ExtendWith(TarnServerExtension.class)
class CrossClientIT {

    private static final Path SCRIPTS = Path.of("src/test/python");

    @Test
    void boto3(URI endpoint) throws Exception {
        assumeTrue(succeeds(List.of("python3", "-c", "import boto3")), "python3 with boto3 is not installed");
        assertRuns(List.of("python3", SCRIPTS.resolve("kms_sts_boto3.py").toString(), endpoint.toString()));
    }

    @Test
    void awsCli(URI endpoint) throws Exception {
        assumeTrue(succeeds(List.of("aws", "--version")), "the AWS CLI is not installed");
        assertRuns(List.of("bash", SCRIPTS.resolve("kms_sts_cli.sh").toString(), endpoint.toString()));
    }

    private static void assertRuns(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = p.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("finished in time: %s", output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
