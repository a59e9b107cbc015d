package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.it.AdminCalls;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tier;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * {@code GET /_tarn/s3/storage-report} after real SDK v2 calls and days passing on the emulator
 * clock: a lifecycle policy's transitions and the early deletion it causes, an overwrite, a restore.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--s3-restore-delay", "max"})
class S3StorageReportIT {

    private static final int BIG = 200 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3Client s3;

    @BeforeAll
    static void clients(URI endpoint) {
        s3 = S3Support.client(endpoint);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static JsonNode row(URI endpoint, String bucket, String storageClass) throws Exception {
        HttpResponse<String> r = AdminCalls.send(endpoint, "GET", "/_tarn/s3/storage-report?bucket=" + bucket, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode buckets = JSON.readTree(r.body()).get("buckets");
        assertThat(buckets).hasSize(1);
        assertThat(buckets.get(0).get("bucket").asText()).isEqualTo(bucket);
        for (JsonNode c : buckets.get(0).get("storageClasses")) {
            if (c.get("storageClass").asText().equals(storageClass)) {
                return c;
            }
        }
        throw new AssertionError("no " + storageClass + " row in " + r.body());
    }

    @Test
    void aLifecyclePolicyThatArchivesTooSoonShowsItsEarlyDeletionCharge(URI endpoint) throws Exception {
        String bucket = S3Support.bucketName("report-lc");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("data"), RequestBody.fromBytes(S3Support.random(BIG, 1)));
        s3.putObject(b -> b.bucket(bucket).key("small-ia").storageClass(StorageClass.STANDARD_IA),
                RequestBody.fromBytes(S3Support.random(1000, 2)));
        // STANDARD_IA after 30 days, then expired 10 days later: 20 of IA's 30 days are still due
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(r -> r.id("ia-then-gone")
                .status(ExpirationStatus.ENABLED).filter(f -> f.prefix("data"))
                .transitions(t -> t.days(30).storageClass(TransitionStorageClass.STANDARD_IA)).expiration(e -> e.days(40)))));

        JsonNode ia = row(endpoint, bucket, "STANDARD_IA");
        assertThat(ia.get("objects").asLong()).isEqualTo(1);
        assertThat(ia.get("storedBytes").asLong()).isEqualTo(1000);
        assertThat(ia.get("billableBytes").asLong()).isEqualTo(128 * 1024); // the 128 KiB minimum

        AdminCalls.changeClock(endpoint, "{\"advance\":\"P35D\"}");
        ia = row(endpoint, bucket, "STANDARD_IA");
        assertThat(ia.get("objects").asLong()).isEqualTo(2);
        assertThat(ia.get("transitionsIn").asLong()).isEqualTo(1);

        AdminCalls.changeClock(endpoint, "{\"advance\":\"P10D\"}");
        ia = row(endpoint, bucket, "STANDARD_IA");
        assertThat(ia.get("objects").asLong()).isEqualTo(1);
        assertThat(ia.get("earlyDeletions").asLong()).isEqualTo(1);
        assertThat(ia.get("earlyDeletionDays").asLong()).isEqualTo(20);
        assertThat(ia.get("earlyDeletionByteDays").asLong()).isEqualTo(20L * BIG);
    }

    @Test
    void anOverwrittenArchiveAndARestoreAreCounted(URI endpoint) throws Exception {
        String bucket = S3Support.bucketName("report-glacier");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("cold").storageClass(StorageClass.GLACIER), RequestBody.fromBytes(S3Support.random(5000, 3)));
        s3.putObject(b -> b.bucket(bucket).key("kept").storageClass(StorageClass.DEEP_ARCHIVE),
                RequestBody.fromBytes(S3Support.random(100, 4)));
        s3.restoreObject(b -> b.bucket(bucket).key("cold").restoreRequest(r -> r.days(1).glacierJobParameters(g -> g.tier(Tier.STANDARD))));
        AdminCalls.changeClock(endpoint, "{\"advance\":\"PT5H\"}"); // a Standard restore's longest time
        s3.putObject(b -> b.bucket(bucket).key("cold"), RequestBody.fromBytes(S3Support.random(10, 5)));

        JsonNode glacier = row(endpoint, bucket, "GLACIER");
        assertThat(glacier.get("restores").asLong()).isEqualTo(1);
        assertThat(glacier.get("restoredBytes").asLong()).isEqualTo(5000);
        assertThat(glacier.get("earlyDeletionDays").asLong()).isEqualTo(90); // replaced after five hours
        assertThat(glacier.get("objects").asLong()).isZero();
        JsonNode deep = row(endpoint, bucket, "DEEP_ARCHIVE");
        assertThat(deep.get("billableBytes").asLong()).isEqualTo(100 + 32 * 1024);
        JsonNode standard = row(endpoint, bucket, "STANDARD");
        assertThat(standard.get("storedBytes").asLong()).isEqualTo(10);
        assertThat(standard.get("billableBytes").asLong()).isEqualTo(10 + 8 * 1024); // the archived object's name and metadata
    }

    @Test
    void anUnknownBucketIsNoSuchBucket(URI endpoint) throws Exception {
        HttpResponse<String> r = AdminCalls.send(endpoint, "GET", "/_tarn/s3/storage-report?bucket=no-such-bucket-here", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("NoSuchBucket");
    }
}
