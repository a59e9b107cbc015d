package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.assertS3Status;
import static io.tarn.it.s3.S3Support.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Type;

/** Bucket operations through the SDK v2 S3 client: creation rules, listing, location and bucket configuration. */
@ExtendWith(TarnServerExtension.class)
class S3BucketIT {

    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    private static S3Client s3;
    private static S3Client euS3;
    private static S3Client otherAccount;

    @BeforeAll
    static void clients(URI endpoint) {
        s3 = S3Support.client(endpoint);
        euS3 = S3Support.client(endpoint, Region.EU_WEST_1, "test");
        otherAccount = S3Support.client(endpoint, Region.US_EAST_1, "111111111111");
    }

    @AfterAll
    static void close() {
        s3.close();
        euS3.close();
        otherAccount.close();
    }

    @Test
    void createInUsEast1WithoutConfigurationAndLocationIsEmpty() {
        String bucket = bucketName("plain");
        var created = s3.createBucket(b -> b.bucket(bucket));
        assertThat(created.location()).isEqualTo("/" + bucket);
        s3.headBucket(b -> b.bucket(bucket));
        // us-east-1 is shown as an empty (null) LocationConstraint
        assertThat(s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString()).isNullOrEmpty();
        assertThat(s3.headBucket(b -> b.bucket(bucket)).bucketRegion()).isEqualTo("us-east-1");
    }

    @Test
    void createWithLocationConstraintFromAMatchingRegion() {
        String bucket = bucketName("eu");
        euS3.createBucket(b -> b.bucket(bucket)
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        assertThat(euS3.getBucketLocation(b -> b.bucket(bucket)).locationConstraint()).isEqualTo(BucketLocationConstraint.EU_WEST_1);
        assertThat(euS3.headBucket(b -> b.bucket(bucket)).bucketRegion()).isEqualTo("eu-west-1");
        assertThat(euS3.listBuckets(b -> b.prefix(bucket)).buckets()).singleElement()
                .satisfies(x -> assertThat(x.bucketRegion()).isEqualTo("eu-west-1"));
    }

    @Test
    void aLocationConstraintOtherThanTheEndpointRegionIsIllegal() {
        String bucket = bucketName("illegal");
        // a regional endpoint creates only in its region (the global us-east-1 one creates anywhere)
        assertS3Error(() -> euS3.createBucket(b -> b.bucket(bucket)
                        .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.US_WEST_2))),
                "IllegalLocationConstraintException", 400);
        assertS3Status(() -> s3.headBucket(b -> b.bucket(bucket)), 404);
    }

    @Test
    void anUnknownLocationConstraintIsInvalid() {
        assertS3Error(() -> s3.createBucket(b -> b.bucket(bucketName("nowhere"))
                .createBucketConfiguration(c -> c.locationConstraint("mars-north-1"))), "InvalidLocationConstraint", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "UPPERCASE", "under_score", "-leading-dash", "trailing-dash-", "double..dot", "192.168.5.4",
            "xn--punycode", "name-s3alias", "a-very-long-bucket-name-that-is-longer-than-sixty-three-characters-x"})
    void invalidNamesAreRejected(String name, URI endpoint) throws Exception {
        // raw requests: the SDK refuses most of these names itself before sending anything
        HttpResponse<String> r = S3Support.raw(endpoint, "PUT", "/" + name);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidBucketName</Code>").contains("<BucketName>" + name + "</BucketName>");
        assertThat(S3Support.raw(endpoint, "HEAD", "/" + name).statusCode()).isIn(400, 404);
    }

    @Test
    void invalidNamesTheSdkSendsAreRejected() {
        assertS3Error(() -> s3.createBucket(b -> b.bucket("xn--punycode")), "InvalidBucketName", 400);
        assertS3Error(() -> s3.createBucket(b -> b.bucket("sthree-bucket")), "InvalidBucketName", 400);
    }

    @Test
    void repeatedCreateInUsEast1SucceedsButOutsideItIsAlreadyOwnedByYou() {
        String bucket = bucketName("again");
        s3.createBucket(b -> b.bucket(bucket));
        s3.createBucket(b -> b.bucket(bucket));

        String euBucket = bucketName("again-eu");
        euS3.createBucket(b -> b.bucket(euBucket).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        assertS3Error(() -> euS3.createBucket(b -> b.bucket(euBucket)
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))), "BucketAlreadyOwnedByYou", 409);
    }

    @Test
    void anotherAccountCannotTakeATakenName() {
        String bucket = bucketName("taken");
        s3.createBucket(b -> b.bucket(bucket));
        assertS3Error(() -> otherAccount.createBucket(b -> b.bucket(bucket)), "BucketAlreadyExists", 409);
        // and the other account does not see it in its listing
        assertThat(otherAccount.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(bucket);
    }

    @Test
    void headBucketOfAMissingBucketIs404() {
        assertS3Status(() -> s3.headBucket(b -> b.bucket(bucketName("missing"))), 404);
        assertS3Error(() -> s3.getBucketLocation(b -> b.bucket(bucketName("missing"))), "NoSuchBucket", 404);
    }

    @Test
    void deleteBucketMustBeEmpty() {
        String bucket = bucketName("del");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        assertS3Error(() -> s3.deleteBucket(b -> b.bucket(bucket)), "BucketNotEmpty", 409);
        s3.deleteObject(b -> b.bucket(bucket).key("k"));
        s3.deleteBucket(b -> b.bucket(bucket));
        assertS3Status(() -> s3.headBucket(b -> b.bucket(bucket)), 404);
        assertS3Error(() -> s3.deleteBucket(b -> b.bucket(bucket)), "NoSuchBucket", 404);
    }

    @Test
    void listBucketsWithPrefixAndPages() {
        String prefix = bucketName("lst");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = prefix + "-" + i;
            names.add(name);
            s3.createBucket(b -> b.bucket(name));
        }
        s3.createBucket(b -> b.bucket(bucketName("other")));

        ListBucketsResponse all = s3.listBuckets(b -> b.prefix(prefix));
        assertThat(all.buckets()).extracting(Bucket::name).containsExactlyElementsOf(names);
        assertThat(all.prefix()).isEqualTo(prefix);
        assertThat(all.continuationToken()).isNull();
        assertThat(all.owner().id()).isNotBlank();
        assertThat(all.buckets()).allSatisfy(x -> assertThat(x.creationDate()).isNotNull());

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListBucketsResponse page = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2).continuationToken(t));
            assertThat(page.buckets()).hasSizeLessThanOrEqualTo(2);
            page.buckets().forEach(x -> paged.add(x.name()));
            token = page.continuationToken();
            pages++;
        } while (token != null && pages < 10);
        assertThat(paged).containsExactlyElementsOf(names);
        assertThat(pages).isEqualTo(3);

        // the SDK paginator follows the same tokens
        assertThat(s3.listBucketsPaginator(b -> b.prefix(prefix).maxBuckets(2)).buckets()).extracting(Bucket::name)
                .containsExactlyElementsOf(names);
    }

    @Test
    void bucketTagging() {
        String bucket = bucketName("tags");
        s3.createBucket(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketTagging(b -> b.bucket(bucket)), "NoSuchTagSet", 404);
        s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(
                Tag.builder().key("team").value("data").build(), Tag.builder().key("env").value("dev").build())));
        Map<String, String> tags = s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).containsExactlyInAnyOrderEntriesOf(Map.of("team", "data", "env", "dev"));
        s3.deleteBucketTagging(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketTagging(b -> b.bucket(bucket)), "NoSuchTagSet", 404);
    }

    @Test
    void corsConfigurationRoundTrip() {
        String bucket = bucketName("cors");
        s3.createBucket(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketCors(b -> b.bucket(bucket)), "NoSuchCORSConfiguration", 404);
        CORSRule rule = CORSRule.builder().id("web").allowedOrigins("https://example.com").allowedMethods("GET", "PUT")
                .allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(3000).build();
        CORSRule any = CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build();
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(rule, any)));
        assertThat(s3.getBucketCors(b -> b.bucket(bucket)).corsRules()).containsExactly(rule, any);
        s3.deleteBucketCors(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketCors(b -> b.bucket(bucket)), "NoSuchCORSConfiguration", 404);
    }

    @Test
    void ownershipControls() {
        String bucket = bucketName("own");
        s3.createBucket(b -> b.bucket(bucket));
        // new buckets default to BucketOwnerEnforced (ACLs disabled) since April 2023
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules())
                .extracting(OwnershipControlsRule::objectOwnership).containsExactly(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(o -> o.rules(
                OwnershipControlsRule.builder().objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED).build())));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules())
                .extracting(OwnershipControlsRule::objectOwnership).containsExactly(ObjectOwnership.BUCKET_OWNER_PREFERRED);
        s3.deleteBucketOwnershipControls(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketOwnershipControls(b -> b.bucket(bucket)), "OwnershipControlsNotFoundError", 404);

        String writer = bucketName("own-writer");
        s3.createBucket(b -> b.bucket(writer).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(writer)).ownershipControls().rules())
                .extracting(OwnershipControlsRule::objectOwnership).containsExactly(ObjectOwnership.OBJECT_WRITER);
    }

    @Test
    void bucketAclFromACannedHeaderAndFromGrants() {
        String bucket = bucketName("acl");
        // a new bucket blocks public ACLs (S3PublicAccessIT): the ACL is put once Block Public Access is off
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        GetBucketAclResponse acl = s3.getBucketAcl(b -> b.bucket(bucket));
        String owner = acl.owner().id();
        assertThat(owner).isNotBlank();
        assertThat(acl.grants()).extracting(g -> g.grantee().typeAsString() + " " + id(g.grantee()) + " " + g.permissionAsString())
                .containsExactlyInAnyOrder("CanonicalUser " + owner + " FULL_CONTROL", "Group " + ALL_USERS + " READ");

        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        assertThat(s3.getBucketAcl(b -> b.bucket(bucket)).grants()).extracting(g -> id(g.grantee()) + " " + g.permissionAsString())
                .containsExactly(owner + " FULL_CONTROL");

        AccessControlPolicy policy = AccessControlPolicy.builder().owner(o -> o.id(owner)).grants(
                Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(owner).build()).permission(Permission.FULL_CONTROL).build(),
                Grant.builder().grantee(Grantee.builder().type(Type.GROUP).uri(LOG_DELIVERY).build()).permission(Permission.WRITE).build(),
                Grant.builder().grantee(Grantee.builder().type(Type.GROUP).uri(LOG_DELIVERY).build()).permission(Permission.READ_ACP).build())
                .build();
        s3.putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(policy));
        assertThat(s3.getBucketAcl(b -> b.bucket(bucket)).grants()).extracting(g -> id(g.grantee()) + " " + g.permissionAsString())
                .containsExactlyInAnyOrder(owner + " FULL_CONTROL", LOG_DELIVERY + " WRITE", LOG_DELIVERY + " READ_ACP");

        s3.putBucketAcl(b -> b.bucket(bucket).grantRead("uri=\"" + ALL_USERS + "\"").grantFullControl("id=\"" + owner + "\""));
        assertThat(s3.getBucketAcl(b -> b.bucket(bucket)).grants()).extracting(g -> id(g.grantee()) + " " + g.permissionAsString())
                .containsExactlyInAnyOrder(owner + " FULL_CONTROL", ALL_USERS + " READ");
    }

    @Test
    void aclsAreRefusedWhenTheBucketOwnerIsEnforced() {
        String bucket = bucketName("acl-enforced");
        s3.createBucket(b -> b.bucket(bucket));
        assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)), "AccessControlListNotSupported", 400);
        // a private ACL is still accepted
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
    }

    @Test
    void createWithAPublicAclAndTheDefaultOwnershipIsRefused() {
        // creating with a public ACL and no ownership setting: the default (enforced) conflicts with it
        assertS3Error(() -> s3.createBucket(b -> b.bucket(bucketName("acl-conflict")).acl(BucketCannedACL.PUBLIC_READ)),
                "InvalidBucketAclWithObjectOwnership", 400);
    }

    @Test
    void versioningConfiguration() {
        String bucket = bucketName("ver");
        s3.createBucket(b -> b.bucket(bucket));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);
        assertS3Error(() -> s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Sometimes"))),
                "MalformedXML", 400);
    }

    private static String id(Grantee grantee) {
        return grantee.type() == Type.GROUP ? grantee.uri() : grantee.id();
    }

    @Test
    void theExpectedBucketOwnerHeaderRefusesAnotherAccountsBucket() {
        String bucket = S3Support.bucketName("owner");
        s3.createBucket(b -> b.bucket(bucket));
        s3.headBucket(b -> b.bucket(bucket).expectedBucketOwner("000000000000"));
        s3.putObject(b -> b.bucket(bucket).key("k").expectedBucketOwner("000000000000"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        S3Support.assertS3Status(() -> s3.headBucket(b -> b.bucket(bucket).expectedBucketOwner("111111111111")), 403);
        S3Support.assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("k2").expectedBucketOwner("111111111111"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("x")), "AccessDenied", 403);
        S3Support.assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(bucket)
                .destinationKey("k3").expectedSourceBucketOwner("111111111111")), "AccessDenied", 403);
    }
}
