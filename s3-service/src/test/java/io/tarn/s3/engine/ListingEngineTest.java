package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.tarn.s3.engine.ListingEngine.Listing;
import io.tarn.s3.engine.ListingEngine.VersionEntry;
import io.tarn.s3.model.ListedVersion;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ListObjects, ListObjectVersions and ListMultipartUploads: keys in UTF-8 binary order ("Listing
 * object keys programmatically"), common prefixes at the delimiter, max-keys counting keys and
 * prefixes together, markers that resume exactly after what a page returned.
 */
class ListingEngineTest extends EngineFixture {

    private static final String B = "listing";
    private static final Comparator<String> UTF8 = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /** Keys whose UTF-8 order differs from Java's UTF-16 order, with NUL, which the tuple encoding escapes. */
    private static final List<String> AWKWARD = List.of("a", "a\u0000", "a\u0000b", "a\u0001", "ab", "A", "Z", "z", "\u00e9",
            "\u65e5\u672c", "\uFFFD", "\uFFFDx", "\uD83D\uDE00", "\uD83D\uDE00x", "\uD83D\uDE01", "\uFF61", "~", "0", " ");

    private void putAll(List<String> keys) {
        for (String k : keys) {
            put(B, k, k.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Listing<ListedVersion> list(String prefix, String delimiter, String marker, int max) {
        return listings.objects(B, prefix, delimiter, marker, max);
    }

    private static List<String> keysOf(Listing<ListedVersion> page) {
        return page.items().stream().map(ListedVersion::key).toList();
    }

    @Test
    void keysComeInUtf8ByteOrder() {
        bucket(B);
        putAll(AWKWARD);
        List<String> expected = new ArrayList<>(AWKWARD);
        expected.sort(UTF8);
        // U+FFFD sorts before U+1F600 in UTF-8 (EF.. < F0..), after it in UTF-16 (FFFD > D83D)
        assertThat(expected.indexOf("\uFFFD")).isLessThan(expected.indexOf("\uD83D\uDE00"));

        Listing<ListedVersion> all = list("", null, null, 1000);
        assertThat(keysOf(all)).containsExactlyElementsOf(expected);
        assertThat(all.truncated()).isFalse();
        assertThat(all.nextMarker()).isNull();
    }

    @Test
    void pagesResumeFromNextMarkerAndReturnEveryKeyOnce() {
        bucket(B);
        putAll(AWKWARD);
        List<String> expected = new ArrayList<>(AWKWARD);
        expected.sort(UTF8);
        for (int max = 1; max <= 4; max++) {
            List<String> seen = new ArrayList<>();
            String marker = null;
            int pages = 0;
            while (true) {
                Listing<ListedVersion> page = list("", null, marker, max);
                pages++;
                assertThat(page.items().size()).isLessThanOrEqualTo(max);
                seen.addAll(keysOf(page));
                if (!page.truncated()) {
                    assertThat(page.nextMarker()).isNull();
                    break;
                }
                assertThat(page.nextMarker()).isEqualTo(seen.get(seen.size() - 1));
                marker = page.nextMarker();
                assertThat(pages).isLessThan(100);
            }
            assertThat(seen).as("max-keys %d", max).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void startAfterAKeyThatDoesNotExist() {
        bucket(B);
        putAll(AWKWARD);
        List<String> expected = new ArrayList<>(AWKWARD);
        expected.sort(UTF8);
        String marker = "\uFFFD\u0000"; // between U+FFFD and U+FFFD x
        List<String> after = expected.stream().filter(k -> UTF8.compare(k, marker) > 0).toList();
        assertThat(keysOf(list("", null, marker, 1000))).containsExactlyElementsOf(after);
    }

    @Test
    void prefixAndDelimiterRollKeysUpIntoCommonPrefixes() {
        bucket(B);
        putAll(List.of("a/1", "a/2", "b", "c/x/1", "c/x/2", "c/y", "d", "photos/2024/jan.jpg", "photos/2024/feb.jpg",
                "photos/2025/mar.jpg", "photos/index.html"));

        Listing<ListedVersion> top = list("", "/", null, 1000);
        assertThat(keysOf(top)).containsExactly("b", "d");
        assertThat(top.commonPrefixes()).containsExactly("a/", "c/", "photos/");

        Listing<ListedVersion> c = list("c/", "/", null, 1000);
        assertThat(keysOf(c)).containsExactly("c/y");
        assertThat(c.commonPrefixes()).containsExactly("c/x/");

        Listing<ListedVersion> photos = list("photos/", "/", null, 1000);
        assertThat(keysOf(photos)).containsExactly("photos/index.html");
        assertThat(photos.commonPrefixes()).containsExactly("photos/2024/", "photos/2025/");

        // a prefix that is not a "folder"
        Listing<ListedVersion> ph = list("ph", "/", null, 1000);
        assertThat(keysOf(ph)).isEmpty();
        assertThat(ph.commonPrefixes()).containsExactly("photos/");

        // without a delimiter the prefix only filters
        assertThat(keysOf(list("c/", null, null, 1000))).containsExactly("c/x/1", "c/x/2", "c/y");
        // another delimiter
        assertThat(list("photos/2024/", ".", null, 1000).commonPrefixes()).containsExactly("photos/2024/feb.", "photos/2024/jan.");
        assertThat(keysOf(list("zzz", "/", null, 1000))).isEmpty();
    }

    /** The ceph s3-tests case test_bucket_list_delimiter_prefix, which passes against AWS. */
    @Test
    void delimiterPagesCountPrefixesAndResumeAfterThem() {
        bucket(B);
        putAll(List.of("asdf", "boo/bar", "boo/baz/xyzzy", "cquux/thud", "cquux/bla"));

        assertPage(list("", "/", null, 1), true, List.of("asdf"), List.of(), "asdf");
        assertPage(list("", "/", "asdf", 1), true, List.of(), List.of("boo/"), "boo/");
        assertPage(list("", "/", "boo/", 1), false, List.of(), List.of("cquux/"), null);

        assertPage(list("", "/", null, 2), true, List.of("asdf"), List.of("boo/"), "boo/");
        assertPage(list("", "/", "boo/", 2), false, List.of(), List.of("cquux/"), null);

        assertPage(list("boo/", "/", null, 1), true, List.of("boo/bar"), List.of(), "boo/bar");
        assertPage(list("boo/", "/", "boo/bar", 1), false, List.of(), List.of("boo/baz/"), null);
        assertPage(list("boo/", "/", null, 2), false, List.of("boo/bar"), List.of("boo/baz/"), null);
    }

    private static void assertPage(Listing<ListedVersion> page, boolean truncated, List<String> keys, List<String> prefixes,
            String nextMarker) {
        assertThat(page.truncated()).isEqualTo(truncated);
        assertThat(keysOf(page)).containsExactlyElementsOf(keys);
        assertThat(page.commonPrefixes()).containsExactlyElementsOf(prefixes);
        assertThat(page.nextMarker()).isEqualTo(nextMarker);
    }

    @Test
    void aMarkerThatIsACommonPrefixSkipsTheKeysRolledIntoIt() {
        bucket(B);
        putAll(List.of("a/1", "a/2", "a/3", "a0", "b/1", "c", "d/1", "d/2"));
        // a0 sorts after every a/... key: it must not be skipped with them
        assertThat(keysOf(list("", "/", "a/", 1000))).containsExactly("a0", "c");
        assertThat(list("", "/", "a/", 1000).commonPrefixes()).containsExactly("b/", "d/");

        List<String> seen = new ArrayList<>();
        String marker = null;
        while (true) {
            Listing<ListedVersion> page = list("", "/", marker, 1);
            assertThat(page.items().size() + page.commonPrefixes().size()).isEqualTo(1);
            seen.addAll(keysOf(page));
            seen.addAll(page.commonPrefixes());
            if (!page.truncated()) {
                break;
            }
            marker = page.nextMarker();
        }
        assertThat(seen).containsExactly("a/", "a0", "b/", "c", "d/");
    }

    @Test
    void maxKeysZeroReturnsNothingAndIsNotTruncated() {
        // ceph s3-tests test_bucket_list_maxkeys_zero (AWS: IsTruncated false, no keys)
        bucket(B);
        putAll(List.of("bar", "baz", "foo", "quxx"));
        Listing<ListedVersion> page = list("", null, null, 0);
        assertThat(page.items()).isEmpty();
        assertThat(page.commonPrefixes()).isEmpty();
        assertThat(page.truncated()).isFalse();
        assertThat(page.nextMarker()).isNull();
    }

    @Test
    void markersBeforeThePrefixStartAtThePrefix() {
        bucket(B);
        putAll(List.of("a", "m/1", "m/2", "z"));
        assertThat(keysOf(list("m/", null, "b", 1000))).containsExactly("m/1", "m/2");
        assertThat(keysOf(list("m/", null, "m/1", 1000))).containsExactly("m/2");
        assertThat(keysOf(list("m/", null, "y", 1000))).isEmpty();
    }

    @Test
    void deleteMarkersAreNotListedAsObjects() {
        versionedBucket(B);
        putAll(List.of("a", "b", "c"));
        objects.delete(B, "b", null, OWNER);
        assertThat(keysOf(list("", null, null, 1000))).containsExactly("a", "c");
    }

    // ---- versions

    @Test
    void versionsPageWithKeyAndVersionIdMarkers() {
        versionedBucket(B);
        List<ObjectVersion> expected = new ArrayList<>(); // in listing order: key ascending, newest first
        List<ObjectVersion> a = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            a.add(0, put(B, "a", new byte[] {(byte) i}));
        }
        expected.addAll(a);
        ObjectVersion b1 = put(B, "b", new byte[] {1});
        objects.delete(B, "b", null, OWNER);
        ObjectVersion bMarker = objects.resolve(B, "b", null);
        expected.add(bMarker);
        expected.add(b1);
        expected.add(put(B, "c", new byte[] {1}));
        ObjectVersion e2 = put(B, "\uD83D\uDE00", new byte[] {1});
        ObjectVersion e1 = put(B, "\uFFFD", new byte[] {1});
        expected.add(e1);
        expected.add(e2);
        List<Boolean> latest = List.of(true, false, false, true, false, true, true, true);

        List<VersionEntry> all = listings.versions(B, "", null, null, null, 1000).items();
        assertThat(all).extracting(e -> e.version().versionId()).containsExactlyElementsOf(
                expected.stream().map(ObjectVersion::versionId).toList());
        assertThat(all).extracting(VersionEntry::latest).containsExactlyElementsOf(latest);
        assertThat(all.get(3).version().deleteMarker()).isTrue();

        for (int max = 1; max <= 3; max++) {
            List<VersionEntry> seen = new ArrayList<>();
            String keyMarker = null;
            String versionMarker = null;
            while (true) {
                Listing<VersionEntry> page = listings.versions(B, "", null, keyMarker, versionMarker, max);
                assertThat(page.items().size()).isLessThanOrEqualTo(max);
                seen.addAll(page.items());
                if (!page.truncated()) {
                    break;
                }
                keyMarker = page.nextMarker();
                versionMarker = page.nextMarkerItem().version().versionId();
                assertThat(keyMarker).isEqualTo(page.items().get(page.items().size() - 1).version().key());
            }
            assertThat(seen).as("max-keys %d", max).extracting(e -> e.version().versionId(), VersionEntry::latest)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, expected.size())
                            .mapToObj(i -> tuple(expected.get(i).versionId(), latest.get(i))).toList());
        }

        // a key marker alone starts after every version of that key
        assertThat(listings.versions(B, "", null, "a", null, 1000).items())
                .extracting(e -> e.version().key()).startsWith("b").doesNotContain("a");
        // only a malformed version id marker is InvalidArgument
        assertAws(() -> listings.versions(B, "", null, "a", "not-a-version-id", 10), "InvalidArgument", 400);
    }

    @Test
    void versionsRollUpIntoCommonPrefixes() {
        versionedBucket(B);
        put(B, "dir/a", new byte[] {1});
        put(B, "dir/a", new byte[] {2});
        put(B, "dir/b", new byte[] {1});
        put(B, "top", new byte[] {1});
        put(B, "top", new byte[] {2});
        Listing<VersionEntry> page = listings.versions(B, "", "/", null, null, 1000);
        assertThat(page.commonPrefixes()).containsExactly("dir/");
        assertThat(page.items()).extracting(e -> e.version().key(), VersionEntry::latest)
                .containsExactly(tuple("top", true), tuple("top", false));

        Listing<VersionEntry> first = listings.versions(B, "", "/", null, null, 1);
        assertThat(first.commonPrefixes()).containsExactly("dir/");
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextMarker()).isEqualTo("dir/");
        assertThat(first.nextMarkerItem()).isNull();
        Listing<VersionEntry> rest = listings.versions(B, "", "/", "dir/", null, 10);
        assertThat(rest.commonPrefixes()).isEmpty();
        assertThat(rest.items()).extracting(e -> e.version().key()).containsExactly("top", "top");
    }

    @Test
    void nullVersionsAreListedAndCanBeMarkers() {
        bucket(B);
        put(B, "k", new byte[] {0});
        versioning(B, "Enabled");
        ObjectVersion v = put(B, "k", new byte[] {1});
        Listing<VersionEntry> first = listings.versions(B, "", null, null, null, 1);
        assertThat(first.items()).extracting(e -> e.version().versionId()).containsExactly(v.versionId());
        Listing<VersionEntry> second = listings.versions(B, "", null, "k", v.versionId(), 1);
        assertThat(second.items()).extracting(e -> e.version().versionId(), VersionEntry::latest)
                .containsExactly(tuple("null", false));
        assertThat(second.truncated()).isFalse();
        assertThat(listings.versions(B, "", null, "k", "null", 10).items()).isEmpty();
    }

    @Test
    void versionPagesResumeAfterMarkersDeletedSinceThePreviousPage() {
        for (int max = 1; max <= 4; max++) {
            String bucket = B + "-" + max;
            bucket(bucket);
            put(bucket, "a", new byte[] {0}); // null versions, then versioned ones above them
            put(bucket, "b", new byte[] {0});
            versioning(bucket, "Enabled");
            for (int i = 1; i <= 3; i++) {
                put(bucket, "a", new byte[] {(byte) i});
                put(bucket, "b", new byte[] {(byte) i});
            }
            objects.delete(bucket, "c", null, OWNER); // a delete marker alone
            assertThat(listings.versions(bucket, "", null, null, null, 1000).items()).hasSize(9);

            // empty the bucket as clients do: list a page, delete what it named, ask for the next page
            List<String> deleted = new ArrayList<>();
            String keyMarker = null;
            String versionMarker = null;
            for (int pages = 0; pages < 100; pages++) {
                Listing<VersionEntry> page = listings.versions(bucket, "", null, keyMarker, versionMarker, max);
                for (VersionEntry e : page.items()) {
                    objects.delete(bucket, e.version().key(), e.version().versionId(), OWNER);
                    deleted.add(e.version().key() + "@" + e.version().versionId());
                }
                if (!page.truncated()) {
                    break;
                }
                keyMarker = page.nextMarker();
                versionMarker = page.nextMarkerItem().version().versionId();
            }
            assertThat(deleted).as("max-keys %d", max).hasSize(9).doesNotHaveDuplicates();
            assertThat(listings.versions(bucket, "", null, null, null, 1000).items()).as("max-keys %d", max).isEmpty();
        }
    }

    @Test
    void aVersionIdMarkerOfAVersionThatNeverExistedResumesAfterItsPosition() {
        versionedBucket(B);
        ObjectVersion old = put(B, "k", new byte[] {1});
        ObjectVersion newer = put(B, "k", new byte[] {2});
        objects.delete(B, "k", newer.versionId(), OWNER);
        // the deleted newer version's id still places the listing just above the older one
        assertThat(listings.versions(B, "", null, "k", newer.versionId(), 10).items())
                .extracting(e -> e.version().versionId()).containsExactly(old.versionId());
        // "null" for a key without a null version: the key's versions from its newest
        assertThat(listings.versions(B, "", null, "k", "null", 10).items())
                .extracting(e -> e.version().versionId()).containsExactly(old.versionId());
    }

    // ---- uploads

    @Test
    void uploadsListByKeyThenInitiationAndResumeFromMarkers() {
        bucket(B);
        List<MultipartUpload> expected = new ArrayList<>();
        MultipartUpload x1 = uploads.create(B, "x", attrs(), null, null);
        MultipartUpload z = uploads.create(B, "z", attrs(), null, null);
        MultipartUpload x2 = uploads.create(B, "x", attrs(), null, null);
        MultipartUpload y1 = uploads.create(B, "y/1", attrs(), null, null);
        MultipartUpload y2 = uploads.create(B, "y/2", attrs(), null, null);
        expected.addAll(List.of(x1, x2, y1, y2, z));

        Listing<MultipartUpload> all = listings.uploads(B, "", null, null, null, 1000);
        assertThat(all.items()).extracting(MultipartUpload::uploadId)
                .containsExactlyElementsOf(expected.stream().map(MultipartUpload::uploadId).toList());

        for (int max = 1; max <= 2; max++) {
            List<String> seen = new ArrayList<>();
            String keyMarker = null;
            String idMarker = null;
            while (true) {
                Listing<MultipartUpload> page = listings.uploads(B, "", null, keyMarker, idMarker, max);
                page.items().forEach(u -> seen.add(u.uploadId()));
                if (!page.truncated()) {
                    break;
                }
                keyMarker = page.nextMarker();
                idMarker = page.nextMarkerItem().uploadId();
            }
            assertThat(seen).containsExactlyElementsOf(expected.stream().map(MultipartUpload::uploadId).toList());
        }

        Listing<MultipartUpload> rolled = listings.uploads(B, "", "/", null, null, 1000);
        assertThat(rolled.items()).extracting(MultipartUpload::key).containsExactly("x", "x", "z");
        assertThat(rolled.commonPrefixes()).containsExactly("y/");
        assertThat(listings.uploads(B, "y/", null, null, null, 1000).items()).extracting(MultipartUpload::key)
                .containsExactly("y/1", "y/2");
        // a key marker alone: uploads of later keys only
        assertThat(listings.uploads(B, "", null, "x", null, 1000).items()).extracting(MultipartUpload::key)
                .containsExactly("y/1", "y/2", "z");
        // completed and aborted uploads are no longer listed
        uploads.abort(B, "z", z.uploadId());
        assertThat(listings.uploads(B, "", null, null, null, 1000).items()).extracting(MultipartUpload::key)
                .containsExactly("x", "x", "y/1", "y/2");
    }

    @Test
    void listingAMissingBucketIsNoSuchBucket() {
        assertAws(() -> listings.objects("missing", "", null, null, 10), "NoSuchBucket", 404);
        assertAws(() -> listings.versions("missing", "", null, null, null, 10), "NoSuchBucket", 404);
        assertAws(() -> listings.uploads("missing", "", null, null, null, 10), "NoSuchBucket", 404);
    }

    @Test
    void utf8OrderComparesCodePoints() {
        assertThat(Utf8Order.compare("\uFFFD", "\uD83D\uDE00")).isNegative();
        assertThat("\uFFFD".compareTo("\uD83D\uDE00")).isPositive(); // what Java's own order would say
        assertThat(Utf8Order.compare("a", "a\u0000")).isNegative();
        assertThat(Utf8Order.compare("ab", "ab")).isZero();
        assertThat(Utf8Order.successorOfPrefix("a/")).isEqualTo("a0");
        assertThat(Utf8Order.successorOfPrefix("a\uD7FF")).isEqualTo("a\uE000");
        assertThat(Utf8Order.successorOfPrefix("a\uD83D\uDE00")).isEqualTo("a\uD83D\uDE01");
        assertThat(Utf8Order.successor("a")).isEqualTo("a\u0000");
    }
}
