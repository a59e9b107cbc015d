package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.md5Hex;
import static io.tarn.it.s3.S3Support.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tarn.it.TarnServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileDownload;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;

/**
 * Multipart uploads: the full cycle and its ETag, the errors of CompleteMultipartUpload, abort,
 * listings, UploadPartCopy, composite and full-object checksums, and the S3 Transfer Manager on
 * a big file ({@code -Dtarn.it.bigFileMiB}, 200 by default; the issue asks for multi-GiB runs,
 * which that property allows).
 */
@ExtendWith(TarnServerExtension.class)
class S3MultipartIT {

    private static final int MIB = 1024 * 1024;
    private static final int PART = 5 * MIB;

    private static S3Client s3;
    private static S3Client plain;
    private static String bucket;
    private static URI endpoint;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp(URI uri) {
        endpoint = uri;
        s3 = S3Support.client(uri);
        plain = S3Support.plainClient(uri);
        bucket = S3Support.bucketName("multipart");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void close() {
        s3.close();
        plain.close();
    }

    /** The multipart ETag: MD5 of the parts' binary MD5s, a dash, the part count. */
    static String multipartEtag(List<byte[]> parts) {
        ByteBuffer md5s = ByteBuffer.allocate(parts.size() * 16);
        for (byte[] p : parts) {
            md5s.put(S3Support.digest("MD5", p));
        }
        return quoted(md5Hex(md5s.array()) + "-" + parts.size());
    }

    private static byte[] concat(List<byte[]> parts) {
        int size = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        parts.forEach(all::put);
        return all.array();
    }

    private static List<CompletedPart> upload(S3Client client, String key, String uploadId, List<byte[]> parts) {
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int n = i + 1;
            byte[] p = parts.get(i);
            UploadPartResponse r = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(n), RequestBody.fromBytes(p));
            assertThat(r.eTag()).isEqualTo(quoted(md5Hex(p)));
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).build());
        }
        return done;
    }

    @Test
    void createUploadListAndComplete() {
        for (S3Client client : List.of(plain, s3)) {
            String key = "cycle/" + (client == plain ? "plain" : "chunked");
            List<byte[]> parts = List.of(S3Support.random(PART, 1), S3Support.random(PART, 2), S3Support.random(1000, 3));
            var created = client.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("application/x-test")
                    .metadata(java.util.Map.of("origin", "mpu")));
            String uploadId = created.uploadId();
            assertThat(uploadId).isNotBlank();
            assertThat(created.bucket()).isEqualTo(bucket);
            assertThat(created.key()).isEqualTo(key);
            List<CompletedPart> done = upload(client, key, uploadId, parts);

            ListPartsResponse listed = client.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            assertThat(listed.parts()).extracting(Part::partNumber).containsExactly(1, 2, 3);
            assertThat(listed.parts()).extracting(Part::size).containsExactly((long) PART, (long) PART, 1000L);
            assertThat(listed.parts()).extracting(Part::eTag).containsExactlyElementsOf(
                    done.stream().map(CompletedPart::eTag).collect(Collectors.toList()));
            assertThat(listed.isTruncated()).isFalse();
            ListPartsResponse firstTwo = client.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId).maxParts(2));
            assertThat(firstTwo.parts()).extracting(Part::partNumber).containsExactly(1, 2);
            assertThat(firstTwo.isTruncated()).isTrue();
            assertThat(firstTwo.nextPartNumberMarker()).isEqualTo(2);
            assertThat(client.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumberMarker(2)).parts())
                    .extracting(Part::partNumber).containsExactly(3);

            // nothing visible before completion
            S3Support.assertS3Status(() -> client.headObject(b -> b.bucket(bucket).key(key)), 404);

            CompleteMultipartUploadResponse completed = client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done)));
            String etag = multipartEtag(parts);
            assertThat(completed.eTag()).isEqualTo(etag).endsWith("-3\"");
            assertThat(completed.key()).isEqualTo(key);
            assertThat(completed.bucket()).isEqualTo(bucket);

            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(key));
            assertThat(head.eTag()).isEqualTo(etag);
            assertThat(head.contentLength()).isEqualTo(2L * PART + 1000);
            assertThat(head.contentType()).isEqualTo("application/x-test");
            assertThat(head.metadata()).containsEntry("origin", "mpu");
            assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(concat(parts));

            assertS3Error(() -> client.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)), "NoSuchUpload", 404);
        }
    }

    @Test
    void replacingAPartKeepsTheLastOne() {
        String key = "replace";
        String uploadId = plain.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        upload(plain, key, uploadId, List.of(S3Support.random(1000, 9)));
        byte[] second = S3Support.random(2000, 10);
        List<CompletedPart> done = upload(plain, key, uploadId, List.of(second));
        plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(done)));
        assertThat(plain.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(second);
    }

    @Test
    void completeRejectsSmallPartsUnknownPartsAndBadOrder() {
        String key = "errors";
        String uploadId = plain.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> small = upload(plain, key, uploadId, List.of(S3Support.random(1024, 4), S3Support.random(1024, 5)));
        assertS3Error(() -> plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(small))), "EntityTooSmall", 400);

        // a wrong ETag, and a part number never uploaded
        assertS3Error(() -> plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag("\"00000000000000000000000000000000\"").build()))), "InvalidPart", 400);
        assertS3Error(() -> plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(7).eTag(small.get(0).eTag()).build()))), "InvalidPart", 400);

        // part numbers must be 1..10000
        assertS3Error(() -> plain.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(10001),
                RequestBody.fromString("x")), "InvalidArgument", 400);
        assertS3Error(() -> plain.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(0),
                RequestBody.fromString("x")), "InvalidArgument", 400);

        // the upload is still usable: the small parts form a valid object when only the last is used
        plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(small.get(0))));
        assertThat(plain.headObject(b -> b.bucket(bucket).key(key)).contentLength()).isEqualTo(1024);
    }

    @Test
    void partsOutOfOrderAreInvalidPartOrder() {
        String key = "order";
        String uploadId = plain.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> done = upload(plain, key, uploadId, List.of(S3Support.random(PART, 14), S3Support.random(PART, 15)));
        assertS3Error(() -> plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                done.get(1), done.get(0)))), "InvalidPartOrder", 400);
        assertS3Error(() -> plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                done.get(0), done.get(0)))), "InvalidPartOrder", 400);
        plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(done)));
        assertThat(plain.headObject(b -> b.bucket(bucket).key(key)).contentLength()).isEqualTo(2L * PART);
    }

    @Test
    void abortedUploadsAreGone() {
        String key = "aborted";
        String uploadId = plain.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> done = upload(plain, key, uploadId, List.of(S3Support.random(100, 6)));
        plain.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        assertS3Error(() -> plain.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromString("x")), "NoSuchUpload", 404);
        assertS3Error(() -> plain.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)), "NoSuchUpload", 404);
        assertS3Error(() -> plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(done))), "NoSuchUpload", 404);
        assertS3Error(() -> plain.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)), "NoSuchUpload", 404);
        assertS3Error(() -> plain.uploadPart(b -> b.bucket(bucket).key(key).uploadId("no-such-upload").partNumber(1),
                RequestBody.fromString("x")), "NoSuchUpload", 404);
        S3Support.assertS3Status(() -> plain.headObject(b -> b.bucket(bucket).key(key)), 404);
    }

    @Test
    void listMultipartUploads() {
        String b2 = S3Support.bucketName("uploads");
        s3.createBucket(b -> b.bucket(b2));
        String a1 = s3.createMultipartUpload(b -> b.bucket(b2).key("dir/a")).uploadId();
        String a2 = s3.createMultipartUpload(b -> b.bucket(b2).key("dir/a")).uploadId();
        String c = s3.createMultipartUpload(b -> b.bucket(b2).key("dir/c")).uploadId();
        String top = s3.createMultipartUpload(b -> b.bucket(b2).key("top")).uploadId();

        ListMultipartUploadsResponse all = s3.listMultipartUploads(b -> b.bucket(b2));
        assertThat(all.uploads()).extracting(MultipartUpload::key).containsExactly("dir/a", "dir/a", "dir/c", "top");
        assertThat(all.uploads().subList(0, 2)).extracting(MultipartUpload::uploadId).containsExactly(a1, a2);
        assertThat(all.uploads()).allSatisfy(u -> assertThat(u.initiated()).isNotNull());
        assertThat(all.isTruncated()).isFalse();

        ListMultipartUploadsResponse grouped = s3.listMultipartUploads(b -> b.bucket(b2).delimiter("/"));
        assertThat(grouped.uploads()).extracting(MultipartUpload::key).containsExactly("top");
        assertThat(grouped.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("dir/");
        assertThat(s3.listMultipartUploads(b -> b.bucket(b2).prefix("dir/c")).uploads()).extracting(MultipartUpload::uploadId)
                .containsExactly(c);

        ListMultipartUploadsResponse page1 = s3.listMultipartUploads(b -> b.bucket(b2).maxUploads(2));
        assertThat(page1.uploads()).extracting(MultipartUpload::uploadId).containsExactly(a1, a2);
        assertThat(page1.isTruncated()).isTrue();
        assertThat(page1.nextKeyMarker()).isEqualTo("dir/a");
        assertThat(page1.nextUploadIdMarker()).isEqualTo(a2);
        ListMultipartUploadsResponse page2 = s3.listMultipartUploads(b -> b.bucket(b2).maxUploads(2)
                .keyMarker(page1.nextKeyMarker()).uploadIdMarker(page1.nextUploadIdMarker()));
        assertThat(page2.uploads()).extracting(MultipartUpload::uploadId).containsExactly(c, top);

        s3.abortMultipartUpload(b -> b.bucket(b2).key("top").uploadId(top));
        assertThat(s3.listMultipartUploads(b -> b.bucket(b2)).uploads()).extracting(MultipartUpload::uploadId)
                .doesNotContain(top).hasSize(3);
        // uploads in progress do not keep a bucket from being deleted
        s3.deleteBucket(b -> b.bucket(b2));
    }

    @Test
    void uploadPartCopyWithRanges() {
        byte[] source = S3Support.random(PART + 3 * MIB, 7);
        s3.putObject(b -> b.bucket(bucket).key("copy-src"), RequestBody.fromBytes(source));
        String srcEtag = quoted(md5Hex(source));
        String key = "copy-dst";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        var p1 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket).destinationKey(key)
                .uploadId(uploadId).partNumber(1).copySourceRange("bytes=0-" + (PART - 1)));
        var p2 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket).destinationKey(key)
                .uploadId(uploadId).partNumber(2).copySourceRange("bytes=" + PART + "-" + (source.length - 1)).copySourceIfMatch(srcEtag));
        assertThat(p1.copyPartResult().eTag()).isEqualTo(quoted(md5Hex(Arrays.copyOfRange(source, 0, PART))));
        assertThat(p2.copyPartResult().eTag()).isEqualTo(quoted(md5Hex(Arrays.copyOfRange(source, PART, source.length))));
        assertThat(p1.copyPartResult().lastModified()).isNotNull();
        assertS3Error(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket)
                .destinationKey(key).uploadId(uploadId).partNumber(3).copySourceIfMatch("\"00000000000000000000000000000000\"")),
                "PreconditionFailed", 412);
        assertS3Error(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket)
                .destinationKey(key).uploadId(uploadId).partNumber(3).copySourceRange("bytes=0-" + source.length)),
                "InvalidRange", 416);
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(p1.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(2).eTag(p2.copyPartResult().eTag()).build())));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(source);
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).eTag()).isEqualTo(multipartEtag(List.of(
                Arrays.copyOfRange(source, 0, PART), Arrays.copyOfRange(source, PART, source.length))));
    }

    @Test
    void compositeCrc32Checksum() {
        String key = "sum/composite-crc32";
        List<byte[]> parts = List.of(S3Support.random(PART, 11), S3Support.random(PART, 12), S3Support.random(4321, 13));
        var created = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32));
        assertThat(created.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32);
        String uploadId = created.uploadId();
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int n = i + 1;
            byte[] p = parts.get(i);
            UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(n)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(p));
            assertThat(r.checksumCRC32()).isEqualTo(Checksums.base64("CRC32", p));
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        }
        assertThat(s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts()).extracting(Part::checksumCRC32)
                .containsExactlyElementsOf(done.stream().map(CompletedPart::checksumCRC32).collect(Collectors.toList()));
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(done)));
        String expected = Checksums.composite("CRC32", parts);
        assertThat(completed.checksumCRC32()).isEqualTo(expected);
        assertThat(completed.checksumType()).isEqualTo(ChecksumType.COMPOSITE);

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32()).isEqualTo(expected);
        assertThat(head.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        // a part of a composite object carries that part's checksum
        HeadObjectResponse part2 = s3.headObject(b -> b.bucket(bucket).key(key).partNumber(2).checksumMode(ChecksumMode.ENABLED));
        assertThat(part2.contentLength()).isEqualTo(PART);
        assertThat(part2.checksumCRC32()).isEqualTo(Checksums.base64("CRC32", parts.get(1)));
        assertThat(part2.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        // (one attribute a call: S3ObjectIT covers asking for several)
        var checksum = s3.getObjectAttributes(b -> b.bucket(bucket).key(key).objectAttributes(ObjectAttributes.CHECKSUM));
        // GetObjectAttributes gives the composite value without the "-N" (the part count is in ObjectParts)
        assertThat(checksum.checksum().checksumCRC32()).isEqualTo(expected.substring(0, expected.lastIndexOf('-')));
        assertThat(checksum.checksum().checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        var attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key(key).objectAttributes(ObjectAttributes.OBJECT_PARTS));
        assertThat(attributes.objectParts().parts()).extracting(p -> p.checksumCRC32())
                .containsExactlyElementsOf(parts.stream().map(p -> Checksums.base64("CRC32", p)).collect(Collectors.toList()));

        // a part checksum in the complete request that is not the uploaded part's is refused
        String other = s3.createMultipartUpload(b -> b.bucket(bucket).key(key + "-2").checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key + "-2").uploadId(other).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(parts.get(2)));
        assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key + "-2").uploadId(other)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(r.eTag())
                        .checksumCRC32(Checksums.base64("CRC32", parts.get(0))).build()))), "InvalidPart", 400);
    }

    /** A three-part object with CRC32C part checksums, for GetObjectAttributes. */
    private static List<byte[]> threePartObject(String key) {
        List<byte[]> parts = List.of(S3Support.random(PART, 41), S3Support.random(PART, 42), S3Support.random(10, 43));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32_C)).uploadId();
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int n = i + 1;
            UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(n)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(parts.get(n - 1)));
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32C(r.checksumCRC32C()).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(done)));
        return parts;
    }

    @Test
    void getObjectAttributesListsTheParts() {
        List<byte[]> parts = threePartObject("attrs/parts");
        var all = s3.getObjectAttributes(b -> b.bucket(bucket).key("attrs/parts").objectAttributes(ObjectAttributes.OBJECT_PARTS))
                .objectParts();
        assertThat(all.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2, 3);
        assertThat(all.parts()).extracting(p -> p.size()).containsExactly((long) PART, (long) PART, 10L);
        assertThat(all.parts()).extracting(p -> p.checksumCRC32C())
                .containsExactlyElementsOf(parts.stream().map(p -> Checksums.base64("CRC32C", p)).collect(Collectors.toList()));
        assertThat(all.isTruncated()).isFalse();
        // the count of all parts: <PartsCount> in S3's XML (the SDK's totalPartsCount)
        assertThat(all.totalPartsCount()).isEqualTo(3);
    }

    @Test
    void getObjectAttributesPagesThePartsWithItsHeaders() {
        // GetObjectAttributes takes x-amz-max-parts and x-amz-part-number-marker as headers, not query parameters
        threePartObject("attrs/paged");
        var page1 = s3.getObjectAttributes(b -> b.bucket(bucket).key("attrs/paged").objectAttributes(ObjectAttributes.OBJECT_PARTS)
                .maxParts(2)).objectParts();
        assertThat(page1.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
        assertThat(page1.isTruncated()).isTrue();
        assertThat(page1.maxParts()).isEqualTo(2);
        assertThat(page1.nextPartNumberMarker()).isEqualTo(2);
        var page2 = s3.getObjectAttributes(b -> b.bucket(bucket).key("attrs/paged").objectAttributes(ObjectAttributes.OBJECT_PARTS)
                .partNumberMarker(2)).objectParts();
        assertThat(page2.parts()).extracting(p -> p.partNumber()).containsExactly(3);
        assertThat(page2.partNumberMarker()).isEqualTo(2);
        assertThat(page2.isTruncated()).isFalse();
    }

    @Test
    void fullObjectCrc64NvmeChecksum() {
        String key = "sum/full-crc64nvme";
        List<byte[]> parts = List.of(S3Support.random(PART, 21), S3Support.random(PART + 5, 22), S3Support.random(777, 23));
        byte[] whole = concat(parts);
        String expected = Checksums.base64("CRC64NVME", whole);
        var created = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME)
                .checksumType(ChecksumType.FULL_OBJECT));
        assertThat(created.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        String uploadId = created.uploadId();
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int n = i + 1;
            byte[] p = parts.get(i);
            UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(n)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME), RequestBody.fromBytes(p));
            assertThat(r.checksumCRC64NVME()).isEqualTo(Checksums.base64("CRC64NVME", p));
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC64NVME(r.checksumCRC64NVME()).build());
        }
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .checksumCRC64NVME(expected).checksumType(ChecksumType.FULL_OBJECT).multipartUpload(m -> m.parts(done)));
        assertThat(completed.checksumCRC64NVME()).isEqualTo(expected);
        assertThat(completed.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC64NVME()).isEqualTo(expected);
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)).asByteArray()).isEqualTo(whole);
    }

    @Test
    void fullObjectCrc32ChecksumWithoutPartChecksumsInTheCompleteRequest() {
        String key = "sum/full-crc32";
        List<byte[]> parts = List.of(S3Support.random(PART, 31), S3Support.random(99, 32));
        var created = plain.createMultipartUpload(b -> b.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32)
                .checksumType(ChecksumType.FULL_OBJECT));
        String uploadId = created.uploadId();
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int n = i + 1;
            byte[] p = parts.get(i);
            UploadPartResponse r = plain.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(n)
                    .checksumCRC32(Checksums.base64("CRC32", p)), RequestBody.fromBytes(p));
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        }
        CompleteMultipartUploadResponse completed = plain.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(done)));
        assertThat(completed.checksumCRC32()).isEqualTo(Checksums.base64("CRC32", concat(parts)));
        assertThat(completed.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    }

    // ---------------------------------------------------------------- the Transfer Manager on a big file

    private static long bigFileBytes() {
        return Long.getLong("tarn.it.bigFileMiB", 200L) * MIB;
    }

    private static Path writeRandomFile(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] buffer = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; ) {
                for (int i = 0; i < buffer.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        buffer[i + j] = (byte) (v >>> (j * 8));
                    }
                }
                int n = (int) Math.min(buffer.length, size - written);
                out.write(buffer, 0, n);
                written += n;
            }
        }
        return file;
    }

    private static byte[] sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[MIB];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    private static long crc32(Path file, long offset, long length) throws IOException {
        CRC32 crc = new CRC32();
        try (var channel = Files.newByteChannel(file)) {
            channel.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate(MIB);
            long left = length;
            while (left > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                int n = channel.read(buffer);
                if (n <= 0) {
                    throw new IOException("short file");
                }
                buffer.flip();
                crc.update(buffer);
                left -= n;
            }
        }
        return crc.getValue();
    }

    private static S3AsyncClient javaMultipartClient() {
        return S3AsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true).multipartEnabled(true)
                .multipartConfiguration(c -> c.minimumPartSizeInBytes(8L * MIB).thresholdInBytes(8L * MIB))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(16).readTimeout(Duration.ofMinutes(2)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    @Test
    void transferManagerUploadsAndDownloadsABigFileByParts() throws Exception {
        long size = bigFileBytes();
        Path source = writeRandomFile(tmp.resolve("big.bin"), size);
        Path target = tmp.resolve("big.down");
        String key = "tm/big.bin";
        try (S3AsyncClient async = javaMultipartClient(); S3TransferManager tm = S3TransferManager.builder().s3Client(async).build()) {
            CompletedFileUpload up = tm.uploadFile(u -> u.source(source).putObjectRequest(p -> p.bucket(bucket).key(key)))
                    .completionFuture().get(10, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(up.response().eTag()).matches("\"[0-9a-f]{32}-\\d+\"");
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
            assertThat(head.contentLength()).isEqualTo(size);
            int partCount = Integer.parseInt(up.response().eTag().replaceAll(".*-(\\d+)\"", "$1"));
            assertThat(partCount).isEqualTo((int) ((size + 8L * MIB - 1) / (8L * MIB)));
            assertThat(head.partsCount()).isNull(); // only with partNumber

            // the checksum the SDK asked for (CRC32 by default), as this test computes it from the file
            if (head.checksumCRC32() != null) {
                String expected;
                if (head.checksumType() == ChecksumType.FULL_OBJECT) {
                    expected = base64Int(crc32(source, 0, size));
                } else {
                    ByteBuffer partSums = ByteBuffer.allocate(partCount * 4);
                    long partSize = 8L * MIB;
                    for (int i = 0; i < partCount; i++) {
                        long offset = i * partSize;
                        partSums.putInt((int) crc32(source, offset, Math.min(partSize, size - offset)));
                    }
                    expected = Checksums.base64("CRC32", partSums.array()) + "-" + partCount;
                }
                assertThat(head.checksumCRC32()).isEqualTo(expected);
            }

            CompletedFileDownload down = tm.downloadFile(d -> d.destination(target).getObjectRequest(g -> g.bucket(bucket).key(key)))
                    .completionFuture().get(10, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(down.response().contentLength()).isPositive();
        }
        assertThat(Files.size(target)).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(sha256(target))).isEqualTo(HexFormat.of().formatHex(sha256(source)));
    }

    @Test
    void theCrtClientUploadsAndDownloadsByPartsToo() throws Exception {
        S3AsyncClient crt;
        try {
            crt = S3AsyncClient.crtBuilder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                    .minimumPartSizeInBytes(8L * MIB).checksumValidationEnabled(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        } catch (RuntimeException | LinkageError e) {
            assumeTrue(false, "the AWS CRT does not load here: " + e);
            return;
        }
        long size = Math.min(bigFileBytes(), 48L * MIB);
        Path source = writeRandomFile(tmp.resolve("crt.bin"), size);
        Path target = tmp.resolve("crt.down");
        try (crt; S3TransferManager tm = S3TransferManager.builder().s3Client(crt).build()) {
            CompletedFileUpload up = tm.uploadFile(u -> u.source(source).putObjectRequest(p -> p.bucket(bucket).key("tm/crt.bin")
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32))).completionFuture().get(5, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(up.response().eTag()).endsWith("-" + (size + 8L * MIB - 1) / (8L * MIB) + "\"");
            tm.downloadFile(d -> d.destination(target).getObjectRequest(g -> g.bucket(bucket).key("tm/crt.bin")))
                    .completionFuture().get(5, java.util.concurrent.TimeUnit.MINUTES);
        }
        assertThat(HexFormat.of().formatHex(sha256(target))).isEqualTo(HexFormat.of().formatHex(sha256(source)));
    }

    private static String base64Int(long crc) {
        return java.util.Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc).array());
    }
}
