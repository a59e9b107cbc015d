package io.tarn.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server jar started as a separate process on a free port, for black-box tests: it can be
 * stopped with SIGTERM or killed with SIGKILL and started again on the same data dir.
 */
public final class TarnProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final List<String> jvmOptions;
    private final List<String> extraArgs;
    private final Path log;
    private Process process;
    private int port;

    private TarnProcess(Path dataDir, List<String> jvmOptions, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.extraArgs = List.copyOf(extraArgs);
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /** Starts the server on {@code dataDir} with {@code extraArgs}; returns once it is healthy. */
    public static TarnProcess start(Path dataDir, String... extraArgs) {
        return startWithJvmOptions(dataDir, List.of(), extraArgs);
    }

    /** As {@link #start}, with options for the server's JVM ({@code -Dio.netty.leakDetection.level=paranoid}). */
    public static TarnProcess startWithJvmOptions(Path dataDir, List<String> jvmOptions, String... extraArgs) {
        TarnProcess p = new TarnProcess(dataDir, jvmOptions, List.of(extraArgs));
        p.launch();
        return p;
    }

    public static Path serverJar() {
        Path jar = Path.of(System.getProperty("tarn.server.jar", "../emulator-server/target/tarn-server.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("server jar not found at " + jar.toAbsolutePath() + ": run mvn package first");
        }
        return jar;
    }

    private void launch() {
        port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", serverJar().toString(), "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        cmd.addAll(extraArgs);
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd, e);
        }
        awaitHealthy(Duration.ofSeconds(60));
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; log:\n" + logText());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/_tarn/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        throw new IllegalStateException("the server did not become healthy in " + timeout + "; log:\n" + logText());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: a clean shutdown. */
    public void stop() {
        process.destroy();
        waitFor();
    }

    /** Starts the server again on the same data dir and port range. */
    public void restart() {
        if (process.isAlive()) {
            stop();
        }
        launch();
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
