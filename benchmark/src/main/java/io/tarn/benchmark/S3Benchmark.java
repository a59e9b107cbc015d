package io.tarn.benchmark;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 throughput with data on disk: small and large PUT/GET through a raw HTTP client (unsigned
 * requests, lenient auth), a full ListObjectsV2 walk, the server's RSS after it all, a 5 GiB PUT
 * to a server whose heap is capped at 256 MiB, and what the SDK v2 client sees.
 */
@Command(name = "s3", description = "S3 PUT/GET/list throughput, memory, and a 5 GiB PUT under a 256 MiB heap.")
final class S3Benchmark implements Callable<Integer> {

    private static final byte[] NEXT_TOKEN = "<NextContinuationToken>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_TOKEN = "</NextContinuationToken>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = "<Key>".getBytes(StandardCharsets.US_ASCII);

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar to start.")
    Path jar;

    @Option(names = "--connections", defaultValue = "16", description = "Raw client connections for small objects.")
    int connections;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds per small-object measurement.")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10",
            description = "Seconds of warm-up before each measurement of small or large objects (the JIT compiles for ~15 s after a start).")
    double warmupSeconds;

    @Option(names = "--large-mib", defaultValue = "64", description = "Size of the large objects.")
    int largeMiB;

    @Option(names = "--large-count", defaultValue = "16", description = "Large objects to PUT (then GET).")
    int largeCount;

    @Option(names = "--list-keys", defaultValue = "10000", description = "Keys in the bucket the listing walks.")
    int listKeys;

    @Option(names = "--huge-gib", defaultValue = "5", description = "Size of the single PUT to a 256 MiB-heap server (0 to skip).")
    int hugeGiB;

    @Option(names = "--sdk-threads", defaultValue = "16", description = "Threads of the SDK v2 run (0 to skip).")
    int sdkThreads;

    @Option(names = "--jvm-arg", description = "Extra JVM argument for the server (repeatable), e.g. -Dtarn.s3.inlineThreshold=65536.")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--endpoint", description = "Measure a running server (lenient auth) instead of starting one.")
    URI endpoint;

    @Option(names = "--skip-large", description = "Skip the large-object and listing runs.")
    boolean skipLarge;

    @Option(names = "--list-only", description = "Only the listing run (fill the bucket, then the timed walks).")
    boolean listOnly;

    @Override
    public Integer call() throws Exception {
        if (endpoint != null) {
            createBuckets(endpoint);
            if (listOnly) {
                list(null, endpoint);
                return 0;
            }
            small(null, endpoint);
            if (!skipLarge) {
                large(endpoint);
                list(null, endpoint);
            }
            return 0;
        }
        Path dataDir = java.nio.file.Files.createTempDirectory("tarn-s3-bench-");
        try (ServerUnderTest server = ServerUnderTest.start(jar, jvmArgs, List.of("--data-dir", dataDir.toString()))) {
            URI target = server.endpoint();
            createBuckets(target);
            System.out.printf("data on disk in %s; raw HTTP/1.1 client%n", dataDir);
            if (listOnly) {
                list(server, target);
                return 0;
            }
            small(server, target);
            if (!skipLarge) {
                large(target);
                list(server, target);
            }
            System.out.printf("server RSS after the runs: %.1f MiB%n", server.rssMiB());
            if (sdkThreads > 0) {
                sdk(target);
            }
        } finally {
            deleteTree(dataDir);
        }
        if (hugeGiB > 0) {
            huge();
        }
        return 0;
    }

    private static void createBuckets(URI target) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String bucket : List.of("small", "large", "list")) {
            http.send(HttpRequest.newBuilder(target.resolve("/" + bucket)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private void small(ServerUnderTest server, URI target) throws InterruptedException {
        byte[] body = new byte[4096];
        new Random(1).nextBytes(body);
        // warm-up, then the measured PUTs of distinct keys
        RawHttpLoad.run(target, connections, warmupSeconds, Long.MAX_VALUE, n -> put(target, "/small/warm-" + n, body));
        CpuUse putCpu = CpuUse.start(server);
        RawHttpLoad.Result puts = RawHttpLoad.run(target, connections, seconds, Long.MAX_VALUE, n -> put(target, "/small/k" + n, body));
        print("PUT 4 KiB", puts, connections, putCpu);
        long stored = puts.requests();
        RawHttpLoad.run(target, connections, warmupSeconds, Long.MAX_VALUE, n -> get(target, "/small/k" + (n % stored)));
        CpuUse getCpu = CpuUse.start(server);
        RawHttpLoad.Result gets = RawHttpLoad.run(target, connections, seconds, Long.MAX_VALUE, n -> get(target, "/small/k" + (n % stored)));
        print("GET 4 KiB", gets, connections, getCpu);
    }

    private void large(URI target) throws InterruptedException {
        byte[] bytes = new byte[largeMiB << 20];
        new Random(2).nextBytes(bytes);
        ByteBuf body = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        int conns = 2;
        RawHttpLoad.Result puts;
        try {
            // As long a warm-up as the small objects get: the JIT compiles the path of a body that
            // arrives in direct buffers (AES-GCM's intrinsics included) only after some seconds of it.
            RawHttpLoad.run(target, conns, warmupSeconds, Long.MAX_VALUE, n -> put(target, "/large/warm" + (n % 4), body.retainedDuplicate()));
            puts = RawHttpLoad.run(target, conns, 600, largeCount, n -> put(target, "/large/o" + n, body.retainedDuplicate()));
        } finally {
            body.release();
        }
        System.out.printf("  PUT %d MiB  x%-4d %8.0f MiB/s  p50 %7.1f ms  errors %d (%d connections)%n", largeMiB, puts.requests(),
                puts.requests() * (double) largeMiB / puts.seconds(), puts.latencies().percentileMillis(50), puts.errors(), conns);
        RawHttpLoad.run(target, conns, warmupSeconds, Long.MAX_VALUE, n -> get(target, "/large/o" + (n % largeCount)));
        RawHttpLoad.Result gets = RawHttpLoad.run(target, conns, 600, largeCount * 2L, n -> get(target, "/large/o" + (n % largeCount)));
        System.out.printf("  GET %d MiB  x%-4d %8.0f MiB/s  p50 %7.1f ms  errors %d (%d connections)%n", largeMiB, gets.requests(),
                gets.responseBytes() / 1048576.0 / gets.seconds(), gets.latencies().percentileMillis(50), gets.errors(), conns);
    }

    private void list(ServerUnderTest server, URI target) throws Exception {
        byte[] body = "x".getBytes(StandardCharsets.US_ASCII);
        RawHttpLoad.Result filled = RawHttpLoad.run(target, connections, 600, listKeys,
                n -> put(target, String.format("/list/dir%02d/key-%06d", n % 20, n), body));
        try (BlockingHttpConnection http = new BlockingHttpConnection(target)) {
            // the same timed warm-up as the other measurements: two walks (20 pages) left the
            // server's listing path to the interpreter and C1, and the figure varied 3x from run to run
            long warmUntil = System.nanoTime() + (long) (warmupSeconds * 1e9);
            for (int w = 0; w < 2 || System.nanoTime() < warmUntil; w++) {
                walk(http, 1);
            }
            int walks = 20;
            CpuUse cpu = CpuUse.start(server);
            long started = System.nanoTime();
            long keys = walk(http, walks);
            double secs = (System.nanoTime() - started) / 1e9;
            System.out.printf("  ListObjectsV2 walk of %d keys (%d errors filling), %d walks: %8.0f keys/s (%s)%n", listKeys,
                    filled.errors(), walks, keys / secs, cpu.report(walks * ((listKeys + 999) / 1000), "page"));
        }
    }

    /**
     * Walks the listing bucket {@code walks} times by pages of 1,000; the keys seen. One keep-alive
     * HTTP/1.1 connection, pages scanned as bytes: the JDK HttpClient (an h2c upgrade, then HTTP/2
     * flow control over a 200 KB page) and regexes over decoded strings cost as much as the server.
     */
    private static long walk(BlockingHttpConnection http, int walks) throws Exception {
        long keys = 0;
        for (int w = 0; w < walks; w++) {
            String token = null;
            do {
                String uri = "/list?list-type=2&max-keys=1000"
                        + (token == null ? "" : "&continuation-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
                int status = http.get(uri);
                if (status != 200) {
                    throw new IllegalStateException("listing answered " + status + ": " + http.bodyText());
                }
                byte[] page = http.body();
                int length = http.bodyLength();
                for (int at = indexOf(page, length, KEY, 0); at >= 0; at = indexOf(page, length, KEY, at + KEY.length)) {
                    keys++;
                }
                int open = indexOf(page, length, NEXT_TOKEN, 0);
                if (open < 0) {
                    token = null;
                } else {
                    int from = open + NEXT_TOKEN.length;
                    int to = indexOf(page, length, END_TOKEN, from);
                    token = new String(page, from, to - from, StandardCharsets.US_ASCII);
                }
            } while (token != null);
        }
        return keys;
    }

    private static int indexOf(byte[] text, int length, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (text[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A single PUT of {@code hugeGiB} GiB, generated on the fly, to a server whose heap is capped at 256 MiB. */
    private void huge() throws Exception {
        Path dataDir = java.nio.file.Files.createTempDirectory("tarn-s3-huge-");
        try (ServerUnderTest server = ServerUnderTest.start(jar, List.of("-Xmx256m"), List.of("--data-dir", dataDir.toString()))) {
            URI target = server.endpoint();
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(target.resolve("/huge")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            long size = (long) hugeGiB << 30;
            long started = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(target.resolve("/huge/object"))
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(size)), size))
                    .build(), HttpResponse.BodyHandlers.ofString());
            double secs = (System.nanoTime() - started) / 1e9;
            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(target.resolve("/huge/object"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            System.out.printf("PUT %d GiB to a server with -Xmx256m: status %d in %.1f s (%.0f MiB/s); HEAD says %s bytes; RSS %.1f MiB%n",
                    hugeGiB, r.statusCode(), secs, size / 1048576.0 / secs,
                    head.headers().firstValue("content-length").orElse("?"), server.rssMiB());
        } finally {
            deleteTree(dataDir);
        }
    }

    private void sdk(URI target) throws Exception {
        try (S3Client s3 = S3Client.builder().endpointOverride(target).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            byte[] body = new byte[4096];
            ExecutorService pool = Executors.newFixedThreadPool(sdkThreads);
            for (String op : List.of("PutObject", "GetObject")) {
                AtomicLong calls = new AtomicLong();
                LatencyRecorder latencies = new LatencyRecorder();
                long deadline = System.nanoTime() + (long) (seconds * 1e9);
                long started = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < sdkThreads; t++) {
                    int thread = t;
                    running.add(pool.submit(() -> {
                        for (long i = 0; System.nanoTime() < deadline; i++) {
                            long t0 = System.nanoTime();
                            String key = op.equals("GetObject") ? "k" + (i % 100) : "sdk/" + thread + "-" + i;
                            if (op.equals("PutObject")) {
                                s3.putObject(b -> b.bucket("small").key(key), RequestBody.fromBytes(body));
                            } else {
                                s3.getObjectAsBytes(b -> b.bucket("small").key(key));
                            }
                            latencies.record(System.nanoTime() - t0);
                            calls.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                double secs = (System.nanoTime() - started) / 1e9;
                System.out.printf("SDK v2 (url-connection client, %d threads) %-9s 4 KiB: %7.0f calls/s  p50 %6.2f ms  p99 %6.2f ms%n",
                        sdkThreads, op, calls.get() / secs, latencies.percentileMillis(50), latencies.percentileMillis(99));
            }
            pool.shutdown();
        }
    }

    private static io.netty.handler.codec.http.FullHttpRequest put(URI target, String path, byte[] body) {
        return RawHttpLoad.request(target, HttpMethod.PUT, path, Map.of(), body);
    }

    private static io.netty.handler.codec.http.FullHttpRequest put(URI target, String path, ByteBuf body) {
        return RawHttpLoad.request(target, HttpMethod.PUT, path, Map.of(), body);
    }

    private static io.netty.handler.codec.http.FullHttpRequest get(URI target, String path) {
        return RawHttpLoad.request(target, HttpMethod.GET, path, Map.of(), new byte[0]);
    }

    private static void print(String what, RawHttpLoad.Result r, int conns, CpuUse cpu) {
        System.out.printf("  %-10s %9.0f objects/s  p50 %6.2f ms  p99 %6.2f ms  errors %d (%d connections; %s)%n", what, r.perSecond(),
                r.latencies().percentileMillis(50), r.latencies().percentileMillis(99), r.errors(), conns, cpu.report(r.requests(), "object"));
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Bytes made up as they are read, so the client holds none of the object. */
    private static final class Generated extends InputStream {
        private long remaining;
        private byte next = 17;

        Generated(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return next++ & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                b[off + i] = next++;
            }
            remaining -= n;
            return n;
        }
    }
}
