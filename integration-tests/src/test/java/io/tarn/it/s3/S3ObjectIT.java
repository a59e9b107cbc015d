package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.assertS3Status;
import static io.tarn.it.s3.S3Support.md5Base64;
import static io.tarn.it.s3.S3Support.md5Hex;
import static io.tarn.it.s3.S3Support.quoted;
import static io.tarn.it.s3.S3Support.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.AdminCalls;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;
import software.amazon.awssdk.services.s3.model.Type;

/** Object operations: reads and writes with their headers, ranges, conditions, integrity checks, copies, tags and ACLs. */
@ExtendWith(TarnServerExtension.class)
// its raw requests are unsigned, which access control takes as anonymous (S3BucketPolicyIT covers that)
@ServerArgs({"--s3-access-control", "off"})
class S3ObjectIT {

    private static S3Client s3;
    private static S3Client plain;
    private static String bucket;

    @BeforeAll
    static void setUp(URI endpoint) {
        s3 = S3Support.client(endpoint);
        plain = S3Support.plainClient(endpoint);
        bucket = S3Support.bucketName("objects");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void close() {
        s3.close();
        plain.close();
    }

    @Test
    void putGetHeadDelete(URI endpoint) throws Exception {
        byte[] data = utf8("hello, tarn");
        Instant before = AdminCalls.clockNow(endpoint).truncatedTo(ChronoUnit.SECONDS); // S3 stamps whole seconds
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("basic.txt").contentType("text/plain"), RequestBody.fromBytes(data));
        assertThat(put.eTag()).isEqualTo(quoted(md5Hex(data)));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(put.versionId()).isNull();
        Instant after = AdminCalls.clockNow(endpoint);

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("basic.txt"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().eTag()).isEqualTo(put.eTag());
        assertThat(got.response().contentType()).isEqualTo("text/plain");
        assertThat(got.response().contentLength()).isEqualTo(data.length);
        assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(got.response().acceptRanges()).isEqualTo("bytes");
        assertThat(got.response().lastModified()).isBetween(before, after); // the emulator clock's time of the PUT

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("basic.txt"));
        assertThat(head.contentLength()).isEqualTo(data.length);
        assertThat(head.eTag()).isEqualTo(put.eTag());
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

        s3.deleteObject(b -> b.bucket(bucket).key("basic.txt"));
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("basic.txt")), "NoSuchKey", 404);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("basic.txt")), 404);
        // deleting what is not there succeeds
        s3.deleteObject(b -> b.bucket(bucket).key("basic.txt"));
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucketName()).key("k")), "NoSuchBucket", 404);
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucketName()).key("k"), RequestBody.fromString("x")), "NoSuchBucket", 404);
    }

    private static String bucketName() {
        return S3Support.bucketName("nobucket");
    }

    @Test
    void largerBodiesRoundTripChunkedAndPlain() {
        byte[] data = S3Support.random(3 * 1024 * 1024 + 17, 1);
        s3.putObject(b -> b.bucket(bucket).key("big/chunked"), RequestBody.fromBytes(data));
        plain.putObject(b -> b.bucket(bucket).key("big/plain"), RequestBody.fromBytes(data));
        assertThat(plain.getObjectAsBytes(b -> b.bucket(bucket).key("big/chunked")).asByteArray()).isEqualTo(data);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("big/plain")).asByteArray()).isEqualTo(data);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("big/chunked")).eTag()).isEqualTo(quoted(md5Hex(data)));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("big/plain")).eTag()).isEqualTo(quoted(md5Hex(data)));
        // an empty object
        plain.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("empty")).asByteArray()).isEmpty();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("empty")).eTag()).isEqualTo(quoted(md5Hex(new byte[0])));
    }

    @Test
    void keysWithSpecialCharacters() {
        for (String key : List.of("a b/c+d", "ünïcødé/日本語.txt", "percent%20literal", "q?uery&x=y#frag", "trailing/", "tab\there",
                "dots/../x", "~tilde!*'()")) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).as(key).isEqualTo(key);
        }
    }

    @Test
    void rangeGets() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        s3.putObject(b -> b.bucket(bucket).key("range"), RequestBody.fromBytes(data));

        ResponseBytes<GetObjectResponse> first = s3.getObjectAsBytes(b -> b.bucket(bucket).key("range").range("bytes=0-9"));
        assertThat(first.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 0, 10));
        assertThat(first.response().contentRange()).isEqualTo("bytes 0-9/1000");
        assertThat(first.response().contentLength()).isEqualTo(10);
        assertThat(first.response().sdkHttpResponse().statusCode()).isEqualTo(206);

        ResponseBytes<GetObjectResponse> middle = s3.getObjectAsBytes(b -> b.bucket(bucket).key("range").range("bytes=100-199"));
        assertThat(middle.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 200));
        assertThat(middle.response().contentRange()).isEqualTo("bytes 100-199/1000");

        ResponseBytes<GetObjectResponse> suffix = s3.getObjectAsBytes(b -> b.bucket(bucket).key("range").range("bytes=-10"));
        assertThat(suffix.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 990, 1000));
        assertThat(suffix.response().contentRange()).isEqualTo("bytes 990-999/1000");

        ResponseBytes<GetObjectResponse> open = s3.getObjectAsBytes(b -> b.bucket(bucket).key("range").range("bytes=995-"));
        assertThat(open.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 995, 1000));
        assertThat(open.response().contentRange()).isEqualTo("bytes 995-999/1000");

        // a last byte past the end is clipped to the end
        ResponseBytes<GetObjectResponse> clipped = s3.getObjectAsBytes(b -> b.bucket(bucket).key("range").range("bytes=998-5000"));
        assertThat(clipped.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 998, 1000));
        assertThat(clipped.response().contentRange()).isEqualTo("bytes 998-999/1000");

        // a suffix longer than the object is the whole object
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("range").range("bytes=-5000")).asByteArray()).isEqualTo(data);

        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("range").range("bytes=1000-1001")), "InvalidRange", 416);
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("range").range("bytes=5000-")), "InvalidRange", 416);
        // a syntactically invalid range is ignored: the whole object, 200
        ResponseBytes<GetObjectResponse> ignored = s3.getObjectAsBytes(b -> b.bucket(bucket).key("range").range("bites=1-2"));
        assertThat(ignored.asByteArray()).isEqualTo(data);
        assertThat(ignored.response().sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void unsatisfiableRangeRawAnswer(URI endpoint) throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("range-raw"), RequestBody.fromString("0123456789"));
        HttpResponse<String> r = S3Support.HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket + "/range-raw"))
                .header("Range", "bytes=20-30").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.body()).contains("<Code>InvalidRange</Code>").contains("<ActualObjectSize>10</ActualObjectSize>");
        assertThat(r.headers().firstValue("content-range")).hasValue("bytes */10");
    }

    @Test
    void partNumberGets() {
        byte[] part1 = S3Support.random(5 * 1024 * 1024, 2);
        byte[] part2 = utf8("the tail");
        String key = "parts/two";
        String uploadId = plain.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        String e1 = plain.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part1)).eTag();
        String e2 = plain.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(2), RequestBody.fromBytes(part2)).eTag();
        plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));

        ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).partNumber(2));
        assertThat(second.asByteArray()).isEqualTo(part2);
        assertThat(second.response().partsCount()).isEqualTo(2);
        assertThat(second.response().contentRange()).isEqualTo("bytes " + part1.length + "-" + (part1.length + part2.length - 1) + "/"
                + (part1.length + part2.length));
        assertThat(second.response().sdkHttpResponse().statusCode()).isEqualTo(206);
        HeadObjectResponse head1 = s3.headObject(b -> b.bucket(bucket).key(key).partNumber(1));
        assertThat(head1.contentLength()).isEqualTo(part1.length);
        assertThat(head1.partsCount()).isEqualTo(2);
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key(key).partNumber(3)), "InvalidPartNumber", 416);
    }

    @Test
    void partNumberOneOfASinglePartObjectIsTheWholeObject() {
        // what the SDK's multipart download asks first, whatever the object
        byte[] data = utf8("single part object");
        s3.putObject(b -> b.bucket(bucket).key("parts/one"), RequestBody.fromBytes(data));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("parts/one").partNumber(1));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().contentLength()).isEqualTo(data.length);
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("parts/one").partNumber(2)), "InvalidPartNumber", 416);
    }

    @Test
    void responseHeaderOverrides() {
        s3.putObject(b -> b.bucket(bucket).key("override").contentType("text/plain"), RequestBody.fromString("x"));
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        GetObjectResponse r = s3.getObject(b -> b.bucket(bucket).key("override").responseContentType("application/json")
                .responseContentDisposition("attachment; filename=\"x.json\"").responseCacheControl("no-cache")
                .responseContentLanguage("fr").responseExpires(expires), software.amazon.awssdk.core.sync.ResponseTransformer.toBytes())
                .response();
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.contentDisposition()).isEqualTo("attachment; filename=\"x.json\"");
        assertThat(r.cacheControl()).isEqualTo("no-cache");
        assertThat(r.contentLanguage()).isEqualTo("fr");
        assertThat(r.expires()).isEqualTo(expires);
        // without overrides, the stored type
        assertThat(s3.headObject(b -> b.bucket(bucket).key("override")).contentType()).isEqualTo("text/plain");
    }

    @Test
    void userMetadataRoundTripAndLimit() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("color", "blue");
        metadata.put("Mixed-Case", "Value With Spaces");
        metadata.put("empty", "");
        s3.putObject(b -> b.bucket(bucket).key("meta").metadata(metadata), RequestBody.fromString("x"));
        Map<String, String> back = s3.headObject(b -> b.bucket(bucket).key("meta")).metadata();
        assertThat(back).containsEntry("color", "blue").containsEntry("mixed-case", "Value With Spaces");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("meta")).response().metadata()).containsEntry("color", "blue");

        String big = "v".repeat(2100);
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("meta-big").metadata(Map.of("big", big)), RequestBody.fromString("x")),
                "MetadataTooLarge", 400);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("meta-big")), 404);
        // just under 2 KB (names plus values) is fine
        s3.putObject(b -> b.bucket(bucket).key("meta-2k").metadata(Map.of("k", "v".repeat(2000))), RequestBody.fromString("x"));
    }

    @Test
    void contentHeadersAreStoredAndReturned(URI endpoint) throws Exception {
        Instant expires = Instant.parse("2031-05-06T07:08:09Z");
        s3.putObject(b -> b.bucket(bucket).key("headers").contentType("application/xml").cacheControl("max-age=60")
                .contentDisposition("inline").contentEncoding("gzip").contentLanguage("en-GB").expires(expires)
                .websiteRedirectLocation("/elsewhere").storageClass(StorageClass.STANDARD_IA), RequestBody.fromString("<x/>"));
        HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key("headers"));
        assertThat(h.contentType()).isEqualTo("application/xml");
        assertThat(h.cacheControl()).isEqualTo("max-age=60");
        assertThat(h.contentDisposition()).isEqualTo("inline");
        assertThat(h.contentEncoding()).isEqualTo("gzip");
        assertThat(h.contentLanguage()).isEqualTo("en-GB");
        assertThat(h.expires()).isEqualTo(expires);
        assertThat(h.websiteRedirectLocation()).isEqualTo("/elsewhere");
        assertThat(h.storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        // no Content-Type: binary/octet-stream
        assertThat(S3Support.HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket + "/untyped"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("untyped")).contentType()).isIn("binary/octet-stream", "application/octet-stream");
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("bad-class").storageClass("SHINY"), RequestBody.fromString("x")),
                "InvalidStorageClass", 400);
    }

    @Test
    void keyLengthLimit() {
        String longest = "k".repeat(1024);
        s3.putObject(b -> b.bucket(bucket).key(longest), RequestBody.fromString("x"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(longest)).asUtf8String()).isEqualTo("x");
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("k".repeat(1025)), RequestBody.fromString("x")), "KeyTooLongError", 400);
        // the limit is in UTF-8 bytes: 342 three-byte characters are 1,026 bytes
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("日".repeat(342)), RequestBody.fromString("x")), "KeyTooLongError", 400);
    }

    @Test
    void deleteObjects() {
        List<String> keys = IntStream.range(0, 5).mapToObj(i -> "multi/" + i).collect(Collectors.toList());
        for (String k : keys) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
        }
        DeleteObjectsResponse loud = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("multi/0").build(), ObjectIdentifier.builder().key("multi/1").build(),
                ObjectIdentifier.builder().key("multi/never-existed").build(),
                ObjectIdentifier.builder().key("multi/2").versionId("not-a-version-id").build())));
        assertThat(loud.deleted()).extracting(DeletedObject::key).containsExactlyInAnyOrder("multi/0", "multi/1", "multi/never-existed");
        assertThat(loud.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("multi/2");
            assertThat(e.versionId()).isEqualTo("not-a-version-id");
            assertThat(e.code()).isIn("NoSuchVersion", "InvalidArgument");
            assertThat(e.message()).isNotBlank();
        });
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("multi/0")), "NoSuchKey", 404);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("multi/2")).asUtf8String()).isEqualTo("multi/2");

        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true).objects(
                ObjectIdentifier.builder().key("multi/2").build(), ObjectIdentifier.builder().key("multi/3").build(),
                ObjectIdentifier.builder().key("multi/4").versionId("not-a-version-id").build())));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(quiet.errors()).extracting(S3Error::key).containsExactly("multi/4");
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("multi/3")), "NoSuchKey", 404);

        // the plain client still sends the Content-MD5 (or checksum) DeleteObjects requires
        DeleteObjectsResponse viaPlain = plain.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("multi/4").build())));
        assertThat(viaPlain.deleted()).extracting(DeletedObject::key).containsExactly("multi/4");
    }

    @Test
    void copyObjectWithMetadataAndTaggingDirectives() {
        s3.putObject(b -> b.bucket(bucket).key("copy/src").contentType("text/csv").metadata(Map.of("origin", "source"))
                .tagging("t=1"), RequestBody.fromString("a,b,c"));
        String srcEtag = s3.headObject(b -> b.bucket(bucket).key("copy/src")).eTag();

        var copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/src").destinationBucket(bucket).destinationKey("copy/same"));
        assertThat(copied.copyObjectResult().eTag()).isEqualTo(srcEtag);
        HeadObjectResponse same = s3.headObject(b -> b.bucket(bucket).key("copy/same"));
        assertThat(same.contentType()).isEqualTo("text/csv");
        assertThat(same.metadata()).containsExactly(Map.entry("origin", "source"));
        assertThat(tags("copy/same")).containsExactly(Map.entry("t", "1"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy/same")).asUtf8String()).isEqualTo("a,b,c");

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/src").destinationBucket(bucket).destinationKey("copy/replaced")
                .metadataDirective(MetadataDirective.REPLACE).contentType("text/plain").metadata(Map.of("origin", "replaced"))
                .taggingDirective(TaggingDirective.REPLACE).tagging("t=2&u=3"));
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket(bucket).key("copy/replaced"));
        assertThat(replaced.contentType()).isEqualTo("text/plain");
        assertThat(replaced.metadata()).containsExactly(Map.entry("origin", "replaced"));
        assertThat(tags("copy/replaced")).containsExactlyInAnyOrderEntriesOf(Map.of("t", "2", "u", "3"));

        // across buckets, with a key that needs encoding in x-amz-copy-source
        String other = S3Support.bucketName("copy-target");
        s3.createBucket(b -> b.bucket(other));
        s3.putObject(b -> b.bucket(bucket).key("copy/ü nicode+plus"), RequestBody.fromString("u"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/ü nicode+plus").destinationBucket(other).destinationKey("x"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(other).key("x")).asUtf8String()).isEqualTo("u");
    }

    @Test
    void copyObjectPreconditionsAndErrors() {
        s3.putObject(b -> b.bucket(bucket).key("copy/cond"), RequestBody.fromString("c"));
        String etag = s3.headObject(b -> b.bucket(bucket).key("copy/cond")).eTag();
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/cond").destinationBucket(bucket)
                .destinationKey("copy/cond-2").copySourceIfMatch("\"0123456789abcdef0123456789abcdef\"")), "PreconditionFailed", 412);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("copy/cond-2")), 404);
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/cond").destinationBucket(bucket).destinationKey("copy/cond-2")
                .copySourceIfMatch(etag));
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/cond").destinationBucket(bucket)
                .destinationKey("copy/cond-3").copySourceIfNoneMatch(etag)), "PreconditionFailed", 412);

        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/cond").destinationBucket(bucket)
                .destinationKey("copy/cond")), "InvalidRequest", 400);
        // to itself with new metadata is the way to change metadata
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/cond").destinationBucket(bucket).destinationKey("copy/cond")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("changed", "yes")));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("copy/cond")).metadata()).containsEntry("changed", "yes");

        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/missing").destinationBucket(bucket)
                .destinationKey("copy/x")), "NoSuchKey", 404);
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy/cond").destinationBucket(bucket)
                .destinationKey("copy/x").metadataDirective("SOMETIMES")), "InvalidArgument", 400);
    }

    @Test
    void getObjectAttributesOneAtATime() {
        byte[] data = utf8("attributes!");
        s3.putObject(b -> b.bucket(bucket).key("attrs-1").checksumAlgorithm(ChecksumAlgorithm.SHA256).storageClass(StorageClass.STANDARD_IA),
                RequestBody.fromBytes(data));
        Function<ObjectAttributes, GetObjectAttributesResponse> ask = attribute -> s3.getObjectAttributes(b -> b.bucket(bucket)
                .key("attrs-1").objectAttributes(attribute));
        GetObjectAttributesResponse etag = ask.apply(ObjectAttributes.E_TAG);
        assertThat(etag.eTag()).isEqualTo(md5Hex(data));
        assertThat(etag.objectSize()).isNull(); // only what was asked
        assertThat(etag.lastModified()).isNotNull();
        assertThat(ask.apply(ObjectAttributes.OBJECT_SIZE).objectSize()).isEqualTo(data.length);
        assertThat(ask.apply(ObjectAttributes.STORAGE_CLASS).storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(ask.apply(ObjectAttributes.CHECKSUM).checksum().checksumSHA256()).isEqualTo(Checksums.base64("SHA256", data));
        assertThat(ask.apply(ObjectAttributes.OBJECT_PARTS).objectParts()).isNull(); // not a multipart object
        assertS3Error(() -> s3.getObjectAttributes(b -> b.bucket(bucket).key("attrs-missing")
                .objectAttributes(ObjectAttributes.E_TAG)), "NoSuchKey", 404);
    }

    @Test
    void getObjectAttributesSeveralAtOnce() {
        // the SDK sends x-amz-object-attributes as one header line per attribute: all of them count
        byte[] data = utf8("attributes!");
        s3.putObject(b -> b.bucket(bucket).key("attrs").checksumAlgorithm(ChecksumAlgorithm.SHA256).storageClass(StorageClass.STANDARD_IA),
                RequestBody.fromBytes(data));
        GetObjectAttributesResponse a = s3.getObjectAttributes(b -> b.bucket(bucket).key("attrs").objectAttributes(
                ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_SIZE, ObjectAttributes.STORAGE_CLASS,
                ObjectAttributes.OBJECT_PARTS));
        assertThat(a.eTag()).isEqualTo(md5Hex(data));
        assertThat(a.objectSize()).isEqualTo(data.length);
        assertThat(a.storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(a.checksum()).isNotNull();
        assertThat(a.checksum().checksumSHA256()).isEqualTo(Checksums.base64("SHA256", data));
    }

    @Test
    void objectTagging() {
        s3.putObject(b -> b.bucket(bucket).key("tagged").tagging("a=1&b=two%20words"), RequestBody.fromString("x"));
        assertThat(tags("tagged")).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "two words"));
        assertThat(s3.getObject(b -> b.bucket(bucket).key("tagged"), software.amazon.awssdk.core.sync.ResponseTransformer.toBytes())
                .response().tagCount()).isEqualTo(2);

        s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(Tag.builder().key("c").value("3").build())));
        assertThat(tags("tagged")).containsExactly(Map.entry("c", "3"));

        List<Tag> eleven = IntStream.range(0, 11).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).collect(Collectors.toList());
        assertS3Error(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(eleven))), "BadRequest", 400);
        assertS3Error(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(
                Tag.builder().key("k".repeat(129)).value("v").build()))), "InvalidTag", 400);
        assertS3Error(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(
                Tag.builder().key("bad{key}").value("v").build()))), "InvalidTag", 400);
        assertS3Error(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("tagged").tagging(t -> t.tagSet(
                Tag.builder().key("aws:reserved").value("v").build()))), "InvalidTag", 400);
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("tagged-11").tagging(
                IntStream.range(0, 11).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining("&"))), RequestBody.fromString("x")),
                "BadRequest", 400);
        assertThat(tags("tagged")).containsExactly(Map.entry("c", "3"));

        s3.deleteObjectTagging(b -> b.bucket(bucket).key("tagged"));
        assertThat(tags("tagged")).isEmpty();
        assertS3Error(() -> s3.getObjectTagging(b -> b.bucket(bucket).key("tagged-missing")), "NoSuchKey", 404);
    }

    private static Map<String, String> tags(String key) {
        return s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (x, y) -> x, LinkedHashMap::new));
    }

    @Test
    void objectAcl() {
        String aclBucket = S3Support.bucketName("obj-acl");
        s3.createBucket(b -> b.bucket(aclBucket).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        s3.putObject(b -> b.bucket(aclBucket).key("public").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x"));
        var acl = s3.getObjectAcl(b -> b.bucket(aclBucket).key("public"));
        String owner = acl.owner().id();
        assertThat(acl.grants()).extracting(g -> (g.grantee().type() == Type.GROUP ? g.grantee().uri() : g.grantee().id()) + " "
                + g.permissionAsString()).containsExactlyInAnyOrder(owner + " FULL_CONTROL",
                "http://acs.amazonaws.com/groups/global/AllUsers READ");
        s3.putObjectAcl(b -> b.bucket(aclBucket).key("public").acl(ObjectCannedACL.PRIVATE));
        assertThat(s3.getObjectAcl(b -> b.bucket(aclBucket).key("public")).grants()).hasSize(1);

        // BucketOwnerEnforced (the default): the owner's full control, and private or bucket-owner-full-control accepted
        s3.putObject(b -> b.bucket(bucket).key("acl-enforced"), RequestBody.fromString("x"));
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("acl-enforced")).grants()).singleElement()
                .satisfies(g -> assertThat(g.permissionAsString()).isEqualTo("FULL_CONTROL"));
        s3.putObject(b -> b.bucket(bucket).key("acl-enforced-owner").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("x"));
    }

    @Test
    void putObjectAclIsRefusedWhenTheBucketOwnerIsEnforced() {
        s3.putObject(b -> b.bucket(bucket).key("acl-enforced-2"), RequestBody.fromString("x"));
        assertS3Error(() -> s3.putObjectAcl(b -> b.bucket(bucket).key("acl-enforced-2").acl(ObjectCannedACL.PUBLIC_READ)),
                "AccessControlListNotSupported", 400);
    }

    @Test
    void putObjectWithAPublicAclIsRefusedWhenTheBucketOwnerIsEnforced() {
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("acl-enforced-put").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")), "AccessControlListNotSupported", 400);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("acl-enforced-put")), 404);
    }

    @Test
    void conditionalGets(URI endpoint) throws Exception {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("cond-get"), RequestBody.fromString("x"));
        String etag = put.eTag();
        assertS3Status(() -> s3.getObject(b -> b.bucket(bucket).key("cond-get").ifNoneMatch(etag)), 304);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("cond-get").ifNoneMatch(etag)), 304);
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("cond-get").ifMatch("\"ffffffffffffffffffffffffffffffff\"")),
                "PreconditionFailed", 412);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("cond-get").ifMatch("\"ffffffffffffffffffffffffffffffff\"")), 412);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond-get").ifMatch(etag)).asUtf8String()).isEqualTo("x");

        Instant now = AdminCalls.clockNow(endpoint); // the clock that stamped the object, not the machine's
        Instant future = now.plus(1, ChronoUnit.DAYS);
        Instant past = now.minus(1, ChronoUnit.DAYS);
        assertS3Status(() -> s3.getObject(b -> b.bucket(bucket).key("cond-get").ifModifiedSince(future)), 304);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond-get").ifModifiedSince(past)).asUtf8String()).isEqualTo("x");
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("cond-get").ifUnmodifiedSince(past)), "PreconditionFailed", 412);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond-get").ifUnmodifiedSince(future)).asUtf8String()).isEqualTo("x");
        // If-Match true wins over If-Unmodified-Since false (RFC 7232 as S3 documents it)
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond-get").ifMatch(etag).ifUnmodifiedSince(past)).asUtf8String())
                .isEqualTo("x");
    }

    @Test
    void conditionalPuts() {
        s3.putObject(b -> b.bucket(bucket).key("cond-put").ifNoneMatch("*"), RequestBody.fromString("first"));
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("cond-put").ifNoneMatch("*"), RequestBody.fromString("second")),
                "PreconditionFailed", 412);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond-put")).asUtf8String()).isEqualTo("first");

        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("cond-put").ifMatch("\"ffffffffffffffffffffffffffffffff\""),
                RequestBody.fromString("third")), "PreconditionFailed", 412);
        String etag = s3.headObject(b -> b.bucket(bucket).key("cond-put")).eTag();
        s3.putObject(b -> b.bucket(bucket).key("cond-put").ifMatch(etag), RequestBody.fromString("fourth"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cond-put")).asUtf8String()).isEqualTo("fourth");
        // If-Match on a key that does not exist
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("cond-put-missing").ifMatch(etag), RequestBody.fromString("x")),
                "NoSuchKey", 404);
    }

    @Test
    void contentMd5IsChecked() {
        byte[] data = utf8("digest me");
        plain.putObject(b -> b.bucket(bucket).key("md5-ok").contentMD5(md5Base64(data)), RequestBody.fromBytes(data));
        assertS3Error(() -> plain.putObject(b -> b.bucket(bucket).key("md5-bad").contentMD5(md5Base64(utf8("other"))),
                RequestBody.fromBytes(data)), "BadDigest", 400);
        assertS3Error(() -> plain.putObject(b -> b.bucket(bucket).key("md5-malformed").contentMD5("not base64 md5!"),
                RequestBody.fromBytes(data)), "InvalidDigest", 400);
        assertS3Error(() -> plain.putObject(b -> b.bucket(bucket).key("md5-short").contentMD5("AAAA"),
                RequestBody.fromBytes(data)), "InvalidDigest", 400);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("md5-bad")), 404);
        // with the default client too (aws-chunked body, CRC32 trailer, and a Content-MD5 header)
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("md5-bad-chunked").contentMD5(md5Base64(utf8("other"))),
                RequestBody.fromBytes(data)), "BadDigest", 400);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("md5-bad-chunked")), 404);
    }

    @Test
    void aChecksumHeaderThatDoesNotMatchIsBadDigestAndNothingIsStored() {
        byte[] data = utf8("the real data");
        String otherSha = Checksums.base64("SHA256", utf8("some other data"));
        assertS3Error(() -> plain.putObject(b -> b.bucket(bucket).key("sum-bad").checksumSHA256(otherSha), RequestBody.fromBytes(data)),
                "BadDigest", 400);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("sum-bad")), 404);
        String otherCrc = Checksums.base64("CRC32", utf8("some other data"));
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("sum-bad-crc").checksumCRC32(otherCrc), RequestBody.fromBytes(data)),
                "BadDigest", 400);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("sum-bad-crc")), 404);
        // an existing object is left as it was
        s3.putObject(b -> b.bucket(bucket).key("sum-keep"), RequestBody.fromString("kept"));
        assertS3Error(() -> plain.putObject(b -> b.bucket(bucket).key("sum-keep").checksumSHA256(otherSha), RequestBody.fromBytes(data)),
                "BadDigest", 400);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("sum-keep")).asUtf8String()).isEqualTo("kept");
    }

    /** An unsigned aws-chunked body (two chunks) with its checksum in a trailer, as SDKs send over HTTPS. */
    private static HttpResponse<String> putChunkedWithTrailer(URI endpoint, String key, byte[] data, String trailerValue)
            throws Exception {
        int half = data.length / 2;
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(utf8(Integer.toHexString(half) + "\r\n"));
        body.write(data, 0, half);
        body.writeBytes(utf8("\r\n" + Integer.toHexString(data.length - half) + "\r\n"));
        body.write(data, half, data.length - half);
        body.writeBytes(utf8("\r\n0\r\nx-amz-checksum-crc32:" + trailerValue + "\r\n\r\n"));
        return S3Support.HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket + "/" + key))
                .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER").header("content-encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", Integer.toString(data.length)).header("x-amz-trailer", "x-amz-checksum-crc32")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTrailerChecksumIsVerified(URI endpoint) throws Exception {
        byte[] data = S3Support.random(70_000, 8);
        HttpResponse<String> ok = putChunkedWithTrailer(endpoint, "trailer-ok", data, Checksums.base64("CRC32", data));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amz-checksum-crc32")).hasValue(Checksums.base64("CRC32", data));
        GetObjectResponse got = s3.getObject(b -> b.bucket(bucket).key("trailer-ok").checksumMode(ChecksumMode.ENABLED),
                software.amazon.awssdk.core.sync.ResponseTransformer.toBytes()).response();
        assertThat(got.checksumCRC32()).isEqualTo(Checksums.base64("CRC32", data));
        assertThat(got.contentLength()).isEqualTo(data.length);
        // no aws-chunked in the stored Content-Encoding
        assertThat(got.contentEncoding()).isNull();

        HttpResponse<String> bad = putChunkedWithTrailer(endpoint, "trailer-bad", data, Checksums.base64("CRC32", utf8("other")));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>BadDigest</Code>");
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("trailer-bad")), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"})
    void checksumsAreStoredAndReturned(String algorithm) {
        byte[] data = S3Support.random(200_000, algorithm.hashCode());
        String expected = Checksums.base64(algorithm, data);
        String key = "sum/" + algorithm;
        Function<Object, String> pick = r -> pick(r, algorithm);

        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm), RequestBody.fromBytes(data));
        assertThat(pick.apply(put)).isEqualTo(expected);

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(pick.apply(got.response())).isEqualTo(expected);
        assertThat(got.response().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(pick.apply(head)).isEqualTo(expected);
        // not asked for: not returned
        assertThat(pick.apply(s3.headObject(b -> b.bucket(bucket).key(key)))).isNull();

        // the same through a plain body with the value in a header
        String plainKey = key + "/plain";
        plain.putObject(b -> b.bucket(bucket).key(plainKey).checksumAlgorithm(algorithm), RequestBody.fromBytes(data));
        assertThat(pick.apply(plain.headObject(b -> b.bucket(bucket).key(plainKey).checksumMode(ChecksumMode.ENABLED)))).isEqualTo(expected);
    }

    @Test
    void crc64NvmeOfTheTestMatchesTheCrt() {
        // the reference check value of CRC-64/NVME, and the AWS CRT's implementation
        assertThat(Checksums.crc64Nvme(utf8("123456789"))).isEqualTo(0xAE8B14860A799888L);
        byte[] data = S3Support.random(10_000, 3);
        software.amazon.awssdk.crt.checksums.CRC64NVME crt = new software.amazon.awssdk.crt.checksums.CRC64NVME();
        crt.update(data, 0, data.length);
        assertThat(Checksums.crc64Nvme(data)).isEqualTo(crt.getValue());
    }

    private static String pick(Object response, String algorithm) {
        try {
            return (String) response.getClass().getMethod("checksum" + algorithm).invoke(response);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUnknownSubresourceIsNotImplemented(URI endpoint) throws Exception {
        HttpResponse<String> website = S3Support.raw(endpoint, "GET", "/" + bucket + "?website");
        assertThat(website.statusCode()).isEqualTo(501);
        assertThat(website.body()).contains("<Code>NotImplemented</Code>");
        HttpResponse<String> logging = S3Support.raw(endpoint, "GET", "/" + bucket + "?logging");
        assertThat(logging.statusCode()).isEqualTo(501);
        // a subresource must never fall through to the plain operation (here: ListObjects)
        assertThat(logging.body()).doesNotContain("ListBucketResult");
    }

    @Test
    void errorBodiesCarryTheRequestIdAndHeadErrorsHaveNoBody(URI endpoint) throws Exception {
        HttpResponse<String> get = S3Support.raw(endpoint, "GET", "/" + bucket + "/no/such/key");
        assertThat(get.statusCode()).isEqualTo(404);
        String requestId = get.headers().firstValue("x-amz-request-id").orElseThrow();
        assertThat(requestId).isNotBlank();
        assertThat(get.headers().firstValue("x-amz-id-2")).isPresent();
        assertThat(get.headers().firstValue("content-type").orElse("")).contains("xml");
        assertThat(get.body()).contains("<Error>").contains("<Code>NoSuchKey</Code>").contains("<Key>no/such/key</Key>")
                .contains("<RequestId>" + requestId + "</RequestId>").contains("<HostId>").contains("<Message>")
                .contains("<Resource>/" + bucket + "/no/such/key</Resource>");

        HttpResponse<String> head = S3Support.raw(endpoint, "HEAD", "/" + bucket + "/no/such/key");
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("x-amz-request-id")).isPresent();

        HttpResponse<String> noBucket = S3Support.raw(endpoint, "GET", "/" + S3Support.bucketName("gone") + "/k");
        assertThat(noBucket.statusCode()).isEqualTo(404);
        assertThat(noBucket.body()).contains("<Code>NoSuchBucket</Code>").contains("<BucketName>");

        // the SDK reads the request id of an error too
        assertThatRequestId(() -> s3.getObject(b -> b.bucket(bucket).key("nope")));
    }

    private static void assertThatRequestId(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOfSatisfying(
                software.amazon.awssdk.services.s3.model.S3Exception.class, e -> {
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.extendedRequestId()).isNotBlank();
                });
    }

    @Test
    void serverSideEncryptionHeaders() {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("sse").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromString("x"));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("sse")).serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        var copy = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("sse").destinationBucket(bucket).destinationKey("sse-copy"));
        assertThat(copy.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        var mpu = s3.createMultipartUpload(b -> b.bucket(bucket).key("sse-mpu"));
        assertThat(mpu.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("sse-mpu").uploadId(mpu.uploadId()));
    }

    @Test
    void manyConcurrentSmallWritesAndReads() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    byte[] data = ("value " + n).getBytes(StandardCharsets.UTF_8);
                    s3.putObject(b -> b.bucket(bucket).key("conc/" + n), RequestBody.fromBytes(data));
                    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("conc/" + n)).asByteArray()).isEqualTo(data);
                    return null;
                }));
            }
            for (var f : futures) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
