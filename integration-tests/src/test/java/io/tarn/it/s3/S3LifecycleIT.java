package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.assertS3Status;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TransitionDefaultMinimumObjectSize;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Lifecycle through the SDK v2 client: configurations and S3's checks on them, and rules acted on
 * by the daily evaluation as the emulator clock moves days ahead. One server for the class, whose
 * clock only moves forward, so each test measures ages from its own objects' creation.
 */
@ExtendWith(TarnServerExtension.class)
class S3LifecycleIT {

    private static final int BIG = 200 * 1024; // above the 128 KiB under which objects are not transitioned by default
    private static S3Client s3;

    @BeforeAll
    static void clients(URI endpoint) {
        s3 = S3Support.client(endpoint);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static String bucket(String prefix) {
        String bucket = S3Support.bucketName(prefix);
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** S3's header dates: RFC 1123 with a two-digit day. */
    private static String httpDate(Instant t) {
        return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC).format(t);
    }

    private static void advanceDays(URI endpoint, int days) throws Exception {
        AdminCalls.changeClock(endpoint, "{\"advance\":\"P" + days + "D\"}");
    }

    private static LifecycleRule.Builder rule(String id) {
        return LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED).filter(LifecycleRuleFilter.builder().prefix("").build());
    }

    private static void lifecycle(String bucket, LifecycleRule... rules) {
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules)));
    }

    @Test
    void aFortyDayOldObjectUnderAThirtyDayIaRuleIsStandardIa(URI endpoint) throws Exception {
        String bucket = bucket("lc-ia");
        s3.putObject(b -> b.bucket(bucket).key("old"), RequestBody.fromBytes(S3Support.random(BIG, 1)));
        s3.putObject(b -> b.bucket(bucket).key("small"), RequestBody.fromBytes(S3Support.random(1024, 2)));
        lifecycle(bucket, rule("to-ia").transitions(t -> t.days(30).storageClass(TransitionStorageClass.STANDARD_IA)).build());
        assertThat(s3.headObject(b -> b.bucket(bucket).key("old")).storageClass()).isNull(); // STANDARD is not shown

        advanceDays(endpoint, 40);

        assertThat(s3.headObject(b -> b.bucket(bucket).key("old")).storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(o -> o.key() + ":" + o.storageClassAsString())
                .containsExactly("old:STANDARD_IA", "small:STANDARD"); // under 128 KiB: kept in STANDARD by default
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("old")).asByteArray()).isEqualTo(S3Support.random(BIG, 1));
    }

    @Test
    void expirationIsAnnouncedOnPutHeadAndGetAndThenHappens(URI endpoint) throws Exception {
        String bucket = bucket("lc-exp");
        lifecycle(bucket, rule("tmp-rule").filter(f -> f.prefix("tmp/")).expiration(e -> e.days(3)).build());
        Instant created = AdminCalls.clockNow(endpoint);
        String expected = "expiry-date=\"" + httpDate(created.plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(1))) + "\", rule-id=\"tmp-rule\"";
        var put = s3.putObject(b -> b.bucket(bucket).key("tmp/a"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket(bucket).key("keep"), RequestBody.fromString("k"));
        assertThat(put.expiration()).isEqualTo(expected);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("tmp/a")).expiration()).isEqualTo(expected);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tmp/a")).response().expiration()).isEqualTo(expected);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("keep")).expiration()).isNull();

        advanceDays(endpoint, 5);

        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("tmp/a")), 404);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("keep")).contentLength()).isEqualTo(1);
    }

    @Test
    void noncurrentVersionsExpireAndCurrentOnesGetADeleteMarker(URI endpoint) throws Exception {
        String bucket = bucket("lc-versions");
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String v1 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("two")).versionId();
        lifecycle(bucket, rule("nc").noncurrentVersionExpiration(n -> n.noncurrentDays(2)).build(),
                rule("exp").filter(f -> f.prefix("expiring/")).expiration(e -> e.days(1)).build());
        s3.putObject(b -> b.bucket(bucket).key("expiring/x"), RequestBody.fromString("x"));

        advanceDays(endpoint, 4);

        List<ObjectVersion> docs = s3.listObjectVersions(b -> b.bucket(bucket).prefix("doc")).versions();
        assertThat(docs).extracting(ObjectVersion::versionId).containsExactly(v2).doesNotContain(v1);
        var expiring = s3.listObjectVersions(b -> b.bucket(bucket).prefix("expiring/"));
        assertThat(expiring.deleteMarkers()).hasSize(1).allMatch(m -> m.isLatest());
        assertThat(expiring.versions()).hasSize(1).allMatch(v -> !v.isLatest()); // the version is kept, noncurrent

        // the expired version is removed 2 days after it became noncurrent; the marker, then alone and
        // older than the rule's 1 day, goes with it (S3's expired object delete marker cleanup)
        advanceDays(endpoint, 3);
        var after = s3.listObjectVersions(b -> b.bucket(bucket).prefix("expiring/"));
        assertThat(after.versions()).isEmpty();
        assertThat(after.deleteMarkers()).isEmpty();
    }

    @Test
    void incompleteUploadsAreAbortedAndSaySoBeforehand(URI endpoint) throws Exception {
        String bucket = bucket("lc-mpu");
        lifecycle(bucket, rule("abort-7").abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7)).build());
        Instant created = AdminCalls.clockNow(endpoint);
        CreateMultipartUploadResponse upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("big"));
        Instant abortDate = created.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        assertThat(upload.abortDate()).isEqualTo(abortDate);
        assertThat(upload.abortRuleId()).isEqualTo("abort-7");
        s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(upload.uploadId()).partNumber(1), RequestBody.fromString("part"));
        var parts = s3.listParts(b -> b.bucket(bucket).key("big").uploadId(upload.uploadId()));
        assertThat(parts.abortDate()).isEqualTo(abortDate);
        assertThat(parts.abortRuleId()).isEqualTo("abort-7");

        advanceDays(endpoint, 9);

        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertS3Error(() -> s3.listParts(b -> b.bucket(bucket).key("big").uploadId(upload.uploadId())), "NoSuchUpload", 404);
    }

    @Test
    void aConfigurationReadsBackAsPut() {
        String bucket = bucket("lc-config");
        assertS3Error(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)), "NoSuchLifecycleConfiguration", 404);
        LifecycleRule tagged = LifecycleRule.builder().id("logs").status(ExpirationStatus.ENABLED)
                .filter(f -> f.and(a -> a.prefix("logs/").tags(Tag.builder().key("tier").value("cold").build())
                        .objectSizeGreaterThan(1024L).objectSizeLessThan(1L << 30)))
                .transitions(t -> t.days(30).storageClass(TransitionStorageClass.STANDARD_IA),
                        t -> t.days(90).storageClass(TransitionStorageClass.GLACIER))
                .expiration(e -> e.days(365)).build();
        LifecycleRule versions = LifecycleRule.builder().id("versions").status(ExpirationStatus.DISABLED)
                .filter(f -> f.prefix("data/"))
                .noncurrentVersionTransitions(t -> t.noncurrentDays(30).storageClass(TransitionStorageClass.ONEZONE_IA))
                .noncurrentVersionExpiration(n -> n.noncurrentDays(60).newerNoncurrentVersions(3))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(2)).build();
        PutBucketLifecycleConfigurationResponse put = s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .transitionDefaultMinimumObjectSize(TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS)
                .lifecycleConfiguration(c -> c.rules(tagged, versions)));
        assertThat(put.transitionDefaultMinimumObjectSize()).isEqualTo(TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS);

        GetBucketLifecycleConfigurationResponse got = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket));
        assertThat(got.rules()).containsExactly(tagged, versions);
        assertThat(got.transitionDefaultMinimumObjectSize()).isEqualTo(TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS);

        s3.deleteBucketLifecycle(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)), "NoSuchLifecycleConfiguration", 404);
    }

    @Test
    void s3RefusesWhatItWouldRefuse() {
        String bucket = bucket("lc-refused");
        assertS3Error(() -> lifecycle(bucket, rule("ia").transitions(t -> t.days(10).storageClass(TransitionStorageClass.STANDARD_IA))
                .build()), "InvalidArgument", 400);
        assertS3Error(() -> lifecycle(bucket, rule("same").expiration(e -> e.days(1)).build(), rule("same").expiration(e -> e.days(2))
                .build()), "InvalidArgument", 400);
        assertS3Error(() -> lifecycle(bucket, rule("zero").expiration(e -> e.days(0)).build()), "InvalidArgument", 400);
        assertS3Error(() -> lifecycle(bucket, rule("none").build()), "InvalidRequest", 400);
        assertS3Error(() -> lifecycle(bucket, rule("order").transitions(t -> t.days(100).storageClass(TransitionStorageClass.STANDARD_IA),
                t -> t.days(60).storageClass(TransitionStorageClass.GLACIER)).build()), "InvalidArgument", 400);
        assertS3Error(() -> lifecycle(bucket, rule("exp-first").transitions(t -> t.days(60).storageClass(TransitionStorageClass.GLACIER))
                .expiration(e -> e.days(30)).build()), "InvalidArgument", 400);
        assertS3Error(() -> lifecycle(bucket, LifecycleRule.builder().id("tags").status(ExpirationStatus.ENABLED)
                .filter(f -> f.tag(Tag.builder().key("a").value("b").build()))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build()), "InvalidRequest", 400);
        List<LifecycleRule> tooMany = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            tooMany.add(rule("r" + i).filter(LifecycleRuleFilter.builder().prefix("p" + i + "/").build()).expiration(e -> e.days(1)).build());
        }
        assertS3Error(() -> s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(tooMany).build())), "InvalidRequest", 400);
        assertS3Error(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)), "NoSuchLifecycleConfiguration", 404);
    }

    @Test
    void theAwsCliPutsAConfigurationFromAJsonFile(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        Scripts.assertRuns(List.of("bash", Scripts.script("s3_lifecycle_cli_check.sh"), endpoint.toString()), 180);
    }
}
