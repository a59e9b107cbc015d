package io.tarn.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Clients that abandon large GETs: half close the connection after the first 64 KiB of the body,
 * half read the response head and never the body, then drop the connection. Between rounds the
 * server is made to collect garbage, and its RSS and native memory are printed: both should stay
 * flat however many downloads are abandoned. Also counts what the server logged.
 */
@Command(name = "abandon", description = "Abandons thousands of large GETs; prints server RSS and direct memory before and after.")
final class AbandonBenchmark implements Callable<Integer> {

    private static final Pattern OTHER = Pattern.compile("Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
    private static final Pattern TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final int BODY_READ_BEFORE_CLOSE = 64 * 1024;

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar to start.")
    Path jar;

    @Option(names = "--object-mib", defaultValue = "16", description = "Size of the object whose downloads are abandoned.")
    int objectMiB;

    @Option(names = "--per-round", defaultValue = "1000", description = "Downloads abandoned per round.")
    int perRound;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds; memory is printed after each.")
    int rounds;

    @Option(names = "--connections", defaultValue = "16", description = "Downloads abandoned at once.")
    int connections;

    @Option(names = "--jvm-arg", description = "Extra JVM argument for the server (repeatable), e.g. -Dio.netty.leakDetection.level=paranoid.")
    List<String> jvmArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("tarn-abandon-bench-");
        List<String> serverJvm = new ArrayList<>(List.of("-XX:NativeMemoryTracking=summary"));
        serverJvm.addAll(jvmArgs);
        try (ServerUnderTest server = ServerUnderTest.start(jar, serverJvm, List.of("--data-dir", dataDir.toString()))) {
            URI target = server.endpoint();
            request(target, "PUT /abandon HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n", new byte[0]);
            byte[] object = new byte[objectMiB << 20];
            new Random(7).nextBytes(object);
            request(target, "PUT /abandon/big HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + object.length + "\r\n\r\n", object);
            for (int i = 0; i < 3; i++) { // a few whole GETs first: the pools and the JIT are warm before the baseline
                wholeGet(target);
            }
            System.out.printf("object %d MiB; %d downloads abandoned per round, %d at once (half closed mid-body, half never read)%n",
                    objectMiB, perRound, connections);
            System.out.printf("%-8s %10s %10s %22s %22s %8s%n", "round", "abandoned", "seconds", "server RSS (MiB)",
                    "NMT Other (MiB)", "NMT total");
            report(server, "before", 0, 0);
            int abandoned = 0;
            for (int round = 1; round <= rounds; round++) {
                long started = System.nanoTime();
                abandoned += abandon(target, perRound);
                report(server, Integer.toString(round), abandoned, (System.nanoTime() - started) / 1e9);
            }
            wholeGet(target); // it still answers, whole and right
            String log = Files.readString(server.log());
            System.out.printf("server log: %d LEAK reports, %d WARN, %d ERROR, %d lines naming an exception%n",
                    count(log, "LEAK:"), count(log, " WARN "), count(log, " ERROR "), count(log, "Exception"));
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /** The server's RSS and native memory after a full collection (leaked Netty buffers are freed only by their pool). */
    private static void report(ServerUnderTest server, String round, int abandoned, double seconds) throws Exception {
        jcmd(server.pid(), "GC.run");
        String nmt = jcmd(server.pid(), "VM.native_memory", "summary");
        System.out.printf("%-8s %10d %10.1f %22.1f %22.1f %8.1f%n", round, abandoned, seconds, server.rssMiB(),
                kib(OTHER, nmt) / 1024.0, kib(TOTAL, nmt) / 1024.0);
    }

    private int abandon(URI target, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(pool.submit(() -> {
                    int mine = 0;
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        abandonOne(target, i % 2 == 0);
                        mine++;
                    }
                    return mine;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(10, TimeUnit.MINUTES);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One GET, abandoned after the head (never reading the body) or after the body's first 64 KiB. */
    private static void abandonOne(URI target, boolean readSome) throws IOException {
        try (Socket socket = connect(target)) {
            socket.getOutputStream().write("GET /abandon/big HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            readHead(in);
            if (readSome) {
                in.readNBytes(BODY_READ_BEFORE_CLOSE);
            } else {
                sleep(20); // the server fills the socket buffers and waits for a reader that never comes
            }
            socket.setSoLinger(true, 0); // drop the connection with unread bytes, as a killed client does
        }
    }

    private void wholeGet(URI target) throws IOException {
        try (Socket socket = connect(target)) {
            socket.getOutputStream().write("GET /abandon/big HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            long length = in.readNBytes(objectMiB << 20).length;
            if (!head.startsWith("HTTP/1.1 200") || length != (long) objectMiB << 20) {
                throw new IllegalStateException("a whole GET failed: " + head + ", " + length + " bytes");
            }
        }
    }

    private static void request(URI target, String head, byte[] body) throws IOException {
        try (Socket socket = connect(target)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = readHead(socket.getInputStream());
            if (!answer.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("set-up request failed: " + answer);
            }
        }
    }

    private static Socket connect(URI target) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static long kib(Pattern pattern, String nmt) {
        Matcher m = pattern.matcher(nmt);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
