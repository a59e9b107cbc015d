package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.assertS3Status;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/** Versioned buckets: versions, delete markers, suspension and the null version, and version listings. */
@ExtendWith(TarnServerExtension.class)
// one raw request is unsigned, which access control takes as anonymous (S3BucketPolicyIT covers that)
@ServerArgs({"--s3-access-control", "off"})
class S3VersioningIT {

    private static S3Client s3;

    @BeforeAll
    static void clients(URI endpoint) {
        s3 = S3Support.client(endpoint);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static String versionedBucket(String prefix) {
        String bucket = S3Support.bucketName(prefix);
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        return bucket;
    }

    private static String put(String bucket, String key, String content) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content)).versionId();
    }

    private static String get(String bucket, String key, String versionId) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
    }

    @Test
    void versionsDeleteMarkersAndUndelete(URI endpoint) throws Exception {
        String bucket = versionedBucket("versions");
        String v1 = put(bucket, "doc", "one");
        String v2 = put(bucket, "doc", "two");
        String v3 = put(bucket, "doc", "three");
        assertThat(List.of(v1, v2, v3)).doesNotContainNull().doesNotHaveDuplicates().doesNotContain("null");

        ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(listed.versions()).extracting(ObjectVersion::versionId).containsExactly(v3, v2, v1);
        assertThat(listed.versions()).extracting(ObjectVersion::isLatest).containsExactly(true, false, false);
        assertThat(listed.versions()).extracting(ObjectVersion::size).containsExactly(5L, 3L, 3L);
        assertThat(listed.deleteMarkers()).isEmpty();

        assertThat(get(bucket, "doc", v1)).isEqualTo("one");
        assertThat(get(bucket, "doc", v2)).isEqualTo("two");
        assertThat(get(bucket, "doc", null)).isEqualTo("three");
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc").versionId(v1));
        assertThat(got.response().versionId()).isEqualTo(v1);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("doc")).versionId()).isEqualTo(v3);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("doc").versionId(v2)).contentLength()).isEqualTo(3);

        DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("doc"));
        assertThat(deleted.deleteMarker()).isTrue();
        String marker = deleted.versionId();
        assertThat(marker).isNotNull().isNotIn(v1, v2, v3);

        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("doc")), "NoSuchKey", 404);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("doc")), 404);
        HttpResponse<String> raw = S3Support.raw(endpoint, "GET", "/" + bucket + "/doc");
        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(raw.headers().firstValue("x-amz-delete-marker")).hasValue("true");
        assertThat(raw.headers().firstValue("x-amz-version-id")).hasValue(marker);
        assertThat(raw.body()).contains("<Code>NoSuchKey</Code>");

        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("doc").versionId(marker)), "MethodNotAllowed", 405);
        assertS3Status(() -> s3.headObject(b -> b.bucket(bucket).key("doc").versionId(marker)), 405);
        HttpResponse<String> rawMarker = S3Support.raw(endpoint, "GET", "/" + bucket + "/doc?versionId=" + enc(marker));
        assertThat(rawMarker.statusCode()).isEqualTo(405);
        assertThat(rawMarker.headers().firstValue("x-amz-delete-marker")).hasValue("true");
        assertThat(rawMarker.headers().firstValue("allow")).hasValue("DELETE");
        // older versions stay readable
        assertThat(get(bucket, "doc", v2)).isEqualTo("two");

        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        ListObjectVersionsResponse withMarker = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(withMarker.deleteMarkers()).singleElement().satisfies(m -> {
            assertThat(m.versionId()).isEqualTo(marker);
            assertThat(m.isLatest()).isTrue();
            assertThat(m.key()).isEqualTo("doc");
            assertThat(m.owner()).isNotNull();
        });
        assertThat(withMarker.versions()).extracting(ObjectVersion::isLatest).containsOnly(false);

        // deleting the marker brings the object back
        DeleteObjectResponse undelete = s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(marker));
        assertThat(undelete.deleteMarker()).isTrue();
        assertThat(undelete.versionId()).isEqualTo(marker);
        assertThat(get(bucket, "doc", null)).isEqualTo("three");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(1);

        // deleting a version for good
        DeleteObjectResponse gone = s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v3));
        assertThat(gone.versionId()).isEqualTo(v3);
        assertThat(gone.deleteMarker()).isNull();
        assertThat(get(bucket, "doc", null)).isEqualTo("two");
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).extracting(ObjectVersion::versionId).containsExactly(v2, v1);
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("doc").versionId(v3)), "NoSuchVersion", 404);
    }

    @Test
    void aVersionIdOfAnotherKeyIsNoSuchVersion() {
        String bucket = versionedBucket("other-key");
        String va = put(bucket, "a", "a");
        put(bucket, "b", "b");
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("b").versionId(va)), "NoSuchVersion", 404);
    }

    @Test
    void objectsFromBeforeVersioningHaveTheNullVersion() {
        String bucket = S3Support.bucketName("before");
        s3.createBucket(b -> b.bucket(bucket));
        assertThat(put(bucket, "k", "unversioned")).isNull();
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String v = put(bucket, "k", "versioned");
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).extracting(ObjectVersion::versionId)
                .containsExactly(v, "null");
        assertThat(get(bucket, "k", "null")).isEqualTo("unversioned");
    }

    @Test
    void suspendedVersioningReplacesTheNullVersion() {
        String bucket = versionedBucket("suspended");
        String v1 = put(bucket, "k", "enabled-1");
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        put(bucket, "k", "suspended-1");
        put(bucket, "k", "suspended-2");
        ListObjectVersionsResponse listed = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(listed.versions()).extracting(ObjectVersion::versionId).containsExactly("null", v1);
        assertThat(get(bucket, "k", "null")).isEqualTo("suspended-2");
        assertThat(get(bucket, "k", v1)).isEqualTo("enabled-1");
        assertThat(get(bucket, "k", null)).isEqualTo("suspended-2");

        // a delete while suspended puts a delete marker with the null version id, replacing the null version
        DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertThat(deleted.deleteMarker()).isTrue();
        assertThat(deleted.versionId()).isEqualTo("null");
        ListObjectVersionsResponse after = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(after.versions()).extracting(ObjectVersion::versionId).containsExactly(v1);
        assertThat(after.deleteMarkers()).extracting(DeleteMarkerEntry::versionId).containsExactly("null");

        // enabled again: new versions get ids, the null marker stays as an older version
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String v3 = put(bucket, "k", "enabled-again");
        assertThat(v3).isNotEqualTo("null");
        assertThat(get(bucket, "k", null)).isEqualTo("enabled-again");
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).deleteMarkers()).extracting(DeleteMarkerEntry::isLatest)
                .containsExactly(false);
    }

    @Test
    void theNullVersionIdOfASuspendedBucketIsShownOnReadsNotOnThePut() {
        // AWS's PutObject "versioning suspended" example has no x-amz-version-id; GET and HEAD say "null"
        String bucket = versionedBucket("suspended-put");
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        assertThat(put(bucket, "k", "x")).isNull();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).versionId()).isEqualTo("null");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).response().versionId()).isEqualTo("null");
    }

    @Test
    void deleteObjectsInAVersionedBucketReportsMarkers() {
        String bucket = versionedBucket("multi-delete");
        String v1 = put(bucket, "x", "1");
        put(bucket, "y", "1");
        var r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ObjectIdentifier.builder().key("x").versionId(v1).build(),
                ObjectIdentifier.builder().key("y").build())));
        assertThat(r.errors()).isEmpty();
        assertThat(r.deleted()).anySatisfy(d -> {
            assertThat(d.key()).isEqualTo("x");
            assertThat(d.versionId()).isEqualTo(v1);
        });
        assertThat(r.deleted()).anySatisfy(d -> {
            assertThat(d.key()).isEqualTo("y");
            assertThat(d.deleteMarker()).isTrue();
            assertThat(d.deleteMarkerVersionId()).isNotBlank();
        });
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("x")).versions()).isEmpty();
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("y")).deleteMarkers()).hasSize(1);
    }

    @Test
    void copyFromAVersion() {
        String bucket = versionedBucket("copy-version");
        String v1 = put(bucket, "src", "old");
        put(bucket, "src", "new");
        var copy = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").sourceVersionId(v1).destinationBucket(bucket)
                .destinationKey("dst"));
        assertThat(copy.copySourceVersionId()).isEqualTo(v1);
        assertThat(copy.versionId()).isNotBlank();
        assertThat(get(bucket, "dst", null)).isEqualTo("old");
        // copy to itself is allowed in a versioned bucket: it makes a new version
        var self = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").sourceVersionId(v1).destinationBucket(bucket)
                .destinationKey("src"));
        assertThat(get(bucket, "src", null)).isEqualTo("old");
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("src")).versions()).hasSize(3)
                .first().satisfies(v -> assertThat(v.versionId()).isEqualTo(self.versionId()));
    }

    @Test
    void listObjectVersionsPagesWithKeyAndVersionMarkers() {
        String bucket = versionedBucket("paging");
        List<String> expectedVersions = new ArrayList<>();
        List<String> expectedMarkers = new ArrayList<>();
        for (String key : List.of("a", "b", "c")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(put(bucket, key, key + i));
            }
            if (key.equals("b")) {
                expectedMarkers.add("b@" + s3.deleteObject(d -> d.bucket(bucket).key("b")).versionId());
            }
            for (int i = ids.size() - 1; i >= 0; i--) {
                expectedVersions.add(key + "@" + ids.get(i));
            }
        }

        Listing all = new Listing();
        all.add(s3.listObjectVersions(b -> b.bucket(bucket)));
        assertThat(all.versions).containsExactlyElementsOf(expectedVersions);
        assertThat(all.markers).containsExactlyElementsOf(expectedMarkers);

        Listing paged = new Listing();
        String keyMarker = null;
        String versionMarker = null;
        int pages = 0;
        while (true) {
            String km = keyMarker;
            String vm = versionMarker;
            ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(3).keyMarker(km).versionIdMarker(vm));
            pages++;
            assertThat(page.versions().size() + page.deleteMarkers().size()).isLessThanOrEqualTo(3);
            paged.add(page);
            if (!page.isTruncated() || pages > 20) {
                break;
            }
            assertThat(page.nextKeyMarker()).isNotNull();
            assertThat(page.nextVersionIdMarker()).isNotNull();
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
        }
        assertThat(paged.versions).containsExactlyElementsOf(expectedVersions);
        assertThat(paged.markers).containsExactlyElementsOf(expectedMarkers);
        assertThat(pages).isEqualTo(5); // 13 entries, 3 a page

        // the SDK paginator, and a key marker alone (everything after that key)
        Listing viaPaginator = new Listing();
        s3.listObjectVersionsPaginator(b -> b.bucket(bucket).maxKeys(2)).forEach(viaPaginator::add);
        assertThat(viaPaginator.versions).containsExactlyElementsOf(expectedVersions);
        assertThat(viaPaginator.markers).containsExactlyElementsOf(expectedMarkers);
        Listing afterB = new Listing();
        afterB.add(s3.listObjectVersions(b -> b.bucket(bucket).keyMarker("b")));
        assertThat(afterB.versions).containsExactlyElementsOf(
                expectedVersions.stream().filter(e -> e.startsWith("c@")).collect(Collectors.toList()));
        assertThat(afterB.markers).isEmpty();
    }

    /** Versions and delete markers in listing order ("key@versionId"); the SDK hands them over in two lists. */
    private static final class Listing {
        final List<String> versions = new ArrayList<>();
        final List<String> markers = new ArrayList<>();

        void add(ListObjectVersionsResponse page) {
            page.versions().forEach(v -> versions.add(v.key() + "@" + v.versionId()));
            page.deleteMarkers().forEach(m -> markers.add(m.key() + "@" + m.versionId()));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
