package io.tarn.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What SSE-KMS costs in KMS calls and in rate, with and without S3 Bucket Keys: N objects PUT
 * then GET with each, the calls counted in Tarn's KMS audit log (/_tarn/kms/audit), then the
 * emulator clock moved past the bucket key's five minutes and the objects read and written again.
 */
@Command(name = "s3-bucket-key", description = "SSE-KMS with and without S3 Bucket Keys: KMS calls (from the audit log) and PUT/GET rates.")
final class S3BucketKeyBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar to start.")
    Path jar;

    @Option(names = "--objects", defaultValue = "2000", description = "Objects written, then read, in each bucket.")
    int objects;

    @Option(names = "--connections", defaultValue = "16", description = "Client connections.")
    int connections;

    @Option(names = "--size", defaultValue = "4096", description = "Object size in bytes.")
    int size;

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("tarn-s3-bucket-key-");
        try (ServerUnderTest server = ServerUnderTest.start(jar, List.of(), List.of("--data-dir", dataDir.toString()))) {
            URI target = server.endpoint();
            byte[] body = new byte[size];
            new Random(1).nextBytes(body);
            System.out.printf("%d objects of %d bytes, %d connections, data on disk (load average %s)%n", objects, size, connections,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            String withKey = createKey(target);
            String withoutKey = createKey(target);
            for (boolean bucketKey : new boolean[] {false, true}) {
                String bucket = bucketKey ? "with-bucket-key" : "without-bucket-key";
                String keyId = bucketKey ? withKey : withoutKey;
                createBucket(target, bucket);
                Map<String, String> sse = sse(keyId, bucketKey);
                CpuUse putCpu = CpuUse.start(server);
                RawHttpLoad.Result puts = RawHttpLoad.run(target, connections, 600, objects,
                        n -> RawHttpLoad.request(target, HttpMethod.PUT, "/" + bucket + "/k" + n, sse, body));
                print(bucket, "PUT", puts, putCpu, kmsCalls(target, keyId));
                CpuUse getCpu = CpuUse.start(server);
                RawHttpLoad.Result gets = RawHttpLoad.run(target, connections, 600, objects,
                        n -> RawHttpLoad.request(target, HttpMethod.GET, "/" + bucket + "/k" + n, Map.of(), new byte[0]));
                print(bucket, "GET", gets, getCpu, kmsCalls(target, keyId));
            }
            admin(target, "POST", "/_tarn/clock", "{\"advance\":\"PT5M\"}");
            System.out.println("emulator clock advanced 5 minutes (a bucket key's lifetime):");
            String bucket = "with-bucket-key";
            RawHttpLoad.Result gets = RawHttpLoad.run(target, connections, 600, objects,
                    n -> RawHttpLoad.request(target, HttpMethod.GET, "/" + bucket + "/k" + n, Map.of(), new byte[0]));
            print(bucket, "GET again", gets, CpuUse.start(null), kmsCalls(target, withKey));
            Map<String, String> sse = sse(withKey, true);
            RawHttpLoad.Result puts = RawHttpLoad.run(target, connections, 600, objects,
                    n -> RawHttpLoad.request(target, HttpMethod.PUT, "/" + bucket + "/later" + n, sse, body));
            print(bucket, "PUT more", puts, CpuUse.start(null), kmsCalls(target, withKey));
        } finally {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static Map<String, String> sse(String keyId, boolean bucketKey) {
        return Map.of("x-amz-server-side-encryption", "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id", keyId,
                "x-amz-server-side-encryption-bucket-key-enabled", Boolean.toString(bucketKey));
    }

    private static void print(String bucket, String what, RawHttpLoad.Result r, CpuUse cpu, Map<String, Integer> calls) {
        System.out.printf("  %-19s %-9s %6d objects %7.0f objects/s  errors %d  KMS calls so far %s (%s)%n", bucket, what, r.requests(),
                r.perSecond(), r.errors(), calls, cpu.report(r.requests(), "object"));
    }

    /** The key's audit log counted by operation. */
    private static Map<String, Integer> kmsCalls(URI target, String keyId) throws Exception {
        JsonNode events = JSON.readTree(admin(target, "GET", "/_tarn/kms/audit?limit=1000000&keyId=" + keyId, null)).get("events");
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode e : events) {
            counts.merge(e.get("operation").asText(), 1, Integer::sum);
        }
        return counts;
    }

    private static String createKey(URI target) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve("/")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "TrentService.CreateKey")
                .header("X-Amz-Date", "20260101T000000Z")
                // lenient mode: the scope selects the service and the account; the signature is not checked
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/kms/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0000");
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("CreateKey answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("KeyMetadata").get("KeyId").asText();
    }

    private static void createBucket(URI target, String bucket) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(target.resolve("/" + bucket))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("CreateBucket answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static String admin(URI target, String method, String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(target.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
