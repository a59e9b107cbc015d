package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.TarnProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Clients that abandon large downloads, by closing the connection mid-body or by never reading
 * the body at all, cost the server nothing: with Netty's leak detection at paranoid, its log shows
 * no leaked buffer, no exception and no warning, and it goes on answering.
 */
class AbandonedDownloadIT {

    private static final int OBJECT_BYTES = 16 << 20; // more than the loopback socket buffers hold
    private static final int CLOSED_MID_BODY = 1_000;
    private static final int NEVER_READ = 500;
    /** Eight callers hold this many each: 32, the client's connection pool. */
    private static final int HELD_OPEN_BY_EACH = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES) // ~40 s on an idle 2-core machine, 160 s under a load of 30
    void abandonedDownloadsLeakNothingAndLogNothing() throws Exception {
        try (TarnProcess tarn = TarnProcess.startWithJvmOptions(dir.resolve("data"),
                List.of("-Dio.netty.leakDetection.level=paranoid"));
                S3Client s3 = S3Support.client(tarn.endpoint())) {
            String bucket = S3Support.bucketName("abandon");
            s3.createBucket(b -> b.bucket(bucket));
            byte[] data = S3Support.random(OBJECT_BYTES, 13);
            s3.putObject(b -> b.bucket(bucket).key("big"), RequestBody.fromBytes(data));
            int logStart = tarn.logText().length();

            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < CLOSED_MID_BODY; i++) {
                    done.add(clients.submit(() -> closeMidBody(s3, bucket)));
                }
                for (int i = 0; i < NEVER_READ / HELD_OPEN_BY_EACH; i++) {
                    done.add(clients.submit(() -> neverRead(s3, bucket)));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                clients.shutdownNow();
            }

            collectGarbage(tarn); // leaked buffers are reported when their wrappers are collected...
            for (int i = 0; i < 3; i++) { // ...and the next allocations look for them
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("big")).asByteArray()).isEqualTo(data);
            }

            String log = tarn.logText().substring(logStart);
            assertThat(log).doesNotContain("LEAK").doesNotContain("Exception").doesNotContain(" WARN ")
                    .doesNotContain(" ERROR ");
        }
    }

    /** Reads the start of the body, then drops the connection (what an SDK's abort() does). */
    private static void closeMidBody(S3Client s3, String bucket) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key("big"))) {
            assertThat(in.readNBytes(64 * 1024)).hasSize(64 * 1024);
            in.abort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens several downloads and reads none of them: the server fills the socket buffers and waits
     * for the client to drain them, which it never does; then the connections are dropped.
     */
    private static void neverRead(S3Client s3, String bucket) {
        List<ResponseInputStream<GetObjectResponse>> open = new ArrayList<>();
        try {
            for (int i = 0; i < HELD_OPEN_BY_EACH; i++) {
                open.add(s3.getObject(b -> b.bucket(bucket).key("big")));
            }
        } finally {
            open.forEach(ResponseInputStream::abort);
        }
    }

    private static void collectGarbage(TarnProcess tarn) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(tarn.pid()), "GC.run").redirectErrorStream(true).start();
        jcmd.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).as("jcmd GC.run finished").isTrue();
        assertThat(jcmd.exitValue()).as("jcmd GC.run exit status").isZero();
    }
}
