package io.tarn.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** Encrypt, Decrypt and GenerateDataKey rates through a raw HTTP client and through the SDK v2. */
@Command(name = "kms", description = "KMS Encrypt/Decrypt/GenerateDataKey throughput and latency.")
final class KmsBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar to start.")
    Path jar;

    @Option(names = "--endpoint", description = "Measure a running server instead of starting one (no RSS then).")
    URI endpoint;

    @Option(names = "--connections", defaultValue = "16", description = "Raw client connections.")
    int connections;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds per measured operation.")
    double seconds;

    @Option(names = "--sdk-threads", defaultValue = "16", description = "Threads of the SDK v2 client run (0 to skip).")
    int sdkThreads;

    @Override
    public Integer call() throws Exception {
        ServerUnderTest server = endpoint == null ? ServerUnderTest.start(jar, List.of(), List.of("--ephemeral")) : null;
        URI target = server != null ? server.endpoint() : endpoint;
        try {
            String keyId = call(target, "CreateKey", "{\"Description\":\"benchmark\"}").get("KeyMetadata").get("KeyId").asText();
            String plaintext = Base64.getEncoder().encodeToString(new byte[64]);
            String blob = call(target, "Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"" + plaintext + "\"}")
                    .get("CiphertextBlob").asText();
            Map<String, String> bodies = new LinkedHashMap<>();
            bodies.put("Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\"" + plaintext + "\"}");
            bodies.put("Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"}");
            bodies.put("GenerateDataKey", "{\"KeyId\":\"" + keyId + "\",\"KeySpec\":\"AES_256\"}");
            // warm-up of every operation, so the JIT has compiled the hot paths before anything is measured
            for (Map.Entry<String, String> op : bodies.entrySet()) {
                RawHttpLoad.run(target, connections, Math.min(3, seconds), "/", headers(op.getKey()),
                        op.getValue().getBytes(StandardCharsets.UTF_8));
            }
            System.out.printf("raw HTTP/1.1 client, %d connections, %.0f s each:%n", connections, seconds);
            for (Map.Entry<String, String> op : bodies.entrySet()) {
                RawHttpLoad.Result r = RawHttpLoad.run(target, connections, seconds, "/", headers(op.getKey()),
                        op.getValue().getBytes(StandardCharsets.UTF_8));
                System.out.printf("  %-16s %9.0f calls/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n", op.getKey(),
                        r.perSecond(), r.latencies().percentileMillis(50), r.latencies().percentileMillis(99), r.errors());
            }
            if (sdkThreads > 0) {
                sdk(target, keyId, SdkBytes.fromByteArray(Base64.getDecoder().decode(blob)));
            }
            if (server != null) {
                System.out.printf("server RSS after the run: %.1f MiB%n", server.rssMiB());
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        return 0;
    }

    private void sdk(URI target, String keyId, SdkBytes blob) throws Exception {
        try (KmsClient kms = KmsClient.builder().endpointOverride(target).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            SdkBytes plaintext = SdkBytes.fromByteArray(new byte[64]);
            System.out.printf("SDK v2 KmsClient (url-connection), %d threads, %.0f s each:%n", sdkThreads, seconds);
            Map<String, Runnable> ops = new LinkedHashMap<>();
            ops.put("Encrypt", () -> kms.encrypt(b -> b.keyId(keyId).plaintext(plaintext)));
            ops.put("Decrypt", () -> kms.decrypt(b -> b.ciphertextBlob(blob)));
            ops.put("GenerateDataKey", () -> kms.generateDataKey(b -> b.keyId(keyId).keySpec("AES_256")));
            for (Map.Entry<String, Runnable> op : ops.entrySet()) {
                LatencyRecorder latencies = new LatencyRecorder();
                AtomicLong count = new AtomicLong();
                AtomicLong errors = new AtomicLong();
                long deadline = System.nanoTime() + (long) (seconds * 1e9);
                ExecutorService pool = Executors.newFixedThreadPool(sdkThreads);
                List<Future<?>> futures = new ArrayList<>();
                long started = System.nanoTime();
                for (int i = 0; i < sdkThreads; i++) {
                    futures.add(pool.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            long t = System.nanoTime();
                            try {
                                op.getValue().run();
                            } catch (RuntimeException e) {
                                errors.incrementAndGet();
                            }
                            latencies.record(System.nanoTime() - t);
                            count.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                pool.shutdown();
                double secs = (System.nanoTime() - started) / 1e9;
                System.out.printf("  %-16s %9.0f calls/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n", op.getKey(),
                        count.get() / secs, latencies.percentileMillis(50), latencies.percentileMillis(99), errors.get());
            }
        }
    }

    private static Map<String, String> headers(String operation) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/x-amz-json-1.1");
        h.put("X-Amz-Target", "TrentService." + operation);
        h.put("X-Amz-Date", "20260101T000000Z");
        // lenient mode: the scope selects the service and the account; the signature is not checked
        h.put("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/kms/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0000");
        return h;
    }

    private static JsonNode call(URI endpoint, String operation, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve("/")).POST(HttpRequest.BodyPublishers.ofString(body));
        headers(operation).forEach(b::header);
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(operation + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
