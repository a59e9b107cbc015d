package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.TarnProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * S3 data on disk: every acknowledged write survives kill -9 (SIGKILL: no shutdown hook, nothing
 * flushed) and a restart; and object bytes are never on disk in the clear (SSE-S3 for real).
 */
class S3DurabilityIT {

    private static final int OBJECTS = 200;
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    private static S3Client client(URI endpoint) {
        // no retries: a request cut by the kill fails at once instead of waiting for a server that is gone
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(THREADS * 2))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    /** Distinct content per object: its key, then pseudo-random bytes of a size of its own. */
    private static byte[] content(int i) {
        byte[] data = new byte[100 + (i * 97) % 5000];
        new Random(i).nextBytes(data);
        byte[] key = ("object-" + i + ":").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(key, 0, data, 0, Math.min(key.length, data.length));
        return data;
    }

    /** PUTs objects 0..n-1 from THREADS threads; returns the MD5 of each one the server acknowledged. */
    private static Map<String, String> putConcurrently(S3Client s3, String bucket, int n, AtomicInteger acknowledged) throws Exception {
        Map<String, String> acked = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = thread; i < n; i += THREADS) {
                        byte[] data = content(i);
                        String key = "obj/" + i;
                        try {
                            String etag = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data)).eTag();
                            assertThat(etag).isEqualTo(S3Support.quoted(S3Support.md5Hex(data)));
                            acked.put(key, S3Support.md5Hex(data));
                            acknowledged.incrementAndGet();
                        } catch (RuntimeException e) {
                            return null; // the server is gone: this write was never acknowledged
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return acked;
    }

    private static void assertIntact(S3Client s3, String bucket, Map<String, String> acked) {
        for (Map.Entry<String, String> e : acked.entrySet()) {
            byte[] data = s3.getObjectAsBytes(b -> b.bucket(bucket).key(e.getKey())).asByteArray();
            assertThat(S3Support.md5Hex(data)).as(e.getKey()).isEqualTo(e.getValue());
            int i = Integer.parseInt(e.getKey().substring("obj/".length()));
            assertThat(data).as(e.getKey()).isEqualTo(content(i));
        }
    }

    @Test
    void acknowledgedObjectsSurviveKillDashNine() throws Exception {
        try (TarnProcess tarn = TarnProcess.start(dir.resolve("data"))) {
            String bucket = "durable-objects";
            Map<String, String> acked;
            byte[] part1 = new byte[5 * 1024 * 1024];
            new Random(5).nextBytes(part1);
            byte[] part2 = S3Support.utf8("multipart tail");
            try (S3Client s3 = client(tarn.endpoint())) {
                s3.createBucket(b -> b.bucket(bucket));
                acked = putConcurrently(s3, bucket, OBJECTS, new AtomicInteger());
                assertThat(acked).hasSize(OBJECTS);
                // a completed multipart upload, an overwritten key and a deleted one
                String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mpu")).uploadId();
                String e1 = s3.uploadPart(b -> b.bucket(bucket).key("mpu").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part1)).eTag();
                String e2 = s3.uploadPart(b -> b.bucket(bucket).key("mpu").uploadId(uploadId).partNumber(2), RequestBody.fromBytes(part2)).eTag();
                s3.completeMultipartUpload(b -> b.bucket(bucket).key("mpu").uploadId(uploadId).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
                s3.putObject(b -> b.bucket(bucket).key("overwritten"), RequestBody.fromString("first"));
                s3.putObject(b -> b.bucket(bucket).key("overwritten"), RequestBody.fromString("second"));
                s3.putObject(b -> b.bucket(bucket).key("deleted"), RequestBody.fromString("gone"));
                s3.deleteObject(b -> b.bucket(bucket).key("deleted"));
            }
            tarn.kill();
            tarn.restart();
            try (S3Client s3 = client(tarn.endpoint())) {
                assertIntact(s3, bucket, acked);
                byte[] mpu = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mpu")).asByteArray();
                assertThat(mpu).hasSize(part1.length + part2.length);
                assertThat(S3Support.md5Hex(mpu)).isEqualTo(S3Support.md5Hex(concat(part1, part2)));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("overwritten")).asUtf8String()).isEqualTo("second");
                S3Support.assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("deleted")), "NoSuchKey", 404);
                assertThat(s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("obj/")).contents()).hasSize(OBJECTS);
            }
        }
    }

    @Test
    void aKillInTheMiddleOfWritesLosesNothingAcknowledged() throws Exception {
        try (TarnProcess tarn = TarnProcess.start(dir.resolve("mid"))) {
            String bucket = "durable-mid";
            AtomicInteger acknowledged = new AtomicInteger();
            Map<String, String> acked;
            try (S3Client s3 = client(tarn.endpoint())) {
                s3.createBucket(b -> b.bucket(bucket));
                ExecutorService killer = Executors.newSingleThreadExecutor();
                try {
                    Future<?> kill = killer.submit(() -> {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (acknowledged.get() < OBJECTS / 2 && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                        tarn.kill();
                        return null;
                    });
                    acked = putConcurrently(s3, bucket, OBJECTS * 5, acknowledged);
                    kill.get(60, TimeUnit.SECONDS);
                } finally {
                    killer.shutdownNow();
                }
            }
            assertThat(acked.size()).isGreaterThanOrEqualTo(OBJECTS / 2);
            tarn.restart();
            try (S3Client s3 = client(tarn.endpoint())) {
                assertIntact(s3, bucket, acked);
                // whatever was not acknowledged is either absent or complete, never torn
                List<String> listed = new ArrayList<>();
                s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> listed.add(o.key()));
                for (String key : listed) {
                    int i = Integer.parseInt(key.substring("obj/".length()));
                    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).as(key).isEqualTo(content(i));
                }
                assertThat(listed).containsAll(acked.keySet());
            }
        }
    }

    @Test
    void objectBytesAreNeverOnDiskInTheClear() throws Exception {
        String marker = "TARN-PLAINTEXT-MARKER-" + UUID.randomUUID();
        byte[] markerBytes = marker.getBytes(StandardCharsets.US_ASCII);
        Path data = dir.resolve("plaintext");
        try (TarnProcess tarn = TarnProcess.start(data)) {
            try (S3Client s3 = client(tarn.endpoint()); S3Client plain = S3Support.plainClient(tarn.endpoint())) {
                String bucket = "plaintext-check";
                s3.createBucket(b -> b.bucket(bucket));
                // a small object, sent plain and sent aws-chunked
                plain.putObject(b -> b.bucket(bucket).key("small"), RequestBody.fromString(marker));
                s3.putObject(b -> b.bucket(bucket).key("chunked"), RequestBody.fromString("before " + marker + " after"));
                // a larger one with the marker many times, across chunk and buffer boundaries
                StringBuilder big = new StringBuilder();
                while (big.length() < 3 * 1024 * 1024) {
                    big.append(marker).append(' ').append(big.length()).append('\n');
                }
                s3.putObject(b -> b.bucket(bucket).key("big"), RequestBody.fromString(big.toString()));
                // a completed multipart upload, and the parts of one still in progress
                byte[] part1 = padded(marker, 5 * 1024 * 1024);
                String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mpu")).uploadId();
                String e1 = s3.uploadPart(b -> b.bucket(bucket).key("mpu").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part1)).eTag();
                String e2 = s3.uploadPart(b -> b.bucket(bucket).key("mpu").uploadId(uploadId).partNumber(2),
                        RequestBody.fromString(marker)).eTag();
                s3.completeMultipartUpload(b -> b.bucket(bucket).key("mpu").uploadId(uploadId).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
                String open = s3.createMultipartUpload(b -> b.bucket(bucket).key("open")).uploadId();
                s3.uploadPart(b -> b.bucket(bucket).key("open").uploadId(open).partNumber(1), RequestBody.fromString(marker));
                // a copy
                s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("small").destinationBucket(bucket).destinationKey("copied"));
                // sanity: the server does hold the data
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copied")).asUtf8String()).isEqualTo(marker);
            }
            tarn.stop();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        List<String> leaks = new ArrayList<>();
        for (Path f : files) {
            if (contains(f, markerBytes)) {
                leaks.add(data.relativize(f).toString());
            }
        }
        assertThat(leaks).as("files holding the plaintext marker").isEmpty();
    }

    private static byte[] padded(String marker, int size) {
        byte[] out = new byte[size];
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + m.length <= size; i += m.length + 1) {
            System.arraycopy(m, 0, out, i, m.length);
            out[i + m.length] = '\n';
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Whether {@code file} holds {@code needle} anywhere (files are read whole: the data dir of a test is small). */
    private static boolean contains(Path file, byte[] needle) throws IOException {
        byte[] haystack = Files.readAllBytes(file);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
