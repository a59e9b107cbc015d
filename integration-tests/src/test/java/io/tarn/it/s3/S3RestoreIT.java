package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.InvalidObjectStateException;
import software.amazon.awssdk.services.s3.model.ObjectStorageClass;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;
import software.amazon.awssdk.services.s3.model.RestoreStatus;
import software.amazon.awssdk.services.s3.model.RestoreObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tier;

/**
 * Archived objects and RestoreObject through the SDK v2, on the emulator clock. The server takes
 * each tier's longest time ({@code --s3-restore-delay max}) and the clock is frozen, so the tests
 * know the exact instant a restore completes and its copy expires.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--s3-restore-delay", "max"})
class S3RestoreIT {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void setUp(URI endpoint) {
        s3 = S3Support.client(endpoint);
        bucket = S3Support.bucketName("restore");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @BeforeEach
    void freeze(URI endpoint) throws Exception {
        AdminCalls.changeClock(endpoint, "{\"scale\":0}");
    }

    @AfterEach
    void thaw(URI endpoint) throws Exception {
        AdminCalls.changeClock(endpoint, "{\"scale\":1}");
    }

    @Test
    void aGlacierObjectRefusesGetUntilAStandardRestoreCompletesThreeToFiveHoursLater(URI endpoint) throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("cold.txt").storageClass(StorageClass.GLACIER), RequestBody.fromString("frozen"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("cold.txt")).storageClass()).isEqualTo(StorageClass.GLACIER);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("cold")).contents().get(0).storageClass())
                .isEqualTo(ObjectStorageClass.GLACIER);
        InvalidObjectStateException refused = catchThrowableOfType(
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("cold.txt")), InvalidObjectStateException.class);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.storageClass()).isEqualTo(StorageClass.GLACIER);
        S3Exception copyRefused = catchThrowableOfType(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("cold.txt")
                .destinationBucket(bucket).destinationKey("copy.txt")), S3Exception.class);
        assertThat(copyRefused.awsErrorDetails().errorCode()).isEqualTo("InvalidObjectState");

        Instant requested = AdminCalls.clockNow(endpoint);
        RestoreObjectResponse accepted = s3.restoreObject(b -> b.bucket(bucket).key("cold.txt")
                .restoreRequest(r -> r.days(1).glacierJobParameters(j -> j.tier(Tier.STANDARD))));
        assertThat(accepted.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("cold.txt")).restore()).isEqualTo("ongoing-request=\"true\"");
        assertThat(s3.listObjects(b -> b.bucket(bucket).prefix("cold").optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                .contents().get(0).restoreStatus().isRestoreInProgress()).isTrue();
        S3Exception again = catchThrowableOfType(() -> s3.restoreObject(b -> b.bucket(bucket).key("cold.txt")
                .restoreRequest(r -> r.days(1))), S3Exception.class);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.awsErrorDetails().errorCode()).isEqualTo("RestoreAlreadyInProgress");

        AdminCalls.changeClock(endpoint, "{\"advance\":\"PT3H\"}");
        assertThat(catchThrowableOfType(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("cold.txt")),
                InvalidObjectStateException.class)).isNotNull();
        AdminCalls.changeClock(endpoint, "{\"advance\":\"PT2H\"}"); // Standard: at most 5 hours
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cold.txt")).asUtf8String()).isEqualTo("frozen");
        Instant expiry = requested.plus(Duration.ofHours(5)).plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("cold.txt"));
        assertThat(head.restore()).isEqualTo("ongoing-request=\"false\", expiry-date=\"" + HTTP_DATE.format(expiry) + "\"");
        RestoreStatus listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix("cold").optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                .contents().get(0).restoreStatus();
        assertThat(listed.isRestoreInProgress()).isFalse();
        assertThat(listed.restoreExpiryDate()).isEqualTo(expiry);
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("cold").optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                .versions().get(0).restoreStatus().isRestoreInProgress()).isFalse();

        // a restored copy can be copied, here in place to STANDARD; the archived version stays archived elsewhere
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("cold.txt").destinationBucket(bucket).destinationKey("warm.txt"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("warm.txt")).asUtf8String()).isEqualTo("frozen");

        RestoreObjectResponse extended = s3.restoreObject(b -> b.bucket(bucket).key("cold.txt").restoreRequest(r -> r.days(1)));
        assertThat(extended.sdkHttpResponse().statusCode()).isEqualTo(200);

        Instant now = AdminCalls.clockNow(endpoint);
        Instant newExpiry = now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        AdminCalls.changeClock(endpoint, "{\"advance\":\"" + Duration.between(now, newExpiry) + "\"}");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("cold.txt")).restore()).isNull();
        assertThat(catchThrowableOfType(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("cold.txt")),
                InvalidObjectStateException.class)).isNotNull();
    }

    @Test
    void storageClassesChangeInPlaceAndOnlyArchivedOnesRestore() {
        s3.putObject(b -> b.bucket(bucket).key("ir.txt").storageClass(StorageClass.GLACIER_IR), RequestBody.fromString("instant"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("ir.txt")).asUtf8String()).isEqualTo("instant");
        S3Exception notArchived = catchThrowableOfType(() -> s3.restoreObject(b -> b.bucket(bucket).key("ir.txt")
                .restoreRequest(r -> r.days(1))), S3Exception.class);
        assertThat(notArchived.awsErrorDetails().errorCode()).isEqualTo("InvalidObjectState");

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("ir.txt").destinationBucket(bucket).destinationKey("ir.txt")
                .storageClass(StorageClass.DEEP_ARCHIVE));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("ir.txt")).storageClass()).isEqualTo(StorageClass.DEEP_ARCHIVE);
        S3Exception expedited = catchThrowableOfType(() -> s3.restoreObject(b -> b.bucket(bucket).key("ir.txt")
                .restoreRequest(r -> r.days(1).glacierJobParameters(j -> j.tier(Tier.EXPEDITED)))), S3Exception.class);
        assertThat(expedited.statusCode()).isEqualTo(400);

        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("deep.bin").storageClass(StorageClass.DEEP_ARCHIVE)).uploadId();
        assertThat(s3.listParts(b -> b.bucket(bucket).key("deep.bin").uploadId(upload)).storageClass()).isEqualTo(StorageClass.DEEP_ARCHIVE);
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("deep.bin").uploadId(upload));

        S3Exception invalid = catchThrowableOfType(() -> s3.putObject(b -> b.bucket(bucket).key("x").storageClass("SNOW"),
                RequestBody.fromString("x")), S3Exception.class);
        assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("InvalidStorageClass");
    }

    @Test
    void awsCliRestoreObject(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        Scripts.assertRuns(List.of("bash", Scripts.script("s3_restore_cli_check.sh"), endpoint.toString()), 180);
    }
}
