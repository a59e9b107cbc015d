package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 Object Lock through the SDK v2, as the S3 User Guide describes it ("Locking objects with
 * Object Lock"): a bucket created with it, default retention, per-version retention and legal
 * holds, deletes of protected versions refused while delete markers still work, and retention
 * that ends when the emulator clock passes it. Each test uses its own bucket; the clock only
 * moves forward, and the test that advances it looks at its own versions only.
 */
@ExtendWith(TarnServerExtension.class)
class S3ObjectLockIT {

    private static URI endpoint;
    private static S3Client s3;

    @BeforeAll
    static void setUp(URI uri) {
        endpoint = uri;
        s3 = S3Support.client(uri);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static String lockedBucket(String prefix) {
        String bucket = S3Support.bucketName(prefix);
        s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        return bucket;
    }

    private static Instant inDays(long days) throws Exception {
        return AdminCalls.clockNow(endpoint).plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void aLockedBucketIsVersionedForGood() {
        String bucket = lockedBucket("lock-bucket");
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).statusAsString()).isEqualTo("Enabled");
        assertS3Error(() -> s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Suspended"))),
                "InvalidBucketState", 409);
        var config = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration();
        assertThat(config.objectLockEnabled()).isEqualTo(ObjectLockEnabled.ENABLED);
        assertThat(config.rule()).isNull();

        String plain = S3Support.bucketName("lock-none");
        s3.createBucket(b -> b.bucket(plain));
        assertS3Error(() -> s3.getObjectLockConfiguration(b -> b.bucket(plain)), "ObjectLockConfigurationNotFoundError", 404);
        assertS3Error(() -> s3.putObjectLockConfiguration(b -> b.bucket(plain)
                .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED))), "InvalidBucketState", 409);
        s3.putObject(b -> b.bucket(plain).key("k"), RequestBody.fromString("x"));
        assertS3Error(() -> s3.getObjectRetention(b -> b.bucket(plain).key("k")), "InvalidRequest", 400);
    }

    @Test
    void defaultRetentionAppliesToNewVersions() {
        String bucket = lockedBucket("lock-default");
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(3)))));
        var rule = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration().rule().defaultRetention();
        assertThat(rule.mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
        assertThat(rule.days()).isEqualTo(3);

        String version = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x")).versionId();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        // counted from the version's creation, which Last-Modified shows to the second only
        assertThat(head.objectLockRetainUntilDate().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(head.lastModified().plus(3, ChronoUnit.DAYS));
        var retention = s3.getObjectRetention(b -> b.bucket(bucket).key("k").versionId(version)).retention();
        assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
        assertS3Error(() -> s3.getObjectLegalHold(b -> b.bucket(bucket).key("k")), "NoSuchObjectLockConfiguration", 404);

        // a client that sends no checksum is refused, as AWS refuses it, once the upload gets a retention
        try (S3Client plain = S3Support.plainClient(endpoint)) {
            assertS3Error(() -> plain.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("x")), "InvalidRequest", 400);
        }

        // DeleteObjects: per key AccessDenied, unless the bypass is given (GOVERNANCE)
        DeleteObjectsResponse refused = s3.deleteObjects(b -> b.bucket(bucket)
                .delete(d -> d.objects(ObjectIdentifier.builder().key("k").versionId(version).build())));
        assertThat(refused.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("AccessDenied");
            assertThat(e.versionId()).isEqualTo(version);
        });
        DeleteObjectsResponse bypassed = s3.deleteObjects(b -> b.bucket(bucket).bypassGovernanceRetention(true)
                .delete(d -> d.objects(ObjectIdentifier.builder().key("k").versionId(version).build())));
        assertThat(bypassed.errors()).isEmpty();
        assertThat(bypassed.deleted()).singleElement().satisfies(d -> assertThat(d.versionId()).isEqualTo(version));
    }

    @Test
    void retentionAndLegalHoldProtectAVersionUntilTheClockPassesThem() throws Exception {
        String bucket = lockedBucket("lock-flow");
        Instant until = inDays(2);
        var put = s3.putObject(b -> b.bucket(bucket).key("k").objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until)
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON), RequestBody.fromString("kept"));
        String version = put.versionId();
        var got = s3.getObject(b -> b.bucket(bucket).key("k")).response();
        assertThat(got.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(got.objectLockRetainUntilDate()).isEqualTo(until);
        assertThat(got.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);

        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(version).bypassGovernanceRetention(true)),
                "AccessDenied", 403);
        // COMPLIANCE is never shortened, bypass or not; extending is always allowed
        assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("k").versionId(version).bypassGovernanceRetention(true)
                .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until.minusSeconds(60)))), "AccessDenied", 403);
        Instant later = until.plus(1, ChronoUnit.DAYS);
        s3.putObjectRetention(b -> b.bucket(bucket).key("k").versionId(version)
                .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(later)));
        assertThat(s3.getObjectRetention(b -> b.bucket(bucket).key("k").versionId(version)).retention().retainUntilDate())
                .isEqualTo(later);
        assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("k")
                .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(Instant.parse("2001-01-01T00:00:00Z")))),
                "InvalidArgument", 400);

        // a plain DELETE still adds a delete marker; the protected version stays
        var marker = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(version)).asUtf8String()).isEqualTo("kept");
        s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(marker.versionId()));

        AdminCalls.changeClock(endpoint, "{\"advance\":\"P4D\"}");
        // retention has passed, the legal hold has not
        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(version)), "AccessDenied", 403);
        s3.putObjectLegalHold(b -> b.bucket(bucket).key("k").versionId(version).legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        assertThat(s3.getObjectLegalHold(b -> b.bucket(bucket).key("k").versionId(version)).legalHold().status())
                .isEqualTo(ObjectLockLegalHoldStatus.OFF);
        assertThat(s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(version)).versionId()).isEqualTo(version);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("k").versionId(version))).isInstanceOf(S3Exception.class);
    }

    @Test
    void multipartUploadsAndCopiesTakeTheLockTheyNameAndGovernanceYieldsToTheBypass() throws Exception {
        String bucket = lockedBucket("lock-mpu");
        Instant until = inDays(30);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mpu").objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(until)).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("mpu").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();
        String version = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mpu").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).versionId();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("mpu"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(until);

        var copy = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("mpu").destinationBucket(bucket).destinationKey("copy")
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON));
        HeadObjectResponse copied = s3.headObject(b -> b.bucket(bucket).key("copy"));
        assertThat(copied.objectLockMode()).isNull(); // never the source's retention
        assertThat(copied.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
        s3.putObjectLegalHold(b -> b.bucket(bucket).key("copy").legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        s3.deleteObject(b -> b.bucket(bucket).key("copy").versionId(copy.versionId()));

        // GOVERNANCE: shortened or removed only with the bypass
        assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("mpu").retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE)
                .retainUntilDate(until.minus(1, ChronoUnit.DAYS)))), "AccessDenied", 403);
        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("mpu").versionId(version)), "AccessDenied", 403);
        s3.putObjectRetention(b -> b.bucket(bucket).key("mpu").bypassGovernanceRetention(true).retention(r -> r.build()));
        assertS3Error(() -> s3.getObjectRetention(b -> b.bucket(bucket).key("mpu")), "NoSuchObjectLockConfiguration", 404);
        s3.deleteObject(b -> b.bucket(bucket).key("mpu").versionId(version));
    }

    @Test
    void boto3SeesTheSameObjectLock() throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "python3 with boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("s3_object_lock_boto3.py"), endpoint.toString()), 120);
    }
}
