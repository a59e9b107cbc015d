package io.tarn.benchmark;

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

/** A server jar started as a process for a measurement, with its RSS read from /proc. */
final class ServerUnderTest implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    private final Process process;
    private final int port;
    private final long startedNanos;
    private final long healthyNanos;

    private ServerUnderTest(Process process, int port, long startedNanos, long healthyNanos) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
        this.healthyNanos = healthyNanos;
    }

    static ServerUnderTest start(Path jar, List<String> jvmArgs, List<String> args) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(port)));
        cmd.addAll(args);
        Path log = Files.createTempFile("tarn-bench-", ".log");
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI health = URI.create("http://127.0.0.1:" + port + "/_tarn/health");
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("server exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(60)) {
                p.destroyForcibly();
                throw new IllegalStateException("server not healthy after 60 s: " + Files.readString(log));
            }
            Thread.sleep(10); // a poll every 10 ms: a tighter loop would steal the CPU the start needs
        }
        return new ServerUnderTest(p, port, started, System.nanoTime());
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    double startupMillis() {
        return (healthyNanos - startedNanos) / 1e6;
    }

    /** Resident set size of the server process, in MiB (Linux). */
    double rssMiB() {
        return rssMiB(process.pid());
    }

    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** CPU time (user + system) the server process has used so far, in seconds (Linux, 100 ticks a second). */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ... utime(11) stime(12)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
