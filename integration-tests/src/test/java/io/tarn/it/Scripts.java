package io.tarn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the cross-client scripts of src/test/python (boto3, the AWS CLI, pyarrow): each under a
 * time limit, killed past it, and passing only when it exits 0 and prints OK.
 */
public final class Scripts {

    public static final Path DIR = Path.of("src/test/python");

    private Scripts() {}

    public static String script(String name) {
        return DIR.resolve(name).toString();
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
