package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.s3.engine.MultipartEngine.CompletedPart;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.checksum.Checksum;
import io.tarn.s3.engine.checksum.ChecksumAlgorithm;
import io.tarn.s3.model.CompletedUpload;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.UploadedPart;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Multipart uploads as the S3 User Guide ("Uploading and copying objects using multipart upload",
 * "Checking object integrity") and the CompleteMultipartUpload reference describe them.
 */
class MultipartEngineTest extends EngineFixture {

    private static final String B = "uploads";
    private static final byte[] P1 = bytes(5 * MIB, 1);
    private static final byte[] P2 = bytes(5 * MIB, 2);
    private static final byte[] P3 = {42};

    private MultipartUpload create(String key) {
        bucket(B);
        return uploads.create(B, key, attrs(), null, null);
    }

    private MultipartUpload create(String key, ChecksumAlgorithm algorithm, String type) {
        bucket(B);
        return uploads.create(B, key, attrs(), algorithm, type);
    }

    private ObjectVersion complete(MultipartUpload u, List<CompletedPart> parts) {
        return completed(uploads.complete(B, u.key(), u.uploadId(), parts, WriteCondition.NONE, null, null));
    }

    private UploadedPart part(MultipartUpload u, int number, byte[] data) {
        MultipartEngine.PendingPart p = uploads.beginPart(B, u.key(), u.uploadId(), number, Integrity.NONE);
        writeInChunks(data, p::write);
        return p.commit(null);
    }

    @Test
    void completeJoinsPartsWithTheMultipartEtag() {
        MultipartUpload u = create("k");
        List<CompletedPart> named = List.of(uploadPart(B, "k", u.uploadId(), 1, P1), uploadPart(B, "k", u.uploadId(), 2, P2),
                uploadPart(B, "k", u.uploadId(), 3, P3));

        ObjectVersion v = complete(u, named);

        byte[] partMd5s = concat(md5(P1), md5(P2), md5(P3));
        assertThat(v.etag()).isEqualTo('"' + HexFormat.of().formatHex(md5(partMd5s)) + "-3\"");
        assertThat(v.size()).isEqualTo(P1.length + P2.length + P3.length);
        assertThat(v.parts()).hasSize(3);
        assertThat(read(objects.resolve(B, "k", null))).isEqualTo(concat(P1, P2, P3));
        // the upload is gone once completed
        assertAws(() -> uploads.require(B, "k", u.uploadId()), "NoSuchUpload", 404);
        assertThat(uploads.parts(u.uploadId(), 0, 100)).isEmpty();
        assertThat(blobFiles()).containsExactlyInAnyOrderElementsOf(filesOf(v));
    }

    @Test
    void aSingleSmallPartIsAllowed() {
        MultipartUpload u = create("k");
        ObjectVersion v = complete(u, List.of(uploadPart(B, "k", u.uploadId(), 7, P3)));
        assertThat(v.etag()).isEqualTo('"' + HexFormat.of().formatHex(md5(md5(P3))) + "-1\"");
        assertThat(read(v)).isEqualTo(P3);
    }

    @Test
    void everyPartButTheLastMustBeFiveMebibytes() {
        MultipartUpload u = create("k");
        CompletedPart small = uploadPart(B, "k", u.uploadId(), 1, bytes(5 * MIB - 1, 3));
        CompletedPart last = uploadPart(B, "k", u.uploadId(), 2, P3);
        assertAws(() -> complete(u, List.of(small, last)), "EntityTooSmall", 400);
        // the upload is still there and can be completed differently
        assertThat(uploads.require(B, "k", u.uploadId())).isNotNull();
        assertThat(read(complete(u, List.of(small)))).isEqualTo(bytes(5 * MIB - 1, 3));
    }

    @Test
    void partsMustBeInAscendingOrder() {
        MultipartUpload u = create("k");
        CompletedPart one = uploadPart(B, "k", u.uploadId(), 1, P1);
        CompletedPart two = uploadPart(B, "k", u.uploadId(), 2, P2);
        CompletedPart three = uploadPart(B, "k", u.uploadId(), 3, P3);
        assertAws(() -> complete(u, List.of(two, one, three)), "InvalidPartOrder", 400);
        assertAws(() -> complete(u, List.of(one, one, three)), "InvalidPartOrder", 400);
        assertAws(() -> complete(u, List.of(one, two, two, three)), "InvalidPartOrder", 400);
        assertAws(() -> complete(u, List.of()), "MalformedXML", 400);
    }

    @Test
    void partsMustExistWithTheirEtag() {
        MultipartUpload u = create("k");
        CompletedPart one = uploadPart(B, "k", u.uploadId(), 1, P1);
        CompletedPart two = uploadPart(B, "k", u.uploadId(), 2, P3);
        String wrong = '"' + md5Hex(P2) + '"';
        assertAws(() -> complete(u, List.of(one, new CompletedPart(2, wrong, null))), "InvalidPart", 400);
        assertAws(() -> complete(u, List.of(one, new CompletedPart(3, wrong, null))), "InvalidPart", 400); // never uploaded
        assertAws(() -> complete(u, List.of(one, new CompletedPart(2, "*", null))), "InvalidPart", 400);
        assertAws(() -> complete(u, List.of(one, new CompletedPart(2, wrong + ", " + two.etag(), null))), "InvalidPart", 400);
        // the ETag may come quoted or bare
        ObjectVersion v = complete(u, List.of(one, new CompletedPart(2, two.etag().replace("\"", ""), null)));
        assertThat(read(v)).isEqualTo(concat(P1, P3));
    }

    @Test
    void partNumbersAreOneToTenThousand() {
        MultipartUpload u = create("k");
        assertAws(() -> uploads.beginPart(B, "k", u.uploadId(), 0, Integrity.NONE), "InvalidArgument", 400);
        assertAws(() -> uploads.beginPart(B, "k", u.uploadId(), 10_001, Integrity.NONE), "InvalidArgument", 400);
        part(u, 10_000, P3);
        assertAws(() -> uploads.beginPart(B, "k", "no-such-upload", 1, Integrity.NONE), "NoSuchUpload", 404);
        assertAws(() -> uploads.beginPart(B, "other-key", u.uploadId(), 1, Integrity.NONE), "NoSuchUpload", 404);
    }

    @Test
    void reuploadingAPartReplacesIt() {
        MultipartUpload u = create("k");
        UploadedPart first = part(u, 1, bytes(70_000, 9));
        List<Path> firstFiles = filesOf(first);
        UploadedPart second = part(u, 1, P3);

        assertThat(uploads.parts(u.uploadId(), 0, 100)).singleElement().satisfies(p -> {
            assertThat(p.partNumber()).isEqualTo(1);
            assertThat(p.stored().etag()).isEqualTo(md5Hex(P3));
            assertThat(p.stored().size()).isEqualTo(1);
        });
        assertThat(firstFiles).noneMatch(Files::exists);
        assertAws(() -> complete(u, List.of(new CompletedPart(1, first.stored().etag(), null))), "InvalidPart", 400);
        assertThat(read(complete(u, List.of(new CompletedPart(1, second.stored().etag(), null))))).isEqualTo(P3);
    }

    @Test
    void completeDropsThePartsItDoesNotName() {
        MultipartUpload u = create("k");
        CompletedPart one = uploadPart(B, "k", u.uploadId(), 1, P1);
        UploadedPart two = part(u, 2, bytes(70_000, 5));
        CompletedPart three = uploadPart(B, "k", u.uploadId(), 3, bytes(70_000, 6));
        List<Path> unnamed = filesOf(two);
        assertThat(unnamed).allMatch(Files::exists);

        ObjectVersion v = complete(u, List.of(one, three));

        assertThat(read(v)).isEqualTo(concat(P1, bytes(70_000, 6)));
        assertThat(unnamed).noneMatch(Files::exists);
        assertThat(blobFiles()).containsExactlyInAnyOrderElementsOf(filesOf(v));
        assertThat(uploads.parts(u.uploadId(), 0, 100)).isEmpty();
    }

    @Test
    void abortDropsTheUploadAndItsBytes() {
        MultipartUpload u = create("k");
        part(u, 1, bytes(70_000, 1));
        part(u, 2, bytes(70_000, 2));
        assertThat(blobFiles()).hasSize(2);

        uploads.abort(B, "k", u.uploadId());

        assertAws(() -> uploads.require(B, "k", u.uploadId()), "NoSuchUpload", 404);
        assertAws(() -> uploads.abort(B, "k", u.uploadId()), "NoSuchUpload", 404);
        assertAws(() -> uploads.beginPart(B, "k", u.uploadId(), 3, Integrity.NONE), "NoSuchUpload", 404);
        assertAws(() -> complete(u, List.of(new CompletedPart(1, null, null))), "NoSuchUpload", 404);
        assertThat(uploads.parts(u.uploadId(), 0, 100)).isEmpty();
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void aPartStillStreamingWhenTheUploadIsAbortedIsDropped() {
        MultipartUpload u = create("k");
        MultipartEngine.PendingPart p = uploads.beginPart(B, "k", u.uploadId(), 1, Integrity.NONE);
        p.write(ByteBuffer.wrap(bytes(70_000, 1)));
        uploads.abort(B, "k", u.uploadId());
        assertAws(() -> p.commit(null), "NoSuchUpload", 404);
        p.abort();
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void partMd5IsChecked() {
        MultipartUpload u = create("k");
        MultipartEngine.PendingPart p = uploads.beginPart(B, "k", u.uploadId(), 1,
                new Integrity(md5Base64(P2), null, null, null));
        p.write(ByteBuffer.wrap(bytes(70_000, 1)));
        assertAws(() -> p.commit(null), "BadDigest", 400);
        p.abort();
        assertThat(uploads.parts(u.uploadId(), 0, 100)).isEmpty();
        assertThat(blobFiles()).isEmpty();
    }

    // ---- checksums

    @Test
    void compositeCrc32IsTheCrcOfThePartCrcs() {
        MultipartUpload u = create("k", ChecksumAlgorithm.CRC32, null);
        assertThat(u.checksumType()).isEqualTo("COMPOSITE"); // the default for CRC32
        List<CompletedPart> named = new ArrayList<>();
        byte[][] parts = {P1, P2, P3};
        for (int i = 0; i < parts.length; i++) {
            UploadedPart p = part(u, i + 1, parts[i]);
            assertThat(p.stored().checksum()).isEqualTo(Base64.getEncoder().encodeToString(crc32(parts[i])));
            named.add(new CompletedPart(i + 1, p.stored().etag(), p.stored().checksum()));
        }

        ObjectVersion v = complete(u, named);

        byte[] expected = crc32(concat(crc32(P1), crc32(P2), crc32(P3)));
        assertThat(v.checksum()).isNotNull();
        assertThat(v.checksum().algorithm()).isEqualTo("CRC32");
        assertThat(v.checksum().type()).isEqualTo("COMPOSITE");
        assertThat(v.checksum().value()).isEqualTo(Base64.getEncoder().encodeToString(expected) + "-3");
    }

    @Test
    void aPartChecksumThatDoesNotMatchIsInvalidPartAndAWrongTotalIsBadDigest() {
        MultipartUpload u = create("k", ChecksumAlgorithm.CRC32, "COMPOSITE");
        UploadedPart p = part(u, 1, P3);
        String wrong = Base64.getEncoder().encodeToString(crc32(P2));
        assertAws(() -> complete(u, List.of(new CompletedPart(1, p.stored().etag(), wrong))), "InvalidPart", 400);
        assertAws(() -> uploads.complete(B, "k", u.uploadId(), List.of(new CompletedPart(1, p.stored().etag(), null)),
                WriteCondition.NONE, wrong + "-1", null), "BadDigest", 400);
        String right = Base64.getEncoder().encodeToString(crc32(crc32(P3))) + "-1";
        ObjectVersion v = completed(uploads.complete(B, "k", u.uploadId(), List.of(new CompletedPart(1, p.stored().etag(), null)),
                WriteCondition.NONE, right, null));
        assertThat(v.checksum().value()).isEqualTo(right);
    }

    @Test
    void fullObjectCrc64NvmeIsTheChecksumOfTheWholeObject() {
        MultipartUpload u = create("k", ChecksumAlgorithm.CRC64NVME, null);
        assertThat(u.checksumType()).isEqualTo("FULL_OBJECT"); // the only type CRC64NVME has
        assertFullObject(u, ChecksumAlgorithm.CRC64NVME);
    }

    @Test
    void fullObjectCrc32IsTheChecksumOfTheWholeObject() {
        assertFullObject(create("k", ChecksumAlgorithm.CRC32, "FULL_OBJECT"), ChecksumAlgorithm.CRC32);
    }

    @Test
    void fullObjectCrc32cIsTheChecksumOfTheWholeObject() {
        assertFullObject(create("k", ChecksumAlgorithm.CRC32C, "FULL_OBJECT"), ChecksumAlgorithm.CRC32C);
    }

    private void assertFullObject(MultipartUpload u, ChecksumAlgorithm algorithm) {
        byte[] p2 = bytes(5 * MIB + 12_345, 22);
        List<CompletedPart> named = List.of(
                new CompletedPart(1, part(u, 1, P1).stored().etag(), null),
                new CompletedPart(2, part(u, 2, p2).stored().etag(), null),
                new CompletedPart(3, part(u, 3, P3).stored().etag(), null));
        ObjectVersion v = complete(u, named);
        byte[] whole = concat(P1, p2, P3);
        Checksum direct = algorithm.newChecksum();
        direct.update(ByteBuffer.wrap(whole));
        assertThat(v.checksum()).isNotNull();
        assertThat(v.checksum().type()).isEqualTo("FULL_OBJECT");
        assertThat(v.checksum().algorithm()).isEqualTo(algorithm.name());
        assertThat(v.checksum().value()).isEqualTo(direct.base64()); // no -N suffix for a full-object checksum
        assertThat(read(v)).isEqualTo(whole);
    }

    @Test
    void checksumTypeAndAlgorithmMustFit() {
        bucket(B);
        assertAws(() -> uploads.create(B, "k", attrs(), ChecksumAlgorithm.SHA256, "FULL_OBJECT"), "InvalidRequest", 400);
        assertAws(() -> uploads.create(B, "k", attrs(), ChecksumAlgorithm.CRC64NVME, "COMPOSITE"), "InvalidRequest", 400);
        assertThat(uploads.create(B, "k", attrs(), ChecksumAlgorithm.SHA256, null).checksumType()).isEqualTo("COMPOSITE");
    }

    @Test
    void aPartChecksumOfAnotherAlgorithmIsRefused() {
        MultipartUpload u = create("k", ChecksumAlgorithm.CRC32, null);
        assertAws(() -> uploads.beginPart(B, "k", u.uploadId(), 1, new Integrity(null, ChecksumAlgorithm.SHA256, null, null)),
                "InvalidRequest", 400);
    }

    @Test
    void completeHonoursWriteConditions() {
        MultipartUpload u = create("k");
        put(B, "k", P3);
        CompletedPart one = uploadPart(B, "k", u.uploadId(), 1, P3);
        assertAws(() -> uploads.complete(B, "k", u.uploadId(), List.of(one), new WriteCondition(null, "*"), null, null),
                "PreconditionFailed", 412);
        assertThat(uploads.require(B, "k", u.uploadId())).isNotNull();
    }

    @Test
    void completedUploadsInAVersionedBucketAreNewVersions() {
        bucket(B);
        versioning(B, "Enabled");
        ObjectVersion plain = put(B, "k", P3);
        MultipartUpload u = uploads.create(B, "k", attrs(), null, null);
        ObjectVersion v = complete(u, List.of(uploadPart(B, "k", u.uploadId(), 1, P3)));
        assertThat(v.versionId()).isNotEqualTo("null").isNotEqualTo(plain.versionId());
        assertThat(objects.resolve(B, "k", null).versionId()).isEqualTo(v.versionId());
        assertThat(objects.resolve(B, "k", plain.versionId()).etag()).isEqualTo(plain.etag());
    }

    @Test
    void aRepeatedCompleteGetsTheSameAnswerForAnHourThenNoSuchUpload() {
        bucket(B);
        versioning(B, "Enabled");
        MultipartUpload u = uploads.create(B, "k", attrs(), ChecksumAlgorithm.CRC32, "COMPOSITE");
        List<CompletedPart> parts = List.of(uploadPart(B, "k", u.uploadId(), 1, P3));
        CompletedUpload first = uploads.complete(B, "k", u.uploadId(), parts, WriteCondition.NONE, null, null);
        // a retry after a lost answer: the same ETag, version id and checksum, and no new version
        clock.advance(Duration.ofMinutes(59));
        CompletedUpload again = uploads.complete(B, "k", u.uploadId(), parts, new WriteCondition(null, "*"), null, null);
        assertThat(again.etag()).isEqualTo(first.etag());
        assertThat(again.versionId()).isEqualTo(first.versionId());
        assertThat(again.checksum()).isEqualTo(first.checksum());
        assertThat(objects.resolve(B, "k", null).versionId()).isEqualTo(first.versionId());
        // another part list is not that request
        assertAws(() -> uploads.complete(B, "k", u.uploadId(), List.of(new CompletedPart(1, "\"0123\"", null)), WriteCondition.NONE,
                null, null), "NoSuchUpload", 404);
        assertAws(() -> uploads.complete(B, "other", u.uploadId(), parts, WriteCondition.NONE, null, null), "NoSuchUpload", 404);
        clock.advance(Duration.ofMinutes(2));
        assertAws(() -> uploads.complete(B, "k", u.uploadId(), parts, WriteCondition.NONE, null, null), "NoSuchUpload", 404);
    }

    @Test
    void anObjectSizeThatDiffersFromThePartsTotalIsInvalidRequest() {
        MultipartUpload u = create("k");
        List<CompletedPart> parts = List.of(uploadPart(B, "k", u.uploadId(), 1, P3));
        assertAws(() -> uploads.complete(B, "k", u.uploadId(), parts, WriteCondition.NONE, null, (long) P3.length + 1),
                "InvalidRequest", 400);
        assertThat(uploads.complete(B, "k", u.uploadId(), parts, WriteCondition.NONE, null, (long) P3.length).etag()).endsWith("-1\"");
    }

    private List<Path> filesOf(UploadedPart p) {
        Path dir = blobDir().resolve(p.stored().blob().id().substring(0, 2));
        return p.stored().blob().inlined() ? List.of() : List.of(dir.resolve(p.stored().blob().id()));
    }

    private static byte[] crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    }
}
