package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Buckets: the global namespace, DeleteBucket and ListBuckets (the naming rules are in {@link BucketNamesTest}). */
class BucketEngineTest extends EngineFixture {

    @Test
    void createChecksTheName() {
        for (String name : List.of("ab", "My-Bucket", "my..bucket", "192.168.5.4", "amzn-s3-demo-bucket", "bucket--table-s3")) {
            assertAws(() -> buckets.create(name, OWNER, "us-east-1", null, acl()), "InvalidBucketName", 400);
        }
        assertThat(buckets.list(OWNER, null, null, null, 100)).isEmpty();
    }

    @Test
    void createStoresTheBucketWithAwsDefaults() {
        BucketMeta b = buckets.create("fresh", OWNER, "eu-west-1", null, acl());
        assertThat(b.name()).isEqualTo("fresh");
        assertThat(b.owner()).isEqualTo(OWNER);
        assertThat(b.region()).isEqualTo("eu-west-1");
        assertThat(b.created()).isEqualTo(START);
        assertThat(b.versioning()).isNull();
        assertThat(b.objectOwnership()).isEqualTo("BucketOwnerEnforced");
        assertThat(buckets.require("fresh")).isEqualTo(b);
        assertThat(buckets.find("other")).isNull();
        assertAws(() -> buckets.require("other"), "NoSuchBucket", 404);
    }

    @Test
    void bucketNamesAreGlobal() {
        buckets.create("taken", OWNER, "us-east-1", null, acl());
        assertAws(() -> buckets.create("taken", OWNER, "us-east-1", null, acl()), "BucketAlreadyOwnedByYou", 409);
        assertAws(() -> buckets.create("taken", OTHER, "us-east-1", null, acl()), "BucketAlreadyExists", 409);
        assertAws(() -> buckets.create("taken", OTHER, "eu-west-1", null, acl()), "BucketAlreadyExists", 409);
        assertThat(buckets.require("taken").owner()).isEqualTo(OWNER);
    }

    @Test
    void deleteRefusesABucketWithObjects() {
        bucket("full");
        ObjectVersion v = put("full", "k", bytes(10, 1));
        assertAws(() -> buckets.delete("full", uploads), "BucketNotEmpty", 409);
        objects.delete("full", "k", null, OWNER);
        buckets.delete("full", uploads);
        assertAws(() -> buckets.require("full"), "NoSuchBucket", 404);
        assertAws(() -> buckets.delete("full", uploads), "NoSuchBucket", 404);
        assertThat(v.size()).isEqualTo(10);
    }

    @Test
    void aDeleteMarkerAloneKeepsABucketNotEmpty() {
        versionedBucket("marked");
        objects.delete("marked", "ghost", null, OWNER); // a marker for a key that never existed
        ObjectVersion marker = objects.resolve("marked", "ghost", null);
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(listings.objects("marked", "", null, null, 10).items()).isEmpty();

        assertAws(() -> buckets.delete("marked", uploads), "BucketNotEmpty", 409);

        objects.delete("marked", "ghost", marker.versionId(), OWNER);
        buckets.delete("marked", uploads);
        assertThat(buckets.find("marked")).isNull();
    }

    @Test
    void oldVersionsKeepABucketNotEmpty() {
        versionedBucket("old");
        ObjectVersion v = put("old", "k", bytes(10, 1));
        objects.delete("old", "k", null, OWNER);
        objects.delete("old", "k", objects.resolve("old", "k", null).versionId(), OWNER); // the marker
        assertThat(objects.resolve("old", "k", null).versionId()).isEqualTo(v.versionId());
        objects.delete("old", "k", v.versionId(), OWNER);
        buckets.delete("old", uploads);
    }

    @Test
    void deleteDropsUploadsInProgress() {
        bucket("busy");
        MultipartUpload u = uploads.create("busy", "k", attrs(), null, null);
        uploadPart("busy", "k", u.uploadId(), 1, bytes(70_000, 1));
        assertThat(blobFiles()).hasSize(1);

        buckets.delete("busy", uploads);

        assertThat(blobFiles()).isEmpty();
        bucket("busy"); // the name is free again, and the old upload did not come back with it
        assertAws(() -> uploads.require("busy", "k", u.uploadId()), "NoSuchUpload", 404);
        assertThat(listings.uploads("busy", "", null, null, null, 10).items()).isEmpty();
    }

    @Test
    void listShowsTheOwnersBucketsInNameOrder() {
        for (String name : List.of("charlie", "alpha", "bravo", "beta")) {
            buckets.create(name, OWNER, "us-east-1", null, acl());
        }
        buckets.create("bat", OTHER, "us-east-1", null, acl());

        assertThat(names(buckets.list(OWNER, null, null, null, 100))).containsExactly("alpha", "beta", "bravo", "charlie");
        assertThat(names(buckets.list(OTHER, null, null, null, 100))).containsExactly("bat");
        assertThat(names(buckets.list(OWNER, "b", null, null, 100))).containsExactly("beta", "bravo");
        assertThat(names(buckets.list(OWNER, null, null, "beta", 100))).containsExactly("bravo", "charlie");
        assertThat(names(buckets.list(OWNER, "b", null, "beta", 100))).containsExactly("bravo");
        assertThat(names(buckets.list(OWNER, null, null, "bat", 100))).containsExactly("beta", "bravo", "charlie");
        assertThat(names(buckets.list(OWNER, null, null, null, 2))).containsExactly("alpha", "beta");
        assertThat(names(buckets.list(OWNER, "zz", null, null, 100))).isEmpty();
    }

    @Test
    void listFiltersOnTheBucketRegionAndCreationKeepsTagsAndALegacyConstraint() {
        buckets.create("dublin", OWNER, new BucketEngine.NewBucket("eu-west-1", "EU", null, acl(), java.util.Map.of("team", "data")));
        buckets.create("oregon", OWNER, "us-west-2", null, acl());

        assertThat(names(buckets.list(OWNER, null, "eu-west-1", null, 100))).containsExactly("dublin");
        assertThat(names(buckets.list(OWNER, null, "us-west-2", null, 100))).containsExactly("oregon");
        BucketMeta dublin = buckets.require("dublin");
        assertThat(dublin.region()).isEqualTo("eu-west-1");
        assertThat(dublin.locationConstraint()).isEqualTo("EU");
        assertThat(dublin.tags()).containsEntry("team", "data");
        assertThat(buckets.require("oregon").locationConstraint()).isNull();
    }

    @Test
    void updatesChangeTheStoredRecord() {
        bucket("conf");
        buckets.update("conf", b -> b.withVersioning("Enabled"));
        assertThat(buckets.require("conf").versioningEnabled()).isTrue();
        buckets.update("conf", b -> b.withVersioning("Suspended"));
        assertThat(buckets.require("conf").versioning()).isEqualTo("Suspended");
        assertThat(buckets.require("conf").keepsVersions()).isFalse();
        assertAws(() -> buckets.update("nope", b -> b), "NoSuchBucket", 404);
    }

    private static List<String> names(List<BucketMeta> list) {
        return list.stream().map(BucketMeta::name).toList();
    }
}
