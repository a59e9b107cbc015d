package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ArchiveStatus;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.IntelligentTieringAccessTier;
import software.amazon.awssdk.services.s3.model.IntelligentTieringConfiguration;
import software.amazon.awssdk.services.s3.model.IntelligentTieringStatus;
import software.amazon.awssdk.services.s3.model.IntelligentTieringAndOperator;
import software.amazon.awssdk.services.s3.model.InvalidObjectStateException;
import software.amazon.awssdk.services.s3.model.ListBucketIntelligentTieringConfigurationsResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectStorageClass;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;
import software.amazon.awssdk.services.s3.model.RestoreObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tier;

/**
 * S3 Intelligent-Tiering through the SDK v2 on a frozen emulator clock advanced by days: the
 * configurations, objects moving to the archive tiers a configuration opts into unless read,
 * {@code x-amz-archive-status}, reads refused with the tier, and a restore bringing one back.
 * The server takes each restore tier's longest time, so the tests know when it completes.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--s3-restore-delay", "max"})
class S3IntelligentTieringIT {

    private static final int BIG = 200 * 1024; // monitored: 128 KiB or more
    private static S3Client s3;

    @BeforeAll
    static void setUp(URI endpoint) {
        s3 = S3Support.client(endpoint);
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

    private static void putTiered(String bucket, String key, int size) {
        s3.putObject(b -> b.bucket(bucket).key(key).storageClass(StorageClass.INTELLIGENT_TIERING),
                RequestBody.fromBytes(S3Support.random(size, key.hashCode())));
    }

    private static IntelligentTieringConfiguration archiveAfter(String id, String prefix, int archiveDays, int deepDays) {
        return IntelligentTieringConfiguration.builder().id(id).status(IntelligentTieringStatus.ENABLED)
                .filter(f -> f.prefix(prefix))
                .tierings(t -> t.accessTier(IntelligentTieringAccessTier.ARCHIVE_ACCESS).days(archiveDays),
                        t -> t.accessTier(IntelligentTieringAccessTier.DEEP_ARCHIVE_ACCESS).days(deepDays))
                .build();
    }

    @Test
    void unreadObjectsGoToTheArchiveTiersAndARestoreBringsOneBack(URI endpoint) throws Exception {
        String bucket = S3Support.bucketName("tiering");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id("cold-data")
                .intelligentTieringConfiguration(archiveAfter("cold-data", "data/", 90, 180)));
        putTiered(bucket, "data/unread.bin", BIG);
        putTiered(bucket, "data/read.bin", BIG);
        putTiered(bucket, "data/small.bin", 1024); // under 128 KiB: never moved
        putTiered(bucket, "other/unread.bin", BIG); // outside the configuration: Archive Instant Access at most

        AdminCalls.changeClock(endpoint, "{\"advance\":\"P60D\"}");
        s3.getObjectAsBytes(b -> b.bucket(bucket).key("data/read.bin")); // an access: its 90 days start again
        s3.headObject(b -> b.bucket(bucket).key("data/unread.bin")); // HEAD is no access
        AdminCalls.changeClock(endpoint, "{\"advance\":\"P31D\"}");

        assertThat(s3.headObject(b -> b.bucket(bucket).key("data/unread.bin")).archiveStatus()).isEqualTo(ArchiveStatus.ARCHIVE_ACCESS);
        for (String readable : List.of("data/read.bin", "data/small.bin", "other/unread.bin")) {
            assertThat(s3.headObject(b -> b.bucket(bucket).key(readable)).archiveStatus()).isNull();
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(readable)).asByteArray()).hasSize(readable.contains("small") ? 1024 : BIG);
        }
        // whatever the tier, S3 reports the class
        assertThat(s3.headObject(b -> b.bucket(bucket).key("data/unread.bin")).storageClass()).isEqualTo(StorageClass.INTELLIGENT_TIERING);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("data/unread")).contents().get(0).storageClass())
                .isEqualTo(ObjectStorageClass.INTELLIGENT_TIERING);
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key("data/unread.bin")
                .objectAttributes(ObjectAttributes.STORAGE_CLASS));
        assertThat(attributes.storageClass()).isEqualTo(StorageClass.INTELLIGENT_TIERING);

        InvalidObjectStateException refused = catchThrowableOfType(
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("data/unread.bin")), InvalidObjectStateException.class);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.storageClass()).isEqualTo(StorageClass.INTELLIGENT_TIERING);
        assertThat(refused.accessTier()).isEqualTo(IntelligentTieringAccessTier.ARCHIVE_ACCESS);
        S3Exception copyRefused = catchThrowableOfType(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("data/unread.bin")
                .destinationBucket(bucket).destinationKey("copy.bin")), S3Exception.class);
        assertThat(copyRefused.awsErrorDetails().errorCode()).isEqualTo("InvalidObjectState");

        S3Exception withDays = catchThrowableOfType(() -> s3.restoreObject(b -> b.bucket(bucket).key("data/unread.bin")
                .restoreRequest(r -> r.days(1))), S3Exception.class);
        assertThat(withDays.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
        RestoreObjectResponse accepted = s3.restoreObject(b -> b.bucket(bucket).key("data/unread.bin")
                .restoreRequest(r -> r.glacierJobParameters(j -> j.tier(Tier.EXPEDITED))));
        assertThat(accepted.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("data/unread.bin")).restore()).isEqualTo("ongoing-request=\"true\"");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("data/unread").optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                .contents().get(0).restoreStatus().isRestoreInProgress()).isTrue();
        AdminCalls.changeClock(endpoint, "{\"advance\":\"PT5M\"}"); // Expedited from Archive Access: 1-5 minutes
        assertThat(s3.headObject(b -> b.bucket(bucket).key("data/unread.bin")).archiveStatus()).isNull();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("data/unread.bin")).asByteArray()).hasSize(BIG);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("data/unread").optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                .contents().get(0).restoreStatus()).isNull(); // moved back for good: no restored copy to report

        // 180 days without access later, Deep Archive Access, where Expedited is refused
        AdminCalls.changeClock(endpoint, "{\"advance\":\"P181D\"}");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("data/unread.bin")).archiveStatus())
                .isEqualTo(ArchiveStatus.DEEP_ARCHIVE_ACCESS);
        S3Exception expedited = catchThrowableOfType(() -> s3.restoreObject(b -> b.bucket(bucket).key("data/unread.bin")
                .restoreRequest(r -> r.glacierJobParameters(j -> j.tier(Tier.EXPEDITED)))), S3Exception.class);
        assertThat(expedited.statusCode()).isEqualTo(400);
    }

    @Test
    void configurationsArePutReadListedAndDeletedAsS3Checks() {
        String bucket = S3Support.bucketName("tiering-config");
        s3.createBucket(b -> b.bucket(bucket));
        IntelligentTieringConfiguration tagged = IntelligentTieringConfiguration.builder().id("tagged")
                .status(IntelligentTieringStatus.DISABLED)
                .filter(f -> f.and(IntelligentTieringAndOperator.builder().prefix("logs/")
                        .tags(Tag.builder().key("team").value("a").build()).build()))
                .tierings(t -> t.accessTier(IntelligentTieringAccessTier.DEEP_ARCHIVE_ACCESS).days(365)).build();
        s3.putBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id("tagged").intelligentTieringConfiguration(tagged));
        s3.putBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id("all")
                .intelligentTieringConfiguration(archiveAfter("all", "", 90, 180)));
        assertThat(s3.getBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id("tagged")).intelligentTieringConfiguration())
                .isEqualTo(tagged);
        ListBucketIntelligentTieringConfigurationsResponse listed = s3.listBucketIntelligentTieringConfigurations(b -> b.bucket(bucket));
        assertThat(listed.isTruncated()).isFalse();
        assertThat(listed.intelligentTieringConfigurationList()).extracting(IntelligentTieringConfiguration::id)
                .containsExactly("all", "tagged");

        S3Exception tooSoon = catchThrowableOfType(() -> s3.putBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id("soon")
                .intelligentTieringConfiguration(archiveAfter("soon", "", 30, 180))), S3Exception.class);
        assertThat(tooSoon.statusCode()).isEqualTo(400);
        assertThat(tooSoon.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
        assertThat(tooSoon.awsErrorDetails().errorMessage()).isEqualTo("Days specified in ARCHIVE_ACCESS tier should not be less than 90");

        for (int i = 0; i < 100; i++) { // 102 in all: lists of 100
            String id = String.format("n%03d", i);
            s3.putBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id(id).intelligentTieringConfiguration(archiveAfter(id, "", 90, 180)));
        }
        ListBucketIntelligentTieringConfigurationsResponse first = s3.listBucketIntelligentTieringConfigurations(b -> b.bucket(bucket));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.intelligentTieringConfigurationList()).hasSize(100);
        ListBucketIntelligentTieringConfigurationsResponse second = s3.listBucketIntelligentTieringConfigurations(b -> b.bucket(bucket)
                .continuationToken(first.nextContinuationToken()));
        assertThat(second.isTruncated()).isFalse();
        assertThat(second.intelligentTieringConfigurationList()).extracting(IntelligentTieringConfiguration::id)
                .containsExactly("n099", "tagged");

        s3.deleteBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id("tagged"));
        S3Exception gone = catchThrowableOfType(() -> s3.getBucketIntelligentTieringConfiguration(b -> b.bucket(bucket).id("tagged")),
                S3Exception.class);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("NoSuchConfiguration");
        S3Exception noBucket = catchThrowableOfType(() -> s3.listBucketIntelligentTieringConfigurations(b -> b.bucket(bucket + "-none")),
                S3Exception.class);
        assertThat(noBucket.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
    }

    @Test
    void awsCliPutsAConfigurationFromAJsonFile(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        Scripts.assertRuns(List.of("bash", Scripts.script("s3_tiering_cli_check.sh"), endpoint.toString()), 180);
    }
}
