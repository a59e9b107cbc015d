package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Bucket details real clients trip on (issue 13): where CreateBucket puts a bucket, what it refuses
 * rather than ignores, ACL grant validation, CORS headers on errors, and the integrity headers
 * every configuration PUT is checked against.
 */
@ExtendWith(TarnServerExtension.class)
// its raw requests are unsigned, which access control takes as anonymous (S3BucketPolicyIT covers that)
@ServerArgs({"--s3-access-control", "off"})
class S3BucketRulesIT {

    private static final String TAGGING = "<Tagging><TagSet><Tag><Key>team</Key><Value>data</Value></Tag></TagSet></Tagging>";

    private static S3Client s3;
    private static S3Client euS3;
    private static S3Client chinaS3;
    private static URI endpoint;

    @BeforeAll
    static void clients(URI uri) {
        endpoint = uri;
        s3 = S3Support.client(uri);
        euS3 = S3Support.client(uri, Region.EU_WEST_1, "test");
        chinaS3 = S3Support.client(uri, Region.CN_NORTH_1, "test");
    }

    @AfterAll
    static void close() {
        s3.close();
        euS3.close();
        chinaS3.close();
    }

    @Test
    void theGlobalEndpointCreatesInTheRegionTheConstraintNames() {
        String bucket = bucketName("global-to-london");
        s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_2)));
        assertThat(s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraint()).isEqualTo(BucketLocationConstraint.EU_WEST_2);
        assertThat(s3.headBucket(b -> b.bucket(bucket)).bucketRegion()).isEqualTo("eu-west-2");
    }

    @Test
    void theLegacyEuConstraintIsIrelandAndAnsweredAsEu() {
        String bucket = bucketName("legacy-eu");
        s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU)));
        assertThat(s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString()).isEqualTo("EU");
        assertThat(s3.headBucket(b -> b.bucket(bucket)).bucketRegion()).isEqualTo("eu-west-1");
        assertThat(s3.listBuckets(b -> b.prefix(bucket)).buckets()).extracting(Bucket::bucketRegion).containsExactly("eu-west-1");
    }

    @Test
    void aRegionalEndpointCreatesOnlyInItsOwnRegion() {
        assertS3Error(() -> euS3.createBucket(b -> b.bucket(bucketName("eu-to-oregon"))
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.US_WEST_2))),
                "IllegalLocationConstraintException", 400);
        // (the SDK adds its own region as the constraint when none is given, so "unspecified" is a unit test)
        assertS3Error(() -> s3.createBucket(b -> b.bucket(bucketName("global-to-china"))
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.CN_NORTH_1))),
                "IllegalLocationConstraintException", 400);
    }

    @Test
    void otherPartitionsRegionsAreValidAtTheirOwnEndpointAndListBucketsFiltersOnTheRegion() {
        String bucket = bucketName("beijing");
        chinaS3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.CN_NORTH_1)));
        assertThat(chinaS3.headBucket(b -> b.bucket(bucket)).bucketRegion()).isEqualTo("cn-north-1");

        String home = bucketName("beijing-neighbour");
        s3.createBucket(b -> b.bucket(home));
        assertThat(s3.listBuckets(b -> b.bucketRegion("cn-north-1")).buckets()).extracting(Bucket::name)
                .contains(bucket).doesNotContain(home);
        assertThat(s3.listBuckets(b -> b.bucketRegion("us-east-1")).buckets()).extracting(Bucket::name)
                .contains(home).doesNotContain(bucket);
        assertThat(s3.listBuckets(b -> b.bucketRegion("cn-north-1").prefix("beijing-")).buckets()).extracting(Bucket::name)
                .contains(bucket).doesNotContain(home);
    }

    @Test
    void tagsGivenAtCreationAreKept() {
        String bucket = bucketName("born-tagged");
        s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.tags(Tag.builder().key("team").value("data").build())));
        Map<String, String> tags = s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).containsExactly(Map.entry("team", "data"));
    }

    @Test
    void objectLockAtCreationTurnsVersioningOn() {
        String bucket = bucketName("locked");
        s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).statusAsString()).isEqualTo("Enabled");
        String plain = bucketName("unlocked");
        s3.createBucket(b -> b.bucket(plain).objectLockEnabledForBucket(false));
        assertThat(s3.getBucketVersioning(b -> b.bucket(plain)).statusAsString()).isNull();
    }

    @Test
    void anUnbuiltSubresourceOfAMissingBucketIsNoSuchBucket() throws Exception {
        assertS3Error(() -> s3.getBucketWebsite(b -> b.bucket(bucketName("missing"))), "NoSuchBucket", 404);
        String missing = bucketName("missing");
        HttpResponse<String> raw = S3Support.raw(endpoint, "GET", "/" + missing + "?website");
        assertError(raw, 404, "NoSuchBucket");
        // S3 names the bucket in BucketName; only its documented NoSuchKey example carries Resource
        assertThat(raw.body()).contains("<BucketName>" + missing + "</BucketName>").doesNotContain("<Resource>");
        String bucket = bucketName("present");
        s3.createBucket(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketWebsite(b -> b.bucket(bucket)), "NotImplemented", 501);
    }

    @Test
    void headBucketAnswersAnXmlContentType() throws Exception {
        String bucket = bucketName("head-type");
        s3.createBucket(b -> b.bucket(bucket));
        HttpResponse<String> head = S3Support.raw(endpoint, "HEAD", "/" + bucket);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-type")).hasValue("application/xml");
        assertThat(head.headers().firstValue("x-amz-bucket-region")).hasValue("us-east-1");
    }

    @Test
    void aclGranteesAreValidated() {
        String bucket = bucketName("grants");
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).grantRead("id=\"not-a-canonical-id\"")), "InvalidArgument", 400);
        assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).grantRead("emailAddress=\"someone@example.com\"")),
                "UnresolvableGrantByEmailAddress", 400);
        assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).grantRead("uri=\"http://acs.amazonaws.com/groups/global/Nobody\"")),
                "InvalidArgument", 400);
        s3.putBucketAcl(b -> b.bucket(bucket).grantRead("id=\"" + "ab".repeat(32) + "\""));
    }

    @Test
    void underBucketOwnerEnforcedOnlyTheOwnersFullControlIsAccepted() {
        String bucket = bucketName("enforced");
        s3.createBucket(b -> b.bucket(bucket));
        String owner = s3.getBucketAcl(b -> b.bucket(bucket)).owner().id();
        s3.putBucketAcl(b -> b.bucket(bucket).grantFullControl("id=\"" + owner + "\""));
        assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).grantFullControl("id=\"" + "cd".repeat(32) + "\"")),
                "AccessControlListNotSupported", 400);
    }

    @Test
    void enforcingBucketOwnershipOverAnAclThatGrantsOthersIsRefused() {
        String bucket = bucketName("enforce-late");
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.OBJECT_WRITER).acl(BucketCannedACL.PUBLIC_READ));
        assertS3Error(() -> s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(o -> o.rules(
                OwnershipControlsRule.builder().objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).build()))),
                "InvalidBucketAclWithObjectOwnership", 400);
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(o -> o.rules(
                OwnershipControlsRule.builder().objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).build())));
    }

    @Test
    void corsHeadersGoOnErrorAnswersToo() throws Exception {
        String bucket = bucketName("cors-errors");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("https://app.example.com").allowedMethods("GET").build())));
        HttpResponse<String> missing = send("GET", "/" + bucket + "/no-such-key", Map.of("Origin", "https://app.example.com"), null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<Code>NoSuchKey</Code>");
        assertThat(missing.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example.com");
        HttpResponse<String> otherOrigin = send("GET", "/" + bucket + "/no-such-key", Map.of("Origin", "https://evil.example.com"), null);
        assertThat(otherOrigin.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void aConfigurationBodyIsCheckedAgainstItsContentMd5() throws Exception {
        String bucket = bucketName("md5-tagging");
        s3.createBucket(b -> b.bucket(bucket));
        String wrongMd5 = S3Support.md5Base64(S3Support.utf8("something else"));
        assertError(send("PUT", "/" + bucket + "?tagging", Map.of("Content-MD5", wrongMd5), TAGGING), 400, "BadDigest");
        assertError(send("PUT", "/" + bucket + "?tagging", Map.of("Content-MD5", "not-base64!"), TAGGING), 400, "InvalidDigest");
        assertError(send("PUT", "/" + bucket + "?tagging", Map.of(), TAGGING), 400, "InvalidRequest");
        assertS3Error(() -> s3.getBucketTagging(b -> b.bucket(bucket)), "NoSuchTagSet", 404);

        HttpResponse<String> ok = send("PUT", "/" + bucket + "?tagging", Map.of("Content-MD5", S3Support.md5Base64(S3Support.utf8(TAGGING))),
                TAGGING);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
        assertThat(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet()).hasSize(1);
    }

    @Test
    void aFlexibleChecksumStandsInForContentMd5AndIsVerified() throws Exception {
        String bucket = bucketName("crc-cors");
        s3.createBucket(b -> b.bucket(bucket));
        String cors = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>";
        assertError(send("PUT", "/" + bucket + "?cors", Map.of("x-amz-sdk-checksum-algorithm", "CRC32",
                "x-amz-checksum-crc32", crc32("different")), cors), 400, "BadDigest");
        assertError(send("PUT", "/" + bucket + "?cors", Map.of("x-amz-sdk-checksum-algorithm", "CRC32"), cors), 400, "InvalidRequest");
        HttpResponse<String> ok = send("PUT", "/" + bucket + "?cors", Map.of("x-amz-sdk-checksum-algorithm", "CRC32",
                "x-amz-checksum-crc32", crc32(cors)), cors);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void deleteObjectsAndObjectTaggingCheckTheirDigestsToo() throws Exception {
        String bucket = bucketName("md5-objects");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("kept"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        String delete = "<Delete><Object><Key>kept</Key></Object></Delete>";
        String wrongMd5 = S3Support.md5Base64(S3Support.utf8("something else"));
        assertError(send("POST", "/" + bucket + "?delete", Map.of("Content-MD5", wrongMd5), delete), 400, "BadDigest");
        assertError(send("POST", "/" + bucket + "?delete", Map.of(), delete), 400, "InvalidRequest");
        assertError(send("PUT", "/" + bucket + "/kept?tagging", Map.of("Content-MD5", wrongMd5), TAGGING), 400, "BadDigest");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("kept")).contentLength()).isEqualTo(1);
        // the SDK's own requests (a checksum where S3 requires one) go through
        s3.putObjectTagging(b -> b.bucket(bucket).key("kept").tagging(t -> t.tagSet(Tag.builder().key("a").value("b").build())));
        S3Client plain = S3Support.plainClient(endpoint);
        try (plain) {
            plain.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(o -> o.key("kept"))));
        }
        S3Support.assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("kept")), 404);
    }

    private static String crc32(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("<Code>" + code + "</Code>");
    }

    /** An unsigned request (Tarn's default lenient auth takes it as the default account) with headers and a body. */
    private static HttpResponse<String> send(String method, String pathAndQuery, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return S3Support.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
