package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AnalyticsConfiguration;
import software.amazon.awssdk.services.s3.model.AnalyticsS3ExportFileFormat;
import software.amazon.awssdk.services.s3.model.ListBucketAnalyticsConfigurationsResponse;
import software.amazon.awssdk.services.s3.model.StorageClassAnalysisSchemaVersion;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Storage class analysis through the SDK v2: configurations and S3's errors, GETs counted and the
 * daily CSV export written to the destination bucket as the emulator clock passes midnights.
 */
@ExtendWith(TarnServerExtension.class)
class S3AnalyticsIT {

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

    private static AnalyticsConfiguration exported(String id, String destination, String prefix) {
        return AnalyticsConfiguration.builder().id(id).filter(f -> f.prefix(prefix))
                .storageClassAnalysis(a -> a.dataExport(e -> e.outputSchemaVersion(StorageClassAnalysisSchemaVersion.V_1)
                        .destination(d -> d.s3BucketDestination(s -> s.format(AnalyticsS3ExportFileFormat.CSV)
                                .bucket("arn:aws:s3:::" + destination).bucketAccountId("000000000000").prefix("analysis/")))))
                .build();
    }

    @Test
    void configurationsReadBackListAndDelete() {
        String bucket = bucket("an-config");
        AnalyticsConfiguration tagged = AnalyticsConfiguration.builder().id("tagged")
                .filter(f -> f.and(a -> a.prefix("logs/").tags(Tag.builder().key("team").value("red").build(),
                        Tag.builder().key("env").value("prod").build())))
                .storageClassAnalysis(a -> a.build()).build();
        s3.putBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("tagged").analyticsConfiguration(tagged));
        AnalyticsConfiguration export = exported("export", "dest", "data/");
        s3.putBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("export").analyticsConfiguration(export));

        assertThat(s3.getBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("tagged")).analyticsConfiguration()).isEqualTo(tagged);
        assertThat(s3.getBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("export")).analyticsConfiguration()).isEqualTo(export);
        ListBucketAnalyticsConfigurationsResponse list = s3.listBucketAnalyticsConfigurations(b -> b.bucket(bucket));
        assertThat(list.isTruncated()).isFalse();
        assertThat(list.analyticsConfigurationList()).extracting(AnalyticsConfiguration::id).containsExactly("export", "tagged");

        s3.deleteBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("tagged"));
        assertS3Error(() -> s3.getBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("tagged")), "NoSuchConfiguration", 404);
        assertS3Error(() -> s3.deleteBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("tagged")), "NoSuchConfiguration", 404);
        // the body must name the configuration the request names
        assertS3Error(() -> s3.putBucketAnalyticsConfiguration(b -> b.bucket(bucket).id("other").analyticsConfiguration(export)),
                "MalformedXML", 400);
        assertS3Error(() -> s3.listBucketAnalyticsConfigurations(b -> b.bucket("no-such-bucket-an")), "NoSuchBucket", 404);
    }

    @Test
    void listingPagesAHundredAtATime() {
        String bucket = bucket("an-pages");
        for (int i = 0; i < 150; i++) {
            String id = String.format("c%03d", i);
            s3.putBucketAnalyticsConfiguration(b -> b.bucket(bucket).id(id)
                    .analyticsConfiguration(c -> c.id(id).storageClassAnalysis(a -> a.build())));
        }
        ListBucketAnalyticsConfigurationsResponse first = s3.listBucketAnalyticsConfigurations(b -> b.bucket(bucket));
        assertThat(first.analyticsConfigurationList()).hasSize(100);
        assertThat(first.isTruncated()).isTrue();
        ListBucketAnalyticsConfigurationsResponse second = s3.listBucketAnalyticsConfigurations(b -> b.bucket(bucket)
                .continuationToken(first.nextContinuationToken()));
        assertThat(second.analyticsConfigurationList()).hasSize(50);
        assertThat(second.analyticsConfigurationList().get(0).id()).isEqualTo("c100");
        assertThat(second.isTruncated()).isFalse();
    }

    @Test
    void getsAreExportedDailyAndARecommendationFollowsThirtyDays(URI endpoint) throws Exception {
        String source = bucket("an-source");
        String destination = bucket("an-dest");
        s3.putBucketAnalyticsConfiguration(b -> b.bucket(source).id("daily").analyticsConfiguration(exported("daily", destination, "data/")));
        s3.putObject(b -> b.bucket(source).key("data/k"), RequestBody.fromBytes(S3Support.random(1 << 20, 1)));
        s3.getObjectAsBytes(b -> b.bucket(source).key("data/k"));
        s3.getObjectAsBytes(b -> b.bucket(source).key("data/k").range("bytes=0-1023"));
        String today = AdminCalls.clockNow(endpoint).atZone(ZoneOffset.UTC).toLocalDate().toString();

        Instant now = AdminCalls.changeClock(endpoint, "{\"advance\":\"P1D\"}");
        String key = "analysis/" + source + "/daily.csv";
        List<String[]> rows = csv(destination, key);
        String[] young = rows.stream().filter(r -> r[0].equals(today) && r[4].equals("000-014")).findFirst().orElseThrow();
        assertThat(young[1]).isEqualTo("daily");
        assertThat(young[2]).isEqualTo("Prefix=data/");
        assertThat(young[5]).isEqualTo("1"); // ObjectCount
        assertThat(young[7]).isEqualTo("1.000000"); // Storage_MB
        assertThat(young[8]).isEqualTo("1.000977"); // DataRetrieved_MB: the whole object and 1 KiB
        assertThat(young[9]).isEqualTo("2"); // GetRequestCount

        AdminCalls.changeClock(endpoint, "{\"advance\":\"P35D\"}"); // never read again
        String day = now.plusSeconds(34 * 86_400).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String[] aged = csv(destination, key).stream().filter(r -> r[0].equals(day) && r[4].equals("030-044")).findFirst().orElseThrow();
        assertThat(aged[5]).isEqualTo("1");
        assertThat(aged[12]).isEqualTo("30"); // RecommendedObjectAgeForSIATransition
    }

    private static List<String[]> csv(String bucket, String key) {
        String text = new String(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertThat(lines[0]).startsWith("Date,ConfigId,Filter,StorageClass,ObjectAge,ObjectCount,DataUploaded_MB,Storage_MB,");
        return Arrays.stream(lines).skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void theAwsCliPutsAConfiguration(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        Scripts.assertRuns(List.of("bash", Scripts.script("s3_analytics_cli_check.sh"), endpoint.toString()), 180);
    }
}
