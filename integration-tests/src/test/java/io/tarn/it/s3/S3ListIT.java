package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** ListObjectsV2 and ListObjects (v1): prefixes, delimiters, paging, start-after, URL encoding, owners and a large bucket. */
@ExtendWith(TarnServerExtension.class)
// one raw request is unsigned, which access control takes as anonymous (S3BucketPolicyIT covers that)
@ServerArgs({"--s3-access-control", "off"})
class S3ListIT {

    private static final List<String> TREE = List.of("photos/2020/a.jpg", "photos/2020/b.jpg", "photos/2021/c.jpg", "photos/d.jpg",
            "readme.txt", "videos/x.mp4");

    private static S3Client s3;
    private static String tree;

    @BeforeAll
    static void setUp(URI endpoint) {
        s3 = S3Support.client(endpoint);
        tree = S3Support.bucketName("tree");
        s3.createBucket(b -> b.bucket(tree));
        for (String k : TREE) {
            s3.putObject(b -> b.bucket(tree).key(k), RequestBody.fromString(k));
        }
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static List<String> keys(List<S3Object> objects) {
        return objects.stream().map(S3Object::key).collect(Collectors.toList());
    }

    private static List<String> prefixes(List<CommonPrefix> prefixes) {
        return prefixes.stream().map(CommonPrefix::prefix).collect(Collectors.toList());
    }

    @Test
    void listEverything() {
        ListObjectsV2Response all = s3.listObjectsV2(b -> b.bucket(tree));
        assertThat(keys(all.contents())).containsExactlyElementsOf(TREE);
        assertThat(all.keyCount()).isEqualTo(TREE.size());
        assertThat(all.isTruncated()).isFalse();
        assertThat(all.name()).isEqualTo(tree);
        assertThat(all.maxKeys()).isEqualTo(1000);
        S3Object readme = all.contents().get(4);
        assertThat(readme.size()).isEqualTo("readme.txt".length());
        assertThat(readme.eTag()).isEqualTo(S3Support.quoted(S3Support.md5Hex(S3Support.utf8("readme.txt"))));
        assertThat(readme.lastModified()).isNotNull();
        assertThat(readme.storageClassAsString()).isEqualTo("STANDARD");
        assertThat(readme.owner()).isNull();
    }

    @Test
    void prefixAndDelimiter() {
        ListObjectsV2Response root = s3.listObjectsV2(b -> b.bucket(tree).delimiter("/"));
        assertThat(keys(root.contents())).containsExactly("readme.txt");
        assertThat(prefixes(root.commonPrefixes())).containsExactly("photos/", "videos/");
        assertThat(root.keyCount()).isEqualTo(3);
        assertThat(root.delimiter()).isEqualTo("/");

        ListObjectsV2Response photos = s3.listObjectsV2(b -> b.bucket(tree).prefix("photos/").delimiter("/"));
        assertThat(keys(photos.contents())).containsExactly("photos/d.jpg");
        assertThat(prefixes(photos.commonPrefixes())).containsExactly("photos/2020/", "photos/2021/");
        assertThat(photos.prefix()).isEqualTo("photos/");

        assertThat(keys(s3.listObjectsV2(b -> b.bucket(tree).prefix("photos/2020/")).contents()))
                .containsExactly("photos/2020/a.jpg", "photos/2020/b.jpg");
        assertThat(s3.listObjectsV2(b -> b.bucket(tree).prefix("nothing/")).contents()).isEmpty();
        // a delimiter other than "/"
        ListObjectsV2Response byDot = s3.listObjectsV2(b -> b.bucket(tree).delimiter("."));
        assertThat(prefixes(byDot.commonPrefixes())).containsExactly("photos/2020/a.", "photos/2020/b.", "photos/2021/c.", "photos/d.",
                "readme.", "videos/x.");
        assertThat(byDot.contents()).isEmpty();
    }

    @Test
    void maxKeysAndContinuation() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(tree).maxKeys(4).continuationToken(t));
            assertThat(page.keyCount()).isEqualTo(page.contents().size());
            assertThat(page.maxKeys()).isEqualTo(4);
            assertThat(page.continuationToken()).isEqualTo(t);
            seen.addAll(keys(page.contents()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            if (page.isTruncated()) {
                assertThat(page.nextContinuationToken()).isNotBlank();
            } else {
                assertThat(page.nextContinuationToken()).isNull();
            }
            pages++;
        } while (token != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(TREE);
        assertThat(pages).isEqualTo(2);

        // common prefixes count towards max-keys
        ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket(tree).delimiter("/").maxKeys(2));
        assertThat(prefixes(first.commonPrefixes())).containsExactly("photos/");
        assertThat(keys(first.contents())).containsExactly("readme.txt");
        assertThat(first.isTruncated()).isTrue();
        ListObjectsV2Response second = s3.listObjectsV2(b -> b.bucket(tree).delimiter("/").maxKeys(2)
                .continuationToken(first.nextContinuationToken()));
        assertThat(prefixes(second.commonPrefixes())).containsExactly("videos/");
        assertThat(second.contents()).isEmpty();
        assertThat(second.isTruncated()).isFalse();


        assertS3Error(() -> s3.listObjectsV2(b -> b.bucket(tree).continuationToken("garbage!!")), "InvalidArgument", 400);
        assertS3Error(() -> s3.listObjectsV2(b -> b.bucket(S3Support.bucketName("missing"))), "NoSuchBucket", 404);
    }

    @Test
    void maxKeysZeroListsNothing() {
        ListObjectsV2Response none = s3.listObjectsV2(b -> b.bucket(tree).maxKeys(0));
        assertThat(none.contents()).isEmpty();
        assertThat(none.keyCount()).isZero();
        assertThat(none.maxKeys()).isZero();
        assertThat(s3.listObjects(b -> b.bucket(tree).maxKeys(0)).contents()).isEmpty();
    }

    @Test
    void startAfter() {
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(tree).startAfter("photos/d.jpg"));
        assertThat(keys(r.contents())).containsExactly("readme.txt", "videos/x.mp4");
        assertThat(r.startAfter()).isEqualTo("photos/d.jpg");
        assertThat(keys(s3.listObjectsV2(b -> b.bucket(tree).startAfter("photos/2")).contents()))
                .containsExactly("photos/2020/a.jpg", "photos/2020/b.jpg", "photos/2021/c.jpg", "photos/d.jpg", "readme.txt", "videos/x.mp4");
        assertThat(s3.listObjectsV2(b -> b.bucket(tree).startAfter("zzz")).contents()).isEmpty();
        ListObjectsV2Response grouped = s3.listObjectsV2(b -> b.bucket(tree).delimiter("/").startAfter("readme.txt"));
        assertThat(prefixes(grouped.commonPrefixes())).containsExactly("videos/");
        assertThat(grouped.contents()).isEmpty();
    }

    @Test
    void fetchOwner() {
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(tree).fetchOwner(true).maxKeys(1));
        assertThat(r.contents()).singleElement().satisfies(o -> {
            assertThat(o.owner()).isNotNull();
            assertThat(o.owner().id()).isNotBlank();
        });
        String bucketOwner = s3.getBucketAcl(b -> b.bucket(tree)).owner().id();
        assertThat(r.contents().get(0).owner().id()).isEqualTo(bucketOwner);
        // ListObjects v1 always shows the owner
        assertThat(s3.listObjects(b -> b.bucket(tree).maxKeys(1)).contents().get(0).owner()).isNotNull();
    }

    @Test
    void urlEncodingOfKeys(URI endpoint) throws Exception {
        String bucket = S3Support.bucketName("encoded");
        s3.createBucket(b -> b.bucket(bucket));
        List<String> weird = List.of("a b/c d.txt", "plus+sign", "ünïcødé/日本", "percent%41", "amp&lt<gt>", "new\nline", "ctrl\u0001char");
        for (String k : weird) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString("x"));
        }
        List<String> sorted = weird.stream().sorted(S3ListIT::utf8Compare).collect(Collectors.toList());
        // the SDK asks for encoding-type=url and decodes the answer; the keys come back unchanged
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).encodingType(EncodingType.URL));
        assertThat(keys(r.contents())).containsExactlyElementsOf(sorted);
        assertThat(r.encodingType()).isEqualTo(EncodingType.URL);
        assertThat(keys(s3.listObjects(b -> b.bucket(bucket).encodingType(EncodingType.URL)).contents())).containsExactlyElementsOf(sorted);
        ListObjectsV2Response grouped = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/").encodingType(EncodingType.URL));
        assertThat(prefixes(grouped.commonPrefixes())).containsExactly("a b/", "ünïcødé/");

        // on the wire: every key percent-encoded, none raw
        HttpResponse<String> raw = S3Support.raw(endpoint, "GET", "/" + bucket + "?list-type=2&encoding-type=url");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).contains("<EncodingType>url</EncodingType>");
        Matcher m = Pattern.compile("<Key>([^<]*)</Key>").matcher(raw.body());
        List<String> wireKeys = new ArrayList<>();
        while (m.find()) {
            wireKeys.add(m.group(1));
        }
        assertThat(wireKeys).hasSize(weird.size()).allSatisfy(k -> assertThat(k).doesNotContain(" ", "\n", "日", "ü"));
        assertThat(wireKeys.stream().map(k -> URLDecoder.decode(k, StandardCharsets.UTF_8)).collect(Collectors.toList()))
                .containsExactlyElementsOf(sorted);
    }

    @Test
    void keysSortInUtf8ByteOrder() {
        String bucket = S3Support.bucketName("utf8");
        s3.createBucket(b -> b.bucket(bucket));
        // UTF-16 puts the surrogate pair of U+1F600 before U+FFFD; UTF-8 (S3's order) puts it after
        List<String> keys = List.of("u/\uFFFD", "u/\uD83D\uDE00", "u/z", "u/\u00E9", "u/A");
        for (String k : keys) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString("x"));
        }
        assertThat(keys(s3.listObjectsV2(b -> b.bucket(bucket)).contents()))
                .containsExactly("u/A", "u/z", "u/\u00E9", "u/\uFFFD", "u/\uD83D\uDE00");
    }

    @Test
    void listObjectsV1WithMarkers() {
        ListObjectsResponse first = s3.listObjects(b -> b.bucket(tree).maxKeys(2));
        assertThat(keys(first.contents())).containsExactly("photos/2020/a.jpg", "photos/2020/b.jpg");
        assertThat(first.isTruncated()).isTrue();
        // without a delimiter S3 leaves NextMarker out: the client continues from the last key
        ListObjectsResponse second = s3.listObjects(b -> b.bucket(tree).maxKeys(2).marker("photos/2020/b.jpg"));
        assertThat(keys(second.contents())).containsExactly("photos/2021/c.jpg", "photos/d.jpg");
        assertThat(second.marker()).isEqualTo("photos/2020/b.jpg");

        // with a delimiter, NextMarker says where to go on (here: a common prefix)
        ListObjectsResponse grouped = s3.listObjects(b -> b.bucket(tree).delimiter("/").maxKeys(1));
        assertThat(prefixes(grouped.commonPrefixes())).containsExactly("photos/");
        assertThat(grouped.isTruncated()).isTrue();
        assertThat(grouped.nextMarker()).isEqualTo("photos/");
        ListObjectsResponse next = s3.listObjects(b -> b.bucket(tree).delimiter("/").maxKeys(1).marker(grouped.nextMarker()));
        assertThat(keys(next.contents())).containsExactly("readme.txt");
        assertThat(next.nextMarker()).isEqualTo("readme.txt");
        ListObjectsResponse last = s3.listObjects(b -> b.bucket(tree).delimiter("/").maxKeys(1).marker(next.nextMarker()));
        assertThat(prefixes(last.commonPrefixes())).containsExactly("videos/");
        assertThat(last.isTruncated()).isFalse();

        assertThat(listV1(tree, 2)).containsExactlyElementsOf(TREE);
    }

    @Test
    void paginateALargeBucket(URI endpoint) throws Exception {
        String bucket = S3Support.bucketName("large");
        s3.createBucket(b -> b.bucket(bucket));
        int n = 2500;
        List<String> keys = IntStream.range(0, n).mapToObj(i -> (i % 7 == 0 ? "odd-" : "k/") + i).collect(Collectors.toList());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (S3Client writer = S3Support.plainClient(endpoint)) {
            List<Future<?>> futures = new ArrayList<>();
            for (String k : keys) {
                futures.add(pool.submit(() -> writer.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k))));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> expected = keys.stream().sorted(S3ListIT::utf8Compare).collect(Collectors.toList());

        var pages = s3.listObjectsV2Paginator(b -> b.bucket(bucket));
        List<String> listed = new ArrayList<>();
        int[] pageCount = {0};
        pages.forEach(p -> {
            pageCount[0]++;
            assertThat(p.contents()).hasSizeLessThanOrEqualTo(1000);
            listed.addAll(keys(p.contents()));
        });
        assertThat(pageCount[0]).isEqualTo(3);
        assertThat(listed).containsExactlyElementsOf(expected);

        // smaller pages, and v1
        assertThat(s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(333)).contents()).extracting(S3Object::key)
                .containsExactlyElementsOf(expected);
        assertThat(listV1(bucket, 1000)).containsExactlyElementsOf(expected);
        // with a delimiter: the "k/" keys fold into one prefix
        ListObjectsV2Response folded = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertThat(prefixes(folded.commonPrefixes())).containsExactly("k/");
        assertThat(folded.contents()).hasSize((n + 6) / 7);
    }

    /** Every key through ListObjects v1, going on from NextMarker or else the last key, as the SDKs do. */
    private static List<String> listV1(String bucket, int maxKeys) {
        List<String> out = new ArrayList<>();
        String marker = null;
        for (int i = 0; i < 10_000; i++) {
            String m = marker;
            ListObjectsResponse page = s3.listObjects(b -> b.bucket(bucket).maxKeys(maxKeys).marker(m));
            out.addAll(keys(page.contents()));
            if (!page.isTruncated()) {
                return out;
            }
            marker = page.nextMarker() != null ? page.nextMarker() : out.get(out.size() - 1);
        }
        throw new AssertionError("ListObjects never ended");
    }

    static int utf8Compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
