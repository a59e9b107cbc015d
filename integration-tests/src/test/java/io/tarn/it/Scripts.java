package io.tarn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the cross-client scripts of src/test/python (boto3, the AWS CLI, pyarrow): each under a
 * time limit, killed past it, and passing only when it exits 0 and prints OK. A test whose client
 * is not installed is skipped on a developer's machine, but fails under CI ({@code CI=true}, as
 * {@code .ci/run} sets it), so a missing client can never leave CI green.
 */
public final class Scripts {

    public static final Path DIR = Path.of("src/test/python");
    /** The repository's root: Maven runs the tests in this module's directory, one level down. */
    public static final Path REPO_ROOT = Path.of("..");
    /** Probes: each exits 0 when its client is installed. */
    public static final List<String> BOTO3 = List.of("python3", "-c", "import boto3");
    public static final List<String> AWS_CLI = List.of("aws", "--version");

    /** Whether this is a CI run, where every cross-client test must run. */
    static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private Scripts() {}

    public static String script(String name) {
        return DIR.resolve(name).toString();
    }

    /** A script outside this module, by its path from the repository's root ({@code examples/pipeline/pipeline.py}). */
    public static String fromRepoRoot(String path) {
        Path script = REPO_ROOT.resolve(path).normalize();
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no " + path + " under the repository root " + REPO_ROOT.toAbsolutePath().normalize());
        }
        return script.toString();
    }

    /** Runs {@code command}; fails the test with its output unless it finished in time, exited 0 and printed OK. */
    public static void assertRuns(List<String> command, long timeoutSeconds) throws Exception {
        Path out = Files.createTempFile("tarn-script-", ".log");
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

    /**
     * Skips the calling test unless {@code probe} shows its client installed; under CI fails it instead.
     *
     * @param missing what is not installed, for the report
     */
    public static void requireClient(List<String> probe, String missing) {
        if (available(probe)) {
            return;
        }
        if (CI) {
            Assertions.fail(missing + ": CI=true, where a cross-client test may not be skipped (.ci/run installs the clients)");
        }
        Assumptions.abort(missing);
    }

    /** Whether {@code command} runs and exits 0 within a minute (is a tool or module installed?). */
    public static boolean available(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<byte[]> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
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
