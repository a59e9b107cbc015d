package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.store.blob.BlobRef;
import io.tarn.s3.engine.ListingEngine.VersionEntry;
import io.tarn.s3.engine.ObjectEngine.Deleted;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.checksum.ChecksumAlgorithm;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import io.tarn.s3.model.StoredPart;
import io.tarn.s3.model.UploadedPart;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PutObject, GetObject (ranges), DeleteObject and versioning, conditional writes, copies and
 * in-place updates, as the S3 User Guide describes them ("Working with objects in a
 * versioning-enabled bucket", "... versioning-suspended bucket", "Conditional writes").
 */
class ObjectEngineTest extends EngineFixture {

    private static final String B = "objects";

    private List<VersionEntry> versions(String bucket) {
        return listings.versions(bucket, "", null, null, null, 1000).items();
    }

    private List<String> currentKeys(String bucket) {
        return listings.objects(bucket, "", null, null, 1000).items().stream().map(io.tarn.s3.model.ListedVersion::key).toList();
    }

    // ---- round trips

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 70_000})
    void putResolveOpenRoundTrip(int size) {
        bucket(B);
        byte[] data = bytes(size, size);
        ObjectVersion put = put(B, "k", data);

        assertThat(put.size()).isEqualTo(size);
        assertThat(put.etag()).isEqualTo('"' + md5Hex(data) + '"');
        assertThat(put.versionId()).isEqualTo(ObjectVersion.NULL_VERSION);
        assertThat(put.lastModified()).isEqualTo(START);
        ObjectVersion resolved = objects.resolve(B, "k", null);
        assertThat(resolved.seq()).isEqualTo(put.seq());
        assertThat(resolved.etag()).isEqualTo(put.etag());
        assertThat(read(resolved)).isEqualTo(data);
        assertThat(objects.resolve(B, "k", "null").seq()).isEqualTo(put.seq());
    }

    @Test
    void deleteWithIfMatchDeletesOnlyTheCurrentVersionItNames() {
        bucket(B);
        ObjectVersion v = put(B, "k", bytes(10, 1));
        assertAws(() -> objects.delete(B, "k", null, OWNER, new WriteCondition("\"0123\"", null)), "PreconditionFailed", 412);
        assertThat(objects.resolve(B, "k", null).etag()).isEqualTo(v.etag());
        assertAws(() -> objects.delete(B, "missing", null, OWNER, new WriteCondition("*", null)), "NoSuchKey", 404);
        objects.delete(B, "k", null, OWNER, new WriteCondition(v.etag(), null));
        assertAws(() -> objects.resolve(B, "k", null), "NoSuchKey", 404);

        versionedBucket("versioned-b");
        ObjectVersion w = put("versioned-b", "k", bytes(10, 2));
        assertAws(() -> objects.delete("versioned-b", "k", null, OWNER, new WriteCondition("\"0123\"", null)), "PreconditionFailed", 412);
        assertThat(objects.delete("versioned-b", "k", null, OWNER, new WriteCondition("*", null)).deleteMarker()).isTrue();
        // the current version is now a delete marker: there is no object to match
        assertAws(() -> objects.delete("versioned-b", "k", w.versionId(), OWNER, new WriteCondition("*", null)), "NoSuchKey", 404);
    }

    @Test
    void rangesAcrossTheSegmentBoundary() {
        bucket(B);
        byte[] data = bytes(70_000, 7);
        ObjectVersion v = put(B, "k", data);
        long[][] ranges = {
            {0, 1}, {SEGMENT - 1, 1}, {SEGMENT - 1, 2}, {SEGMENT, 1}, {SEGMENT - 100, 200}, {SEGMENT, 70_000 - SEGMENT},
            {69_999, 1}, {0, 70_000}, {12_345, 0}, {1, SEGMENT}
        };
        for (long[] r : ranges) {
            assertThat(read(v, r[0], r[1])).as("range %d+%d", r[0], r[1])
                    .isEqualTo(Arrays.copyOfRange(data, (int) r[0], (int) (r[0] + r[1])));
        }
    }

    @Test
    void aClosedReaderRefusesToReadAndClosesOnce() {
        bucket(B);
        ObjectVersion v = put(B, "k", bytes(3 * SEGMENT, 3));
        ObjectReader reader = objects.open(v, 0, v.size());
        assertThat(reader.next()).isNotNull(); // a blob is open mid-range
        reader.close();
        reader.close(); // closing twice (an abandoned download) is harmless

        assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class)
                .hasMessage("the object reader is closed");
    }

    @Test
    void bytesAreEncryptedAtRest() throws Exception {
        bucket(B);
        byte[] data = new byte[70_000]; // zeros: any plaintext run would show
        ObjectVersion v = put(B, "k", data);
        List<Path> files = filesOf(v);
        assertThat(files).hasSize(1);
        byte[] stored = Files.readAllBytes(files.get(0));
        assertThat(stored.length).isGreaterThan(data.length);
        int longestZeroRun = 0;
        int run = 0;
        for (byte b : stored) {
            run = b == 0 ? run + 1 : 0;
            longestZeroRun = Math.max(longestZeroRun, run);
        }
        assertThat(longestZeroRun).isLessThan(16);
    }

    // ---- integrity

    @Test
    void contentMd5MismatchIsBadDigestAndStoresNothing() {
        bucket(B);
        byte[] data = bytes(70_000, 1);
        Integrity wrongMd5 = new Integrity(md5Base64(bytes(70_000, 2)), null, null, null);

        assertAws(() -> put(B, "k", data, wrongMd5, WriteCondition.NONE), "BadDigest", 400);

        assertAws(() -> objects.resolve(B, "k", null), "NoSuchKey", 404);
        assertThat(versions(B)).isEmpty();
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void matchingContentMd5IsAccepted() {
        bucket(B);
        byte[] data = bytes(1000, 1);
        ObjectVersion v = put(B, "k", data, new Integrity(md5Base64(data), null, null, null), WriteCondition.NONE);
        assertThat(v.etag()).isEqualTo('"' + md5Hex(data) + '"');
    }

    @Test
    void malformedContentMd5IsInvalidDigest() {
        bucket(B);
        assertAws(() -> put(B, "k", bytes(10, 1), new Integrity("not-base64!", null, null, null), WriteCondition.NONE),
                "InvalidDigest", 400);
        assertAws(() -> put(B, "k", bytes(10, 1), new Integrity("AAAA", null, null, null), WriteCondition.NONE),
                "InvalidDigest", 400);
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void checksumHeaderMismatchIsBadDigestAndStoresNothing() {
        bucket(B);
        byte[] data = bytes(70_000, 3);
        String otherCrc = crc32Base64(bytes(70_000, 4));

        assertAws(() -> put(B, "k", data, new Integrity(null, ChecksumAlgorithm.CRC32, otherCrc, null), WriteCondition.NONE),
                "BadDigest", 400);

        assertAws(() -> objects.resolve(B, "k", null), "NoSuchKey", 404);
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void checksumTrailerMismatchIsBadDigest() {
        bucket(B);
        byte[] data = bytes(70_000, 3);
        ObjectEngine.PendingPut put = objects.beginPut(B, "k", attrs(), WriteCondition.NONE,
                new Integrity(null, ChecksumAlgorithm.CRC32, null, null));
        put.write(ByteBuffer.wrap(data));
        assertAws(() -> put.commit(crc32Base64(bytes(5, 5))), "BadDigest", 400);
        put.abort();
        assertThat(blobFiles()).isEmpty();
        assertAws(() -> objects.resolve(B, "k", null), "NoSuchKey", 404);
    }

    @Test
    void matchingChecksumIsStoredAsFullObject() {
        bucket(B);
        byte[] data = bytes(70_000, 3);
        ObjectVersion v = put(B, "k", data, new Integrity(null, ChecksumAlgorithm.CRC32, crc32Base64(data), null),
                WriteCondition.NONE);
        assertThat(v.checksum()).isNotNull();
        assertThat(v.checksum().algorithm()).isEqualTo("CRC32");
        assertThat(v.checksum().value()).isEqualTo(crc32Base64(data));
        assertThat(v.checksum().type()).isEqualTo("FULL_OBJECT");

        // a trailer carrying the right value is accepted too
        ObjectEngine.PendingPut put = objects.beginPut(B, "t", attrs(), WriteCondition.NONE,
                new Integrity(null, ChecksumAlgorithm.CRC32, null, null));
        put.write(ByteBuffer.wrap(data));
        assertThat(put.commit(crc32Base64(data)).checksum().value()).isEqualTo(crc32Base64(data));
    }

    @Test
    void declaredSha256MismatchIsXAmzContentSha256Mismatch() {
        bucket(B);
        byte[] data = bytes(70_000, 6);

        assertAws(() -> put(B, "k", data, new Integrity(null, null, null, sha256Hex(bytes(1, 1))), WriteCondition.NONE),
                "XAmzContentSHA256Mismatch", 400);

        assertAws(() -> objects.resolve(B, "k", null), "NoSuchKey", 404);
        assertThat(blobFiles()).isEmpty();
        ObjectVersion ok = put(B, "k", data, new Integrity(null, null, null, sha256Hex(data).toUpperCase()), WriteCondition.NONE);
        assertThat(read(ok)).isEqualTo(data);
    }

    // ---- unversioned

    @Test
    void unversionedOverwriteReplacesAndDeletesTheOldBlob() {
        bucket(B);
        ObjectVersion first = put(B, "k", bytes(70_000, 1));
        List<Path> firstFiles = filesOf(first);
        assertThat(firstFiles).hasSize(1).allMatch(Files::exists);

        byte[] second = bytes(70_000, 2);
        ObjectVersion replaced = put(B, "k", second);

        assertThat(versions(B)).hasSize(1);
        assertThat(versions(B).get(0).version().seq()).isEqualTo(replaced.seq());
        assertThat(versions(B).get(0).version().versionId()).isEqualTo("null");
        assertThat(read(objects.resolve(B, "k", null))).isEqualTo(second);
        assertThat(firstFiles).noneMatch(Files::exists);
        assertThat(blobFiles()).containsExactlyInAnyOrderElementsOf(filesOf(replaced));
    }

    @Test
    void smallObjectsKeepTheirBytesOnceBesideRecordsThatCarryNone() {
        keepSmallObjectsInTheStore();
        bucket(B);
        byte[] first = bytes(3000, 1);
        BlobRef firstBlob = put(B, "small", first).parts().get(0).blob();
        assertThat(firstBlob.detached()).isTrue();
        assertThat(keyspace.get(S3Keys.blobBytes(firstBlob.id()))).hasSizeGreaterThan(3000);
        assertThat(keyspace.get(S3Keys.current(B, "small"))).hasSizeLessThan(1000);
        assertThat(read(objects.resolve(B, "small", null))).isEqualTo(first);
        assertThat(read(objects.resolve(B, "small", "null"))).isEqualTo(first);

        byte[] second = bytes(3000, 2);
        BlobRef secondBlob = put(B, "small", second).parts().get(0).blob();
        assertThat(keyspace.get(S3Keys.blobBytes(firstBlob.id()))).as("an overwrite drops the old bytes").isNull();
        assertThat(read(objects.resolve(B, "small", null))).isEqualTo(second);

        objects.delete(B, "small", null, OWNER);
        assertThat(keyspace.get(S3Keys.blobBytes(secondBlob.id()))).as("a delete drops the bytes").isNull();
    }

    @Test
    void recordsThatCarryTheirBytesInlineStillReadAndDelete() {
        keepSmallObjectsInTheStore();
        bucket(B);
        byte[] data = bytes(3000, 7);
        ObjectVersion v = put(B, "old", data);
        // rewrite the records as a data dir from before the bytes were kept apart holds them
        StoredPart part = v.parts().get(0);
        byte[] sealed = keyspace.get(S3Keys.blobBytes(part.blob().id()));
        BlobRef inline = new BlobRef(part.blob().id(), part.blob().length(), sealed);
        ObjectVersion old = new ObjectVersion(v.schema(), v.key(), v.versionId(), v.seq(), false, v.lastModified(), v.size(), v.etag(),
                v.owner(), v.storageClass(), v.headers(), v.metadata(), v.tags(),
                List.of(new StoredPart(inline, part.size(), part.etag(), part.checksum())), v.wrappedKey(), v.checksum(), v.acl());
        keyspace.write(b -> b.put(S3Keys.version(B, "old", v.seq()), old).put(S3Keys.current(B, "old"), old)
                .delete(S3Keys.blobBytes(part.blob().id())));
        reopen();

        assertThat(read(objects.resolve(B, "old", null))).isEqualTo(data);
        objects.delete(B, "old", null, OWNER);
        assertAws(() -> objects.resolve(B, "old", null), "NoSuchKey", 404);
    }

    @Test
    void deletingASmallVersionByIdDropsOnlyItsBytes() {
        keepSmallObjectsInTheStore();
        bucket(B);
        versioning(B, "Enabled");
        ObjectVersion older = put(B, "small", bytes(3000, 1));
        ObjectVersion newer = put(B, "small", bytes(3000, 2));
        objects.delete(B, "small", newer.versionId(), OWNER);
        assertThat(keyspace.get(S3Keys.blobBytes(newer.parts().get(0).blob().id()))).isNull();
        assertThat(read(objects.resolve(B, "small", null))).isEqualTo(bytes(3000, 1));
        assertThat(read(objects.resolve(B, "small", older.versionId()))).isEqualTo(bytes(3000, 1));
    }

    @Test
    void unversionedDeleteRemovesObjectAndBlob() {
        bucket(B);
        ObjectVersion v = put(B, "k", bytes(70_000, 1));
        Deleted d = objects.delete(B, "k", null, OWNER);
        assertThat(d.deleteMarker()).isFalse();
        assertThat(d.versionId()).isNull();
        assertAws(() -> objects.resolve(B, "k", null), "NoSuchKey", 404);
        assertThat(versions(B)).isEmpty();
        assertThat(filesOf(v)).noneMatch(Files::exists);
        // deleting what is not there succeeds (204), as on AWS
        assertThat(objects.delete(B, "k", null, OWNER).deleteMarker()).isFalse();
    }

    @Test
    void keysAreCheckedAndBucketsRequired() {
        bucket(B);
        assertAws(() -> put(B, "", bytes(1, 1)), "InvalidRequest", 400);
        assertAws(() -> put(B, "k".repeat(1025), bytes(1, 1)), "KeyTooLongError", 400);
        put(B, "k".repeat(1024), bytes(1, 1));
        // 1,024 bytes of UTF-8, not characters
        assertAws(() -> put(B, "\u00e9".repeat(513), bytes(1, 1)), "KeyTooLongError", 400);
        assertAws(() -> put("nobucket", "k", bytes(1, 1)), "NoSuchBucket", 404);
        assertAws(() -> objects.resolve("nobucket", "k", null), "NoSuchBucket", 404);
    }

    // ---- versioning enabled

    @Test
    void enabledVersioningKeepsEveryVersionNewestFirst() {
        versionedBucket(B);
        List<ObjectVersion> puts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            puts.add(put(B, "k", bytes(100 + i, i)));
        }
        assertThat(puts).extracting(ObjectVersion::versionId).doesNotContain("null").doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).hasSize(32));

        List<VersionEntry> listed = versions(B);
        assertThat(listed).extracting(e -> e.version().versionId())
                .containsExactly(puts.get(2).versionId(), puts.get(1).versionId(), puts.get(0).versionId());
        assertThat(listed).extracting(VersionEntry::latest).containsExactly(true, false, false);

        for (int i = 0; i < 3; i++) {
            ObjectVersion v = objects.resolve(B, "k", puts.get(i).versionId());
            assertThat(read(v)).isEqualTo(bytes(100 + i, i));
            assertThat(v.lastModified()).isEqualTo(START.plusSeconds(i + 1));
        }
        assertThat(read(objects.resolve(B, "k", null))).isEqualTo(bytes(102, 2));
    }

    @Test
    void unknownVersionIdsAreNoSuchVersionOrInvalidArgument() {
        versionedBucket(B);
        ObjectVersion v = put(B, "k", bytes(10, 1));
        String forged = v.versionId().substring(0, 31) + (v.versionId().charAt(31) == 'A' ? 'B' : 'A');
        assertAws(() -> objects.resolve(B, "k", forged), "NoSuchVersion", 404);
        assertAws(() -> objects.resolve(B, "other", v.versionId()), "NoSuchVersion", 404);
        assertAws(() -> objects.resolve(B, "k", "null"), "NoSuchVersion", 404);
        assertAws(() -> objects.resolve(B, "k", "not-a-version"), "InvalidArgument", 400);
    }

    @Test
    void deleteWithoutVersionIdAddsADeleteMarkerAndDeletingTheMarkerRestores() {
        versionedBucket(B);
        ObjectVersion v1 = put(B, "k", bytes(10, 1));
        ObjectVersion v2 = put(B, "k", bytes(20, 2));

        Deleted d = objects.delete(B, "k", null, OWNER);
        assertThat(d.deleteMarker()).isTrue();
        assertThat(d.versionId()).isNotNull().isNotEqualTo("null").isNotIn(v1.versionId(), v2.versionId());

        ObjectVersion latest = objects.resolve(B, "k", null);
        assertThat(latest.deleteMarker()).isTrue();
        assertThat(latest.versionId()).isEqualTo(d.versionId());
        assertThat(currentKeys(B)).isEmpty();
        assertThat(versions(B)).extracting(e -> e.version().versionId(), VersionEntry::latest).containsExactly(
                org.assertj.core.groups.Tuple.tuple(d.versionId(), true),
                org.assertj.core.groups.Tuple.tuple(v2.versionId(), false),
                org.assertj.core.groups.Tuple.tuple(v1.versionId(), false));
        // the older versions are still readable by id
        assertThat(read(objects.resolve(B, "k", v2.versionId()))).isEqualTo(bytes(20, 2));

        Deleted markerGone = objects.delete(B, "k", d.versionId(), OWNER);
        assertThat(markerGone.deleteMarker()).isTrue(); // x-amz-delete-marker: true for a removed marker
        assertThat(markerGone.versionId()).isEqualTo(d.versionId());

        assertThat(objects.resolve(B, "k", null).versionId()).isEqualTo(v2.versionId());
        assertThat(listings.objects(B, "", null, null, 1000).items()).singleElement()
                .satisfies(v -> assertThat(v.versionId()).isEqualTo(v2.versionId()));
        assertThat(versions(B)).extracting(VersionEntry::latest).containsExactly(true, false);
    }

    @Test
    void deletingTheLatestVersionByIdPromotesThePreviousOne() {
        versionedBucket(B);
        ObjectVersion v1 = put(B, "k", bytes(70_000, 1));
        ObjectVersion v2 = put(B, "k", bytes(70_000, 2));
        Deleted d = objects.delete(B, "k", v2.versionId(), OWNER);
        assertThat(d.deleteMarker()).isFalse();
        assertThat(d.versionId()).isEqualTo(v2.versionId());
        assertThat(objects.resolve(B, "k", null).versionId()).isEqualTo(v1.versionId());
        assertThat(currentKeys(B)).containsExactly("k");
        assertThat(filesOf(v2)).noneMatch(Files::exists);
        assertThat(filesOf(v1)).allMatch(Files::exists);

        objects.delete(B, "k", v1.versionId(), OWNER);
        assertAws(() -> objects.resolve(B, "k", null), "NoSuchKey", 404);
        assertThat(currentKeys(B)).isEmpty();
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void deletingANonLatestVersionKeepsTheCurrentOne() {
        versionedBucket(B);
        ObjectVersion v1 = put(B, "k", bytes(70_000, 1));
        ObjectVersion v2 = put(B, "k", bytes(70_000, 2));
        ObjectVersion v3 = put(B, "k", bytes(70_000, 3));

        objects.delete(B, "k", v2.versionId(), OWNER);

        assertThat(objects.resolve(B, "k", null).versionId()).isEqualTo(v3.versionId());
        assertThat(listings.objects(B, "", null, null, 1000).items()).singleElement()
                .satisfies(v -> assertThat(v.versionId()).isEqualTo(v3.versionId()));
        assertThat(versions(B)).extracting(e -> e.version().versionId()).containsExactly(v3.versionId(), v1.versionId());
        assertAws(() -> objects.resolve(B, "k", v2.versionId()), "NoSuchVersion", 404);
        assertThat(filesOf(v2)).noneMatch(Files::exists);
        // deleting a version that is gone succeeds
        assertThat(objects.delete(B, "k", v2.versionId(), OWNER).versionId()).isEqualTo(v2.versionId());
    }

    @Test
    void objectsWrittenBeforeVersioningKeepTheNullVersion() {
        bucket(B);
        ObjectVersion unversioned = put(B, "k", bytes(10, 1));
        versioning(B, "Enabled");
        ObjectVersion v = put(B, "k", bytes(20, 2));
        assertThat(versions(B)).extracting(e -> e.version().versionId()).containsExactly(v.versionId(), "null");
        assertThat(read(objects.resolve(B, "k", "null"))).isEqualTo(bytes(10, 1));
        assertThat(objects.resolve(B, "k", "null").seq()).isEqualTo(unversioned.seq());
    }

    // ---- versioning suspended

    @Test
    void suspendedPutReplacesTheNullVersionButKeepsRealVersions() {
        bucket(B);
        ObjectVersion original = put(B, "k", bytes(70_000, 0)); // the null version, from before versioning
        versioning(B, "Enabled");
        ObjectVersion v1 = put(B, "k", bytes(70_000, 1));
        ObjectVersion v2 = put(B, "k", bytes(70_000, 2));
        versioning(B, "Suspended");

        ObjectVersion n1 = put(B, "k", bytes(70_000, 3));
        assertThat(n1.versionId()).isEqualTo("null");
        assertThat(versions(B)).extracting(e -> e.version().versionId()).containsExactly("null", v2.versionId(), v1.versionId());
        assertThat(filesOf(original)).noneMatch(Files::exists);

        ObjectVersion n2 = put(B, "k", bytes(70_000, 4));
        assertThat(versions(B)).extracting(e -> e.version().versionId()).containsExactly("null", v2.versionId(), v1.versionId());
        assertThat(versions(B).get(0).version().seq()).isEqualTo(n2.seq());
        assertThat(filesOf(n1)).noneMatch(Files::exists);
        assertThat(read(objects.resolve(B, "k", null))).isEqualTo(bytes(70_000, 4));
        assertThat(read(objects.resolve(B, "k", "null"))).isEqualTo(bytes(70_000, 4));
        assertThat(read(objects.resolve(B, "k", v1.versionId()))).isEqualTo(bytes(70_000, 1));
    }

    @Test
    void suspendedDeleteReplacesTheNullVersionWithANullDeleteMarker() {
        versionedBucket(B);
        ObjectVersion v1 = put(B, "k", bytes(10, 1));
        versioning(B, "Suspended");
        put(B, "k", bytes(10, 2)); // null version

        Deleted d = objects.delete(B, "k", null, OWNER);

        assertThat(d.deleteMarker()).isTrue();
        assertThat(d.versionId()).isEqualTo("null");
        assertThat(versions(B)).extracting(e -> e.version().versionId(), e -> e.version().deleteMarker())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("null", true),
                        org.assertj.core.groups.Tuple.tuple(v1.versionId(), false));
        assertThat(objects.resolve(B, "k", null).deleteMarker()).isTrue();
        assertThat(currentKeys(B)).isEmpty();
    }

    // ---- conditional writes

    @Test
    void ifNoneMatchStarOnAnExistingObjectIsPreconditionFailed() {
        bucket(B);
        put(B, "k", bytes(10, 1));
        WriteCondition ifNoneMatch = new WriteCondition(null, "*");
        assertAws(() -> objects.beginPut(B, "k", attrs(), ifNoneMatch, Integrity.NONE), "PreconditionFailed", 412);
        // a key that does not exist, or whose latest version is a delete marker, may be written
        put(B, "fresh", bytes(10, 2), Integrity.NONE, ifNoneMatch);
        versioning(B, "Enabled");
        objects.delete(B, "k", null, OWNER);
        assertThat(put(B, "k", bytes(10, 3), Integrity.NONE, ifNoneMatch).versionId()).isNotEqualTo("null");
    }

    @Test
    void ifNoneMatchLosesTheRaceToAWriteThatFinishedFirst() {
        bucket(B);
        ObjectEngine.PendingPut slow = objects.beginPut(B, "k", attrs(), new WriteCondition(null, "*"), Integrity.NONE);
        slow.write(ByteBuffer.wrap(bytes(70_000, 1)));
        ObjectVersion fast = put(B, "k", bytes(10, 2));

        assertAws(() -> slow.commit(null), "PreconditionFailed", 412);
        assertThat(objects.resolve(B, "k", null).seq()).isEqualTo(fast.seq());
        slow.abort();
        assertThat(blobFiles()).containsExactlyElementsOf(filesOf(fast)); // the loser's blob is gone
    }

    @Test
    void ifMatchMustNameTheCurrentEtag() {
        bucket(B);
        ObjectVersion v = put(B, "k", bytes(10, 1));
        assertAws(() -> objects.beginPut(B, "k", attrs(), new WriteCondition("\"0123456789abcdef0123456789abcdef\"", null),
                Integrity.NONE), "PreconditionFailed", 412);
        assertAws(() -> objects.beginPut(B, "missing", attrs(), new WriteCondition(v.etag(), null), Integrity.NONE),
                "NoSuchKey", 404);
        ObjectVersion next = put(B, "k", bytes(10, 2), Integrity.NONE, new WriteCondition(v.etag(), null));
        assertThat(read(objects.resolve(B, "k", null))).isEqualTo(bytes(10, 2));
        // unquoted works too; the old ETag no longer does
        put(B, "k", bytes(10, 3), Integrity.NONE, new WriteCondition(next.etag().replace("\"", ""), null));
        assertAws(() -> put(B, "k", bytes(10, 4), Integrity.NONE, new WriteCondition(next.etag(), null)),
                "PreconditionFailed", 412);
    }

    @Test
    void ifMatchOnAKeyWhoseLatestVersionIsADeleteMarkerIsNoSuchKey() {
        versionedBucket(B);
        ObjectVersion v = put(B, "k", bytes(10, 1));
        objects.delete(B, "k", null, OWNER);
        assertAws(() -> objects.beginPut(B, "k", attrs(), new WriteCondition(v.etag(), null), Integrity.NONE), "NoSuchKey", 404);
    }

    // ---- copies

    @Test
    void copyOfAMultipartObjectCarriesEveryPartsBytes() {
        bucket(B);
        byte[] p1 = bytes(5 * MIB, 11);
        byte[] p2 = bytes(100_000, 12);
        MultipartUpload upload = uploads.create(B, "big", attrs(), null, null);
        var c1 = uploadPart(B, "big", upload.uploadId(), 1, p1);
        var c2 = uploadPart(B, "big", upload.uploadId(), 2, p2);
        ObjectVersion source = completed(uploads.complete(B, "big", upload.uploadId(), List.of(c1, c2), WriteCondition.NONE, null, null));
        byte[] whole = concat(p1, p2);
        assertThat(source.parts()).hasSize(2);

        // ranged reads that straddle the part boundary
        assertThat(read(source, 5 * MIB - 10, 20)).isEqualTo(Arrays.copyOfRange(whole, 5 * MIB - 10, 5 * MIB + 10));
        assertThat(read(source, 5 * MIB - SEGMENT - 5, 2 * SEGMENT))
                .isEqualTo(Arrays.copyOfRange(whole, 5 * MIB - SEGMENT - 5, 5 * MIB + SEGMENT - 5));

        ObjectVersion copy = objects.copy(source, B, "copy", attrs(), null, WriteCondition.NONE);
        assertThat(copy.size()).isEqualTo(whole.length);
        assertThat(copy.parts()).hasSize(1);
        assertThat(copy.etag()).isEqualTo('"' + md5Hex(whole) + '"'); // a copy is a single-part object
        assertThat(read(copy)).isEqualTo(whole);

        // the copy has its own bytes: deleting the source leaves it whole
        objects.delete(B, "big", null, OWNER);
        assertThat(read(objects.resolve(B, "copy", null))).isEqualTo(whole);

        // UploadPartCopy of a range that spans the source's part boundary
        ObjectVersion again = objects.resolve(B, "copy", null);
        MultipartUpload target = uploads.create(B, "ranged", attrs(), null, null);
        UploadedPart first = uploads.copyPart(B, "ranged", target.uploadId(), 1, again, 0, 5 * MIB);
        UploadedPart second = uploads.copyPart(B, "ranged", target.uploadId(), 2, again, 5 * MIB - 1000, 2000);
        assertThat(second.stored().size()).isEqualTo(2000);
        assertThat(second.stored().etag()).isEqualTo(md5Hex(Arrays.copyOfRange(whole, 5 * MIB - 1000, 5 * MIB + 1000)));
        ObjectVersion ranged = completed(uploads.complete(B, "ranged", target.uploadId(), List.of(
                new MultipartEngine.CompletedPart(1, first.stored().etag(), null),
                new MultipartEngine.CompletedPart(2, second.stored().etag(), null)), WriteCondition.NONE, null, null));
        assertThat(read(ranged)).isEqualTo(concat(Arrays.copyOfRange(whole, 0, 5 * MIB),
                Arrays.copyOfRange(whole, 5 * MIB - 1000, 5 * MIB + 1000)));
    }

    @Test
    void copyWithAChecksumAlgorithmComputesItOverTheCopy() {
        bucket(B);
        byte[] data = bytes(70_000, 5);
        ObjectVersion source = put(B, "src", data);
        ObjectVersion copy = objects.copy(source, B, "dst", attrs(), "CRC32", WriteCondition.NONE);
        assertThat(copy.checksum()).isNotNull();
        assertThat(copy.checksum().value()).isEqualTo(crc32Base64(data));
        assertThat(copy.checksum().type()).isEqualTo("FULL_OBJECT");
        assertAws(() -> objects.copy(source, B, "dst", attrs(), null, new WriteCondition(null, "*")), "PreconditionFailed", 412);
        assertThat(blobFiles()).hasSize(2);
    }

    // ---- updates in place

    @Test
    void tagAndAclUpdatesDoNotCreateVersions() {
        versionedBucket(B);
        ObjectVersion v1 = put(B, "k", bytes(10, 1));
        ObjectVersion v2 = put(B, "k", bytes(10, 2));

        ObjectVersion tagged = objects.update(B, "k", null, v -> v.withTags(Map.of("project", "tarn")));
        assertThat(tagged.versionId()).isEqualTo(v2.versionId());
        assertThat(tagged.seq()).isEqualTo(v2.seq());
        objects.update(B, "k", v1.versionId(), v -> v.withTags(Map.of("old", "yes")));
        objects.update(B, "k", null, v -> v.withAcl(acl()));

        assertThat(versions(B)).extracting(e -> e.version().versionId()).containsExactly(v2.versionId(), v1.versionId());
        assertThat(objects.resolve(B, "k", null).tags()).containsExactly(Map.entry("project", "tarn")); // read from the current record
        assertThat(objects.resolve(B, "k", null).acl()).isEqualTo(acl());
        assertThat(objects.resolve(B, "k", v1.versionId()).tags()).containsExactly(Map.entry("old", "yes"));
        assertThat(objects.resolve(B, "k", null).lastModified()).isEqualTo(v2.lastModified());

        objects.delete(B, "k", null, OWNER);
        assertAws(() -> objects.update(B, "k", null, v -> v.withTags(Map.of())), "MethodNotAllowed", 405);
        assertThat(versions(B)).hasSize(3);
    }

    // ---- restarts

    @Test
    void versionIdsSurviveAReopenAndAreNeverHandedOutTwice() {
        versionedBucket(B);
        List<ObjectVersion> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            before.add(put(B, "k", bytes(70_000, i)));
        }

        reopen();

        for (int i = 0; i < 3; i++) {
            ObjectVersion v = objects.resolve(B, "k", before.get(i).versionId());
            assertThat(v.seq()).isEqualTo(before.get(i).seq());
            assertThat(read(v)).isEqualTo(bytes(70_000, i));
        }
        List<ObjectVersion> after = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            after.add(put(B, "k", bytes(10, i)));
        }
        List<ObjectVersion> all = new ArrayList<>(before);
        all.addAll(after);
        Set<Long> seqs = new HashSet<>();
        long last = 0;
        for (ObjectVersion v : all) {
            assertThat(seqs.add(v.seq())).isTrue();
            assertThat(v.seq()).isGreaterThan(last);
            last = v.seq();
        }
        assertThat(all).extracting(ObjectVersion::versionId).doesNotHaveDuplicates();
        assertThat(objects.resolve(B, "k", null).versionId()).isEqualTo(after.get(2).versionId());
        List<String> newestFirst = new ArrayList<>(all.stream().map(ObjectVersion::versionId).toList());
        java.util.Collections.reverse(newestFirst);
        assertThat(versions(B)).extracting(e -> e.version().versionId()).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void versionSequenceNeverRepeatsAcrossInstances() {
        VersionSequence first = new VersionSequence(keyspace);
        long a = first.next();
        long b = first.next();
        assertThat(b).isGreaterThan(a);
        // a second instance over the same keyspace (a restart, even after kill -9) starts past every reserved number
        VersionSequence second = new VersionSequence(keyspace);
        long c = second.next();
        assertThat(c).isGreaterThan(b);
        reopen();
        VersionSequence third = new VersionSequence(keyspace);
        assertThat(third.next()).isGreaterThan(c);
    }

    @Test
    void versionIdsEncodeTheirSequence() {
        String id = VersionIds.of(42);
        assertThat(id).hasSize(32).matches("[A-Za-z0-9_-]{32}");
        assertThat(VersionIds.seqOf(id)).isEqualTo(42L);
        assertThat(VersionIds.of(42)).isNotEqualTo(id);
        assertThat(VersionIds.seqOf("null")).isNull();
        assertThat(VersionIds.seqOf("!".repeat(32))).isNull();
    }

    static String crc32Base64(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return java.util.Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void readingADeleteMarkerIsRefused() {
        versionedBucket(B);
        put(B, "k", bytes(1, 1));
        objects.delete(B, "k", null, OWNER);
        ObjectVersion marker = objects.resolve(B, "k", null);
        assertThatThrownBy(() -> objects.open(marker, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
