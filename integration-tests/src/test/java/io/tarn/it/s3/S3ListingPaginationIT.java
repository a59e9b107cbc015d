package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tarn.it.Scripts;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Paging of S3 listings as clients drive it: deleting versions while paginating (how buckets are
 * emptied), continuation tokens that belong to one listing only, empty delimiters, and which
 * elements ListObjects (v1) URL-encodes.
 */
@ExtendWith(TarnServerExtension.class)
// its raw requests are unsigned, which access control takes as anonymous (S3BucketPolicyIT covers that)
@ServerArgs({"--s3-access-control", "off"})
class S3ListingPaginationIT {

    private static S3Client s3;

    @BeforeAll
    static void setUp(URI endpoint) {
        s3 = S3Support.client(endpoint);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void emptyAVersionedBucketWhilePaginating() {
        String bucket = S3Support.bucketName("empty");
        s3.createBucket(b -> b.bucket(bucket));
        for (int i = 0; i < 4; i++) {
            String key = "k" + i;
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("null version"));
        }
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        for (int i = 0; i < 4; i++) {
            String key = "k" + i;
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("v1"));
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("v2"));
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
        // 16 entries; pages of 3 end on null versions, delete markers and versions alike
        int deleted = 0;
        int pages = 0;
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).maxKeys(3))) {
            List<ObjectIdentifier> ids = new ArrayList<>();
            page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> ids.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
            if (!ids.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
            }
            deleted += ids.size();
            assertThat(++pages).isLessThan(20);
        }
        assertThat(deleted).isEqualTo(16);
        ListObjectVersionsResponse left = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(left.versions()).isEmpty();
        assertThat(left.deleteMarkers()).isEmpty();
        s3.deleteBucket(b -> b.bucket(bucket));
    }

    @Test
    void onlyAMalformedVersionIdMarkerIsRefused() {
        String bucket = S3Support.bucketName("markers");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String old = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("1")).versionId();
        String gone = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("2")).versionId();
        s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(gone));

        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).keyMarker("k").versionIdMarker(gone)).versions())
                .extracting(v -> v.versionId()).containsExactly(old);
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).keyMarker("k").versionIdMarker("null")).versions())
                .extracting(v -> v.versionId()).containsExactly(old);
        assertS3Error(() -> s3.listObjectVersions(b -> b.bucket(bucket).keyMarker("k").versionIdMarker("not-a-version")),
                "InvalidArgument", 400);
    }

    @Test
    void continuationTokensBelongToOneListing(URI endpoint) throws Exception {
        String a = S3Support.bucketName("tokens-a");
        String b = S3Support.bucketName("tokens-b");
        for (String bucket : List.of(a, b)) {
            s3.createBucket(r -> r.bucket(bucket));
            for (String key : List.of("p/1", "p/2", "p/3")) {
                s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("x"));
            }
        }
        String token = s3.listObjectsV2(r -> r.bucket(a).prefix("p/").maxKeys(1)).nextContinuationToken();
        assertThat(s3.listObjectsV2(r -> r.bucket(a).prefix("p/").continuationToken(token)).contents())
                .extracting(o -> o.key()).containsExactly("p/2", "p/3");

        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("p/2".getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(forged, altered(token))) {
            assertS3Error(() -> s3.listObjectsV2(r -> r.bucket(a).prefix("p/").continuationToken(bad)), "InvalidArgument", 400);
        }
        assertS3Error(() -> s3.listObjectsV2(r -> r.bucket(b).prefix("p/").continuationToken(token)), "InvalidArgument", 400);
        assertS3Error(() -> s3.listObjectsV2(r -> r.bucket(a).prefix("q/").continuationToken(token)), "InvalidArgument", 400);

        HttpResponse<String> empty = S3Support.raw(endpoint, "GET", "/" + a + "?list-type=2&continuation-token=");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("<Code>InvalidArgument</Code>", "The continuation token provided is incorrect");

        // a ListBuckets token is not a listing token, and the other way round
        HttpResponse<String> buckets = S3Support.raw(endpoint, "GET", "/?max-buckets=1");
        String bucketsToken = between(buckets.body(), "<ContinuationToken>", "</ContinuationToken>");
        assertThat(bucketsToken).isNotNull();
        assertS3Error(() -> s3.listObjectsV2(r -> r.bucket(a).prefix("p/").continuationToken(bucketsToken)), "InvalidArgument", 400);
        HttpResponse<String> crossed = S3Support.raw(endpoint, "GET", "/?max-buckets=1&continuation-token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat(crossed.statusCode()).isEqualTo(400);
        assertThat(crossed.body()).contains("<Code>InvalidArgument</Code>");
        HttpResponse<String> next = S3Support.raw(endpoint, "GET", "/?max-buckets=1&continuation-token="
                + URLEncoder.encode(bucketsToken, StandardCharsets.UTF_8));
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void anEmptyDelimiterIsNoDelimiterAndIsNotEchoed(URI endpoint) throws Exception {
        String bucket = S3Support.bucketName("delim");
        s3.createBucket(r -> r.bucket(bucket));
        for (String key : List.of("d/1", "d/2", "top")) {
            s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("x"));
        }
        s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        for (String query : List.of("?list-type=2&delimiter=", "?delimiter=", "?versions&delimiter=")) {
            HttpResponse<String> r = S3Support.raw(endpoint, "GET", "/" + bucket + query);
            assertThat(r.statusCode()).as(query).isEqualTo(200);
            assertThat(r.body()).as(query).doesNotContain("<Delimiter>", "<CommonPrefixes>").contains("<Key>d/1</Key>", "<Key>d/2</Key>");
        }
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).delimiter("")).contents()).hasSize(3);
    }

    @Test
    void listObjectsV1EncodesKeysMarkersDelimiterAndCommonPrefixesButNotThePrefix(URI endpoint) throws Exception {
        String bucket = S3Support.bucketName("v1enc");
        s3.createBucket(r -> r.bucket(bucket));
        for (String key : List.of("a b/c d", "a b/x/y z", "a b/z")) {
            s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("x"));
        }
        String query = "?encoding-type=url&prefix=" + enc("a b/") + "&delimiter=" + enc("/") + "&marker=" + enc("a b/c d") + "&max-keys=1";
        String body = S3Support.raw(endpoint, "GET", "/" + bucket + query).body();
        // what botocore's decode_list_object decodes for v1: Marker, NextMarker, Delimiter, Key, CommonPrefixes
        assertThat(body).contains("<Prefix>a b/</Prefix>", "<Marker>a%20b/c%20d</Marker>", "<Delimiter>/</Delimiter>",
                "<NextMarker>a%20b/x/</NextMarker>", "<Prefix>a%20b/x/</Prefix>", "<EncodingType>url</EncodingType>");
        // and the SDK, which decodes the same elements, sees the names unchanged
        assertThat(s3.listObjects(r -> r.bucket(bucket).prefix("a b/").delimiter("/").marker("a b/c d").encodingType("url"))
                .commonPrefixes()).extracting(p -> p.prefix()).containsExactly("a b/x/");
    }

    @Test
    void boto3EmptiesAVersionedBucketPageByPage(URI endpoint) throws Exception {
        assumeTrue(Scripts.available(List.of("python3", "-c", "import boto3")), "python3 with boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("s3_listing_boto3_check.py"), endpoint.toString()), 180);
    }

    /** The token with one character changed. */
    private static String altered(String token) {
        char c = token.charAt(token.length() / 2);
        return token.substring(0, token.length() / 2) + (c == 'A' ? 'B' : 'A') + token.substring(token.length() / 2 + 1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String between(String text, String open, String close) {
        int at = text.indexOf(open);
        return at < 0 ? null : text.substring(at + open.length(), text.indexOf(close, at));
    }
}
