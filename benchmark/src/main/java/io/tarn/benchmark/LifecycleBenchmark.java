package io.tarn.benchmark;

import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * S3 lifecycle evaluation of a large bucket: fills a bucket with real objects through PutObject,
 * puts a rule that moves every one of them to GLACIER after 0 days, then advances the emulator
 * clock one day at a time. The first day's evaluation rewrites every version record (a
 * transition), the second only reads them all (nothing left to do). Each advance returns once
 * its evaluation is done, so its duration is the evaluation's; the server's RSS is sampled every
 * 50 ms meanwhile, to show that the evaluation's memory does not grow with the bucket.
 */
@Command(name = "lifecycle", description = "S3 lifecycle: the daily evaluation's rate and memory over a bucket of many objects.")
final class LifecycleBenchmark implements Callable<Integer> {

    private static final String BUCKET = "lifecycle";
    private static final String RULES = "<LifecycleConfiguration><Rule><ID>all-to-glacier</ID>"
            + "<Filter><ObjectSizeGreaterThan>0</ObjectSizeGreaterThan></Filter><Status>Enabled</Status>"
            + "<Transition><Days>0</Days><StorageClass>GLACIER</StorageClass></Transition></Rule></LifecycleConfiguration>";

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar to start.")
    Path jar;

    @Option(names = "--objects", defaultValue = "1000000", description = "Objects in the bucket the rule covers.")
    long objects;

    @Option(names = "--connections", defaultValue = "16", description = "Raw client connections that fill the bucket.")
    int connections;

    @Option(names = "--jvm-arg", description = "Extra JVM argument for the server (repeatable), e.g. -Xmx256m.")
    List<String> jvmArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("tarn-lifecycle-bench-");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        try (ServerUnderTest server = ServerUnderTest.start(jar, jvmArgs, List.of("--data-dir", dataDir.toString()))) {
            URI target = server.endpoint();
            send(http, target, "PUT", "/" + BUCKET, "");
            byte[] body = "x".getBytes(StandardCharsets.US_ASCII);
            long started = System.nanoTime();
            RawHttpLoad.Result filled = RawHttpLoad.run(target, connections, 3600, objects,
                    n -> RawHttpLoad.request(target, HttpMethod.PUT, String.format("/%s/obj/%08d", BUCKET, n), Map.of(), body));
            double fillSecs = (System.nanoTime() - started) / 1e9;
            System.out.printf("filled %d objects (%d errors) in %.0f s (%.0f PUT/s); server RSS %.0f MiB%n", filled.requests(),
                    filled.errors(), fillSecs, filled.requests() / fillSecs, server.rssMiB());
            send(http, target, "PUT", "/" + BUCKET + "?lifecycle", RULES);
            day(http, server, "day 1: every object transitioned to GLACIER");
            day(http, server, "day 2: every object read, none changed");
            HttpResponse<String> head = send(http, target, "HEAD", String.format("/%s/obj/%08d", BUCKET, objects - 1), "");
            System.out.printf("last object's class after the runs: %s%n", head.headers().firstValue("x-amz-storage-class").orElse("STANDARD"));
        } finally {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /** Advances the clock one day (one evaluation, done when the call returns), sampling the server's RSS meanwhile. */
    private void day(HttpClient http, ServerUnderTest server, String what) throws Exception {
        double before = server.rssMiB();
        double[] peak = {before};
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak[0] = Math.max(peak[0], server.rssMiB());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long started = System.nanoTime();
        send(http, server.endpoint(), "POST", "/_tarn/clock", "{\"advance\":\"P1D\"}");
        double secs = (System.nanoTime() - started) / 1e9;
        running.set(false);
        sampler.join();
        System.out.printf("%s: %.1f s, %.0f objects/s; server RSS %.0f MiB before, peak %.0f MiB during%n", what, secs,
                objects / secs, before, peak[0]);
    }

    private static HttpResponse<String> send(HttpClient http, URI target, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(path)).timeout(Duration.ofMinutes(30));
        if (method.equals("HEAD")) {
            b.method("HEAD", HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        }
        if (path.contains("?lifecycle")) {
            // PutBucketLifecycleConfiguration requires an integrity header
            b.header("Content-MD5", java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8))));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r;
    }
}
