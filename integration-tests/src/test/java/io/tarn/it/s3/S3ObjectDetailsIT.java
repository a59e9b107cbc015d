package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.md5Base64;
import static io.tarn.it.s3.S3Support.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tarn.it.Scripts;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Object-level details where a client written against AWS trips on a difference: what a 304
 * carries, conditional deletes, retried completions, part checksums, copy defaults, tag order,
 * encryption header consistency, and features that are refused rather than ignored.
 */
@ExtendWith(TarnServerExtension.class)
// SSE-C header checks below go over plain HTTP (S3SseCIT covers HTTPS); its raw requests are unsigned, which access
// control takes as anonymous (S3BucketPolicyIT covers that)
@ServerArgs({"--s3-allow-ssec-over-http", "--s3-access-control", "off"})
class S3ObjectDetailsIT {

    private static final int MIB = 1024 * 1024;
    /** A valid SSE-C key (32 bytes) and its MD5, both base64, as the headers carry them. */
    private static final byte[] SSE_C_KEY = utf8("0123456789abcdef0123456789abcdef");
    private static final String KEY_B64 = Base64.getEncoder().encodeToString(SSE_C_KEY);
    private static final String KEY_MD5 = md5Base64(SSE_C_KEY);

    private static URI endpoint;
    private static S3Client s3;
    private static String bucket;
    private static String versioned;

    @BeforeAll
    static void setUp(URI uri) {
        endpoint = uri;
        s3 = S3Support.client(uri);
        bucket = S3Support.bucketName("details");
        versioned = S3Support.bucketName("details-v");
        s3.createBucket(b -> b.bucket(bucket));
        s3.createBucket(b -> b.bucket(versioned));
        s3.putBucketVersioning(b -> b.bucket(versioned).versioningConfiguration(v -> v.status("Enabled")));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    /** An unsigned request with headers (Tarn's default lenient auth takes it as the default account). */
    private static HttpResponse<String> raw(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return S3Support.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRawError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("<Code>" + code + "</Code>").contains(message);
    }

    @Test
    void throughBoto3() throws Exception {
        assumeTrue(Scripts.available(List.of("python3", "-c", "import boto3")), "python3 with boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("s3_object_details_boto3.py"), endpoint.toString()), 120);
    }

    // 1. conditions

    @Test
    void notModifiedCarriesTheEtagAndLastModified() throws Exception {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("cond/304"), RequestBody.fromString("x"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("cond/304"));
        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<String> r = raw(method, "/" + bucket + "/cond/304", null, "If-None-Match", put.eTag());
            assertThat(r.statusCode()).isEqualTo(304);
            assertThat(r.headers().firstValue("etag")).contains(put.eTag());
            assertThat(r.headers().firstValue("last-modified")).isPresent();
            assertThat(java.time.ZonedDateTime.parse(r.headers().firstValue("last-modified").get(),
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).isEqualTo(head.lastModified());
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void anEtagMissingAQuoteStillMatches() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("cond/quote"), RequestBody.fromString("x")).eTag();
        String bare = etag.replace("\"", "");
        for (String condition : List.of(bare, '"' + bare, bare + '"')) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond/quote").ifMatch(condition)).asUtf8String()).isEqualTo("x");
        }
    }

    @Test
    void deleteObjectHonoursIfMatch() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("cond/delete"), RequestBody.fromString("x")).eTag();
        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("cond/delete").ifMatch("\"0123456789abcdef0123456789abcdef\"")),
                "PreconditionFailed", 412);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond/delete")).asUtf8String()).isEqualTo("x");
        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("cond/never-was").ifMatch("*")), "NoSuchKey", 404);
        s3.deleteObject(b -> b.bucket(bucket).key("cond/delete").ifMatch(etag));
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("cond/delete")), "NoSuchKey", 404);

        // versioned: a matching If-Match adds the delete marker; then there is no current object to match
        s3.putObject(b -> b.bucket(versioned).key("cond/delete"), RequestBody.fromString("x"));
        assertS3Error(() -> s3.deleteObject(b -> b.bucket(versioned).key("cond/delete").ifMatch("\"00\"")), "PreconditionFailed", 412);
        assertThat(s3.deleteObject(b -> b.bucket(versioned).key("cond/delete").ifMatch("*")).deleteMarker()).isTrue();
        assertS3Error(() -> s3.deleteObject(b -> b.bucket(versioned).key("cond/delete").ifMatch("*")), "NoSuchKey", 404);
    }

    @Test
    void deleteObjectsChecksEachEntrysEtag() {
        String etagA = s3.putObject(b -> b.bucket(bucket).key("cond/many-a"), RequestBody.fromString("a")).eTag();
        s3.putObject(b -> b.bucket(bucket).key("cond/many-b"), RequestBody.fromString("b"));
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("cond/many-a").eTag(etagA).build(),
                ObjectIdentifier.builder().key("cond/many-b").eTag("\"0123456789abcdef0123456789abcdef\"").build())));
        assertThat(r.deleted()).extracting(d -> d.key()).containsExactly("cond/many-a");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("cond/many-b");
            assertThat(e.code()).isEqualTo("PreconditionFailed");
        });
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond/many-b")).asUtf8String()).isEqualTo("b");
    }

    // 2. a retried completion

    @Test
    void aRepeatedCompleteMultipartUploadAnswersAsTheFirst() {
        String key = "mpu/retried";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(versioned).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32))
                .uploadId();
        byte[] data = S3Support.random(1000, 7);
        UploadPartResponse part = s3.uploadPart(b -> b.bucket(versioned).key(key).uploadId(uploadId).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(data));
        CompletedPart done = CompletedPart.builder().partNumber(1).eTag(part.eTag()).checksumCRC32(part.checksumCRC32()).build();
        // the complete request may repeat the upload's checksum type, never change it
        assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(versioned).key(key).uploadId(uploadId)
                .checksumType(ChecksumType.FULL_OBJECT).multipartUpload(m -> m.parts(done))), "InvalidRequest", 400);
        CompleteMultipartUploadResponse first = s3.completeMultipartUpload(b -> b.bucket(versioned).key(key).uploadId(uploadId)
                .checksumType(ChecksumType.COMPOSITE).multipartUpload(m -> m.parts(done)));
        CompleteMultipartUploadResponse again = s3.completeMultipartUpload(b -> b.bucket(versioned).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(done)));
        assertThat(again.eTag()).isEqualTo(first.eTag());
        assertThat(again.versionId()).isEqualTo(first.versionId()).isNotBlank();
        assertThat(again.checksumCRC32()).isEqualTo(first.checksumCRC32()).endsWith("-1");
        assertThat(again.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        assertThat(again.location()).isEqualTo(first.location());
        // the retry made no second version
        assertThat(s3.listObjectVersions(b -> b.bucket(versioned).prefix(key)).versions()).hasSize(1);
        // another part list is not a retry of that request
        assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(versioned).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"0123\"").build()))), "NoSuchUpload", 404);
    }

    @Test
    void anMpObjectSizeThatIsNotThePartsTotalIsInvalidRequest() {
        String key = "mpu/sized";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromString("12345"))
                .eTag();
        CompletedPart done = CompletedPart.builder().partNumber(1).eTag(etag).build();
        assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).mpuObjectSize(6L)
                .multipartUpload(m -> m.parts(done))), "InvalidRequest", 400);
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).mpuObjectSize(5L).multipartUpload(m -> m.parts(done)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo("12345");
    }

    // 3. part checksums

    @Test
    void partChecksumsOnGetAndHeadWithPartNumber() {
        // a single-part object: part 1 is the whole object, with its checksum
        byte[] one = utf8("one part");
        s3.putObject(b -> b.bucket(bucket).key("parts/single").checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(one));
        HeadObjectResponse single = s3.headObject(b -> b.bucket(bucket).key("parts/single").partNumber(1)
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(single.checksumCRC32()).isEqualTo(Checksums.base64("CRC32", one));
        assertThat(single.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);

        // a full-object checksum covers all the parts: a part of two gets none
        String key = "parts/full";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32)
                .checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        List<byte[]> parts = List.of(S3Support.random(5 * MIB, 1), S3Support.random(1000, 2));
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int n = i + 1;
            UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(n)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(parts.get(n - 1)));
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(done)));
        HeadObjectResponse part2 = s3.headObject(b -> b.bucket(bucket).key(key).partNumber(2).checksumMode(ChecksumMode.ENABLED));
        assertThat(part2.contentLength()).isEqualTo(1000);
        assertThat(part2.checksumCRC32()).isNull();
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)).checksumType())
                .isEqualTo(ChecksumType.FULL_OBJECT);
        // a part the object does not have: 416 InvalidPartNumber
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key(key).partNumber(3)), "InvalidPartNumber", 416);
    }

    // 4. copies

    @Test
    void aCopyIsStandardUnlessItNamesAClassAndTakesOnlyTheRequestsRedirect() {
        s3.putObject(b -> b.bucket(bucket).key("copy/src").storageClass(StorageClass.STANDARD_IA).websiteRedirectLocation("/old")
                .contentType("text/plain"), RequestBody.fromString("x"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/src").destinationBucket(bucket).destinationKey("copy/plain"));
        HeadObjectResponse plain = s3.headObject(b -> b.bucket(bucket).key("copy/plain"));
        assertThat(plain.storageClass()).isNull(); // STANDARD is not reported
        assertThat(plain.websiteRedirectLocation()).isNull();
        assertThat(plain.contentType()).isEqualTo("text/plain");

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/src").destinationBucket(bucket).destinationKey("copy/named")
                .storageClass(StorageClass.ONEZONE_IA).websiteRedirectLocation("/new"));
        HeadObjectResponse named = s3.headObject(b -> b.bucket(bucket).key("copy/named"));
        assertThat(named.storageClass()).isEqualTo(StorageClass.ONEZONE_IA);
        assertThat(named.websiteRedirectLocation()).isEqualTo("/new");
    }

    @Test
    void copyingAnObjectOntoItselfMustChangeSomething() {
        String message = "This copy request is illegal because it is trying to copy an object to itself without changing the object's "
                + "metadata, storage class, website redirect location or encryption attributes.";
        for (String b : List.of(bucket, versioned)) {
            s3.putObject(r -> r.bucket(b).key("copy/self"), RequestBody.fromString("x"));
            assertThatThrownBy(() -> s3.copyObject(r -> r.sourceBucket(b).sourceKey("copy/self").destinationBucket(b)
                    .destinationKey("copy/self"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                    });
            // a change makes it legal
            s3.copyObject(r -> r.sourceBucket(b).sourceKey("copy/self").destinationBucket(b).destinationKey("copy/self")
                    .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("touched", "yes")));
            assertThat(s3.headObject(r -> r.bucket(b).key("copy/self")).metadata()).containsEntry("touched", "yes");
        }
        // naming the source version makes it legal in a versioned bucket: that version becomes the newest
        String v1 = s3.listObjectVersions(r -> r.bucket(versioned).prefix("copy/self")).versions().get(1).versionId();
        s3.copyObject(r -> r.sourceBucket(versioned).sourceKey("copy/self").sourceVersionId(v1).destinationBucket(versioned)
                .destinationKey("copy/self"));
        assertThat(s3.headObject(r -> r.bucket(versioned).key("copy/self")).metadata()).doesNotContainKey("touched");
    }

    // 5. tags and content encoding

    @Test
    void tagsComeBackInTheOrderStored() {
        List<String> keys = List.of("zeta", "alpha", "mu", "beta", "omega");
        s3.putObject(b -> b.bucket(bucket).key("tags/ordered").tagging(keys.stream().map(k -> k + "=v").collect(Collectors.joining("&"))),
                RequestBody.fromString("x"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tags/ordered")).tagSet()).extracting(Tag::key)
                .containsExactlyElementsOf(keys);
        List<Tag> reversed = new ArrayList<>();
        for (int i = keys.size() - 1; i >= 0; i--) {
            reversed.add(Tag.builder().key(keys.get(i)).value("w").build());
        }
        s3.putObjectTagging(b -> b.bucket(bucket).key("tags/ordered").tagging(t -> t.tagSet(reversed)));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("tags/ordered")).tagSet()).containsExactlyElementsOf(reversed);
    }

    @Test
    void moreThanTenTagsIsBadRequestAsAwsAnswers() {
        List<Tag> eleven = IntStream.range(0, 11).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).collect(Collectors.toList());
        s3.putObject(b -> b.bucket(bucket).key("tags/many"), RequestBody.fromString("x"));
        assertS3Error(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("tags/many").tagging(t -> t.tagSet(eleven))), "BadRequest", 400);
        String header = IntStream.range(0, 11).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining("&"));
        assertS3Error(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("tags/many-mpu").tagging(header)), "BadRequest", 400);
    }

    @Test
    void contentEncodingIsReturnedAsSentWithoutAwsChunked() throws Exception {
        // the default client sends an aws-chunked body: the token goes, the rest stays byte for byte
        s3.putObject(b -> b.bucket(bucket).key("enc/chunked").contentEncoding("gzip,  br"), RequestBody.fromString("x"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("enc/chunked")).contentEncoding()).isEqualTo("gzip,  br");
        HttpResponse<String> plain = raw("PUT", "/" + bucket + "/enc/plain", "x", "Content-Encoding", "identity, gzip");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("enc/plain")).contentEncoding()).isEqualTo("identity, gzip");
    }

    // 6. encryption headers

    @Test
    void inconsistentEncryptionHeadersAreInvalidArgumentBeforeAnythingElse() throws Exception {
        String path = "/" + bucket + "/sse/object";
        assertRawError(raw("PUT", path, "x", "x-amz-server-side-encryption-customer-key", KEY_B64,
                "x-amz-server-side-encryption-customer-key-MD5", KEY_MD5), 400, "InvalidArgument", "must provide a valid encryption algorithm");
        assertRawError(raw("PUT", path, "x", "x-amz-server-side-encryption-customer-algorithm", "AES256"), 400, "InvalidArgument",
                "must provide an appropriate secret key");
        assertRawError(raw("PUT", path, "x", "x-amz-server-side-encryption-customer-algorithm", "AES256",
                "x-amz-server-side-encryption-customer-key", KEY_B64, "x-amz-server-side-encryption-customer-key-MD5", md5Base64(utf8("other"))),
                400, "InvalidArgument", "The calculated MD5 hash of the key did not match the hash that was provided.");
        assertRawError(raw("PUT", path, "x", "x-amz-server-side-encryption", "AES256",
                "x-amz-server-side-encryption-customer-algorithm", "AES256", "x-amz-server-side-encryption-customer-key", KEY_B64,
                "x-amz-server-side-encryption-customer-key-MD5", KEY_MD5), 400, "InvalidArgument",
                "Server Side Encryption with Customer provided key is incompatible with the encryption method specified.");
        assertRawError(raw("PUT", path, "x", "x-amz-server-side-encryption-aws-kms-key-id", "alias/any"), 400, "InvalidArgument",
                "requires HTTP header x-amz-server-side-encryption : aws:kms");
        // checked before the bucket: a bucket that does not exist still gets the header error
        assertRawError(raw("PUT", "/no-such-bucket-" + bucket + "/k", "x", "x-amz-server-side-encryption-customer-algorithm", "AES256"),
                400, "InvalidArgument", "must provide an appropriate secret key");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("sse/")).contents()).isEmpty();
    }

    @Test
    void readsTakeOnlySseCHeaders() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("sse/read"), RequestBody.fromString("x"));
        String path = "/" + bucket + "/sse/read";
        assertRawError(raw("GET", path, null, "x-amz-server-side-encryption", "AES256"), 400, "InvalidArgument",
                "x-amz-server-side-encryption header is not supported for this operation.");
        assertThat(raw("HEAD", path, null, "x-amz-server-side-encryption-aws-kms-key-id", "k").statusCode()).isEqualTo(400);
        // well-formed SSE-C headers for an object that was not written with a customer key
        assertRawError(raw("GET", path, null, "x-amz-server-side-encryption-customer-algorithm", "AES256",
                "x-amz-server-side-encryption-customer-key", KEY_B64, "x-amz-server-side-encryption-customer-key-MD5", KEY_MD5), 400,
                "InvalidRequest", "The encryption parameters are not applicable to this object.");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("sse/read")).asUtf8String()).isEqualTo("x");
    }

    // 7. nothing accepted and ignored

    @Test
    void objectLockHeadersOnABucketWithoutObjectLockAreRefused() {
        // AWS: 400 InvalidRequest "Bucket is missing Object Lock Configuration"
        Instant until = Instant.parse("2040-01-01T00:00:00Z");
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("lock/put").objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(until), RequestBody.fromString("x")), "InvalidRequest", 400);
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("lock/put").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("x")), "InvalidRequest", 400);
        assertS3Error(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("lock/mpu").objectLockMode(ObjectLockMode.COMPLIANCE)
                .objectLockRetainUntilDate(until)), "InvalidRequest", 400);
        s3.putObject(b -> b.bucket(bucket).key("lock/src"), RequestBody.fromString("x"));
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("lock/src").destinationBucket(bucket)
                .destinationKey("lock/copy").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)), "InvalidRequest", 400);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("lock/")).contents()).extracting(o -> o.key())
                .containsExactly("lock/src");
    }

    @Test
    void checksumsTarnDoesNotComputeAreRefusedRatherThanUnchecked() throws Exception {
        assertRawError(raw("PUT", "/" + bucket + "/sum/sha512", "x", "x-amz-checksum-sha512", "AAAA"), 501, "NotImplemented",
                "x-amz-checksum-sha512");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("sum/")).contents()).isEmpty();
    }

    @Test
    void storageClassesAndHeadersTarnDoesNotServeAreRefused() {
        for (StorageClass elsewhere : List.of(StorageClass.OUTPOSTS, StorageClass.EXPRESS_ONEZONE, StorageClass.SNOW)) {
            assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("class/other").storageClass(elsewhere), RequestBody.fromString("x")),
                    "InvalidStorageClass", 400);
        }
        s3.putObject(b -> b.bucket(bucket).key("class/ir").storageClass(StorageClass.GLACIER_IR), RequestBody.fromString("x"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("class/ir")).response().storageClass()).isEqualTo(StorageClass.GLACIER_IR);
        // appends (x-amz-write-offset-bytes) are for directory buckets
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("class/append").writeOffsetBytes(0L), RequestBody.fromString("x")),
                "NotImplemented", 501);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("class/")).contents()).extracting(o -> o.key())
                .containsExactly("class/ir");
    }
}
