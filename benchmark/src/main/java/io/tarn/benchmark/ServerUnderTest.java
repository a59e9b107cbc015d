package io.tarn.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server jar started as a process for a measurement, with its RSS read from /proc. */
final class ServerUnderTest implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;
    private final long startedNanos;
    private final long healthyNanos;

    private ServerUnderTest(Process process, Path log, int port, long startedNanos, long healthyNanos) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.startedNanos = startedNanos;
        this.healthyNanos = healthyNanos;
    }

    /**
     * The JVM options ./tarn and the Docker image start the server with; {@code -Dtarn.jvmOptions=none}
     * measures a plain {@code java -jar} instead.
     */
    private static final String LAUNCH_OPTIONS = System.getProperty("tarn.jvmOptions", "emulator-server/jvm.options");

    /**
     * Starts {@code jar} with {@code args}; S3's access control is off unless they say otherwise,
     * since the load generators send raw unsigned requests, which it would take as anonymous.
     */
    static ServerUnderTest start(Path jar, List<String> jvmArgs, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(launchOptions());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString()));
        List<String> serverArgs = new ArrayList<>(args);
        if (!serverArgs.contains("--s3-access-control")) {
            serverArgs.addAll(List.of("--s3-access-control", "off"));
        }
        return launch(cmd, serverArgs);
    }

    /** The JVM arguments that read the launch options file ({@code @file}), or none. */
    static List<String> launchOptions() {
        if (LAUNCH_OPTIONS.equals("none")) {
            return List.of();
        }
        if (!Files.isRegularFile(Path.of(LAUNCH_OPTIONS))) {
            throw new IllegalStateException(LAUNCH_OPTIONS + " not found: run from the repository root, "
                    + "or pass -Dtarn.jvmOptions=FILE (none: no options)");
        }
        return List.of("@" + LAUNCH_OPTIONS);
    }

    /** The JDK's bare HTTP server, started as a process the same way, for comparison. */
    static ServerUnderTest startBare() throws IOException, InterruptedException {
        String classPath = Path.of(System.getProperty("java.class.path")).toString();
        return launch(List.of("-cp", classPath, BareHttpServer.class.getName()), List.of());
    }

    /** Runs {@code java <javaArgs> --port <free port> <args>} and waits for /_tarn/health to answer 200. */
    private static ServerUnderTest launch(List<String> javaArgs, List<String> args) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(javaArgs);
        cmd.addAll(List.of("--port", Integer.toString(port)));
        cmd.addAll(args);
        Path log = Files.createTempFile("tarn-bench-", ".log");
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("server exited: " + Files.readString(log));
            }
            if (healthy(port)) {
                break;
            }
            if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(60)) {
                p.destroyForcibly();
                throw new IllegalStateException("server not healthy after 60 s: " + Files.readString(log));
            }
            Thread.sleep(10); // a poll every 10 ms: a tighter loop would steal the CPU the start needs
        }
        return new ServerUnderTest(p, log, port, started, System.nanoTime());
    }

    /**
     * One GET of /_tarn/health over a plain socket: a full HTTP client in this process would take
     * CPU from the start it measures (the two share the machine's cores).
     */
    private static boolean healthy(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /_tarn/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes("HTTP/1.1 200".length());
            return new String(status, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
        } catch (IOException notYet) {
            return false; // not listening yet
        }
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
        return statusMiB(pid, "VmRSS:");
    }

    /** The highest resident set size the server process has had so far ("high water mark"), in MiB (Linux). */
    double peakRssMiB() {
        return statusMiB(process.pid(), "VmHWM:");
    }

    /** A kB figure of /proc/<pid>/status, in MiB. */
    private static double statusMiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
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

    /** The server's output (its log), kept after it stops. */
    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
