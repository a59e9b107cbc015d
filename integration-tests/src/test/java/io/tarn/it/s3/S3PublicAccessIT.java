package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.bucketName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

/**
 * ACLs and Block Public Access through the SDK v2, as S3 enforces them: a public-read object is
 * readable anonymously only once Block Public Access (on for every new bucket) is off;
 * AuthenticatedUsers means any signed account, not anonymous callers; BlockPublicPolicy refuses a
 * public policy and RestrictPublicBuckets keeps one to the owner's account; the account-level
 * setting through S3ControlClient; an anonymous browser POST where a policy grants public write.
 */
@ExtendWith(TarnServerExtension.class)
class S3PublicAccessIT {

    private static final String OWNER = "000000000000";
    private static final String OTHER = "111111111111";

    private static URI endpoint;
    private static S3Client s3;
    private static S3Client other;
    private static S3Client anonymous;
    private static S3ControlClient control;

    @BeforeAll
    static void clients(URI uri) {
        endpoint = uri;
        s3 = S3Support.client(endpoint);
        other = S3Support.client(endpoint, Region.US_EAST_1, OTHER);
        anonymous = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        control = control(endpoint);
    }

    /**
     * S3 Control puts the account id in front of the host ({@code 000000000000.localhost}): the
     * client resolves {@code *.localhost} to the loopback address, as browsers and systemd do.
     */
    static S3ControlClient control(URI endpoint) {
        return S3ControlClient.builder().endpointOverride(URI.create("http://localhost:" + endpoint.getPort()))
                .region(Region.US_EAST_1)
                .httpClientBuilder(ApacheHttpClient.builder().dnsResolver(host -> host.equals("localhost") || host.endsWith(".localhost")
                        ? new InetAddress[] {InetAddress.getLoopbackAddress()} : InetAddress.getAllByName(host)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @AfterAll
    static void close() {
        s3.close();
        other.close();
        anonymous.close();
        control.close();
    }

    private static String aclBucket(String prefix) {
        String bucket = bucketName(prefix);
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        return bucket;
    }

    private static void denied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertS3Error(call, "AccessDenied", 403);
    }

    @Test
    void newBucketsBlockAllPublicAccessUntilTheSettingIsDeleted() {
        String bucket = aclBucket("pab-defaults");
        PublicAccessBlockConfiguration settings = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        assertThat(List.of(settings.blockPublicAcls(), settings.ignorePublicAcls(), settings.blockPublicPolicy(),
                settings.restrictPublicBuckets())).containsOnly(true);
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getPublicAccessBlock(b -> b.bucket(bucket)), "NoSuchPublicAccessBlockConfiguration", 404);
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicPolicy(true)));
        settings = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        assertThat(settings.blockPublicPolicy()).isTrue();
        assertThat(settings.blockPublicAcls()).isFalse();
        // a new bucket with a public ACL fails: its settings are on from the start
        denied(() -> s3.createBucket(b -> b.bucket(bucketName("pab-create")).objectOwnership(ObjectOwnership.OBJECT_WRITER)
                .acl(BucketCannedACL.PUBLIC_READ)));
        assertThatThrownBy(() -> anonymous.getPublicAccessBlock(b -> b.bucket(bucket))).isInstanceOf(S3Exception.class);
    }

    @Test
    void anonymousReadsOfAPublicReadObjectOnlyWhenBlockPublicAccessIsOff() {
        String bucket = aclBucket("public-read");
        // BlockPublicAcls refuses the public ACL on the write itself
        denied(() -> s3.putObject(b -> b.bucket(bucket).key("page.html").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("hi")));
        s3.putObject(b -> b.bucket(bucket).key("page.html"), RequestBody.fromString("hi"));
        denied(() -> s3.putObjectAcl(b -> b.bucket(bucket).key("page.html").acl(ObjectCannedACL.PUBLIC_READ)));
        denied(() -> anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("page.html")));

        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putObjectAcl(b -> b.bucket(bucket).key("page.html").acl(ObjectCannedACL.PUBLIC_READ));
        assertThat(anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("page.html")).asUtf8String()).isEqualTo("hi");
        assertThat(anonymous.headObject(b -> b.bucket(bucket).key("page.html")).contentLength()).isEqualTo(2);
        // READ on the object is no right to list the bucket, nor to read the object's ACL
        denied(() -> anonymous.listObjectsV2(b -> b.bucket(bucket)));
        denied(() -> anonymous.getObjectAcl(b -> b.bucket(bucket).key("page.html")));

        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
        denied(() -> anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("page.html")));
    }

    @Test
    void authenticatedUsersAreAnySignedAccountButNotAnonymousCallers() {
        String bucket = aclBucket("authenticated");
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("shared").acl(ObjectCannedACL.AUTHENTICATED_READ), RequestBody.fromString("for members"));
        s3.putObject(b -> b.bucket(bucket).key("private"), RequestBody.fromString("mine"));
        assertThat(other.getObjectAsBytes(b -> b.bucket(bucket).key("shared")).asUtf8String()).isEqualTo("for members");
        denied(() -> anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("shared")));
        denied(() -> other.getObjectAsBytes(b -> b.bucket(bucket).key("private")));
    }

    @Test
    void aPublicReadWriteBucketTakesAnonymousUploadsWhichItsOwnerOwns() {
        String bucket = aclBucket("public-write");
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE));
        anonymous.putObject(b -> b.bucket(bucket).key("dropped"), RequestBody.fromString("from anyone"));
        assertThat(anonymous.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key()).containsExactly("dropped");
        String bucketOwner = s3.getBucketAcl(b -> b.bucket(bucket)).owner().id();
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("dropped")).owner().id()).isEqualTo(bucketOwner);
        anonymous.deleteObject(b -> b.bucket(bucket).key("dropped"));
    }

    @Test
    void aBucketAclGrantsWritesToAnotherAccountWhoseObjectsAreItsOwn() {
        String bucket = aclBucket("grant-write");
        denied(() -> other.putObject(b -> b.bucket(bucket).key("drop"), RequestBody.fromString("x")));
        // a grantee named by account id is that account's canonical user
        s3.putBucketAcl(b -> b.bucket(bucket).grantWrite("id=" + OTHER).grantFullControl("id=" + OWNER));
        other.putObject(b -> b.bucket(bucket).key("drop"), RequestBody.fromString("from the other account"));
        assertThat(s3.getBucketAcl(b -> b.bucket(bucket)).grants()).anySatisfy(g -> assertThat(g.permission().toString())
                .isEqualTo("WRITE"));
        // ObjectWriter: the writer owns the object; the bucket owner reads it only once its ACL says so
        denied(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("drop")));
        other.putObjectAcl(b -> b.bucket(bucket).key("drop").acl(ObjectCannedACL.BUCKET_OWNER_READ));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("drop")).asUtf8String()).isEqualTo("from the other account");
        s3.deleteObject(b -> b.bucket(bucket).key("drop")); // the bucket owner may always delete
    }

    @Test
    void aclsCountForNothingUnderBucketOwnerEnforced() {
        String bucket = bucketName("enforced");
        s3.createBucket(b -> b.bucket(bucket));
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)), "AccessControlListNotSupported", 400);
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        denied(() -> anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("k")));
    }

    private static String publicRead(String bucket) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
    }

    @Test
    void blockPublicPolicyRefusesAPublicPolicy() {
        String bucket = bucketName("block-policy");
        s3.createBucket(b -> b.bucket(bucket));
        assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicRead(bucket))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:root is not authorized to "
                            + "perform: s3:PutBucketPolicy on resource: \"arn:aws:s3:::" + bucket + "\" because public policies are "
                            + "blocked by the BlockPublicPolicy block public access setting");
                });
        // a policy naming an account is not public
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicRead(bucket).replace("\"*\"", "{\"AWS\":\"" + OTHER + "\"}")));
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicPolicy(false)));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicRead(bucket)));
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isTrue();
    }

    @Test
    void restrictPublicBucketsKeepsAPublicPolicyToTheOwnersAccount() {
        String bucket = bucketName("restrict");
        s3.createBucket(b -> b.bucket(bucket));
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("open"));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicRead(bucket)));
        assertThat(anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("open");
        assertThat(other.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("open");

        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
        denied(() -> anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("k")));
        denied(() -> other.getObjectAsBytes(b -> b.bucket(bucket).key("k")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("open");
    }

    @Test
    void theAccountSettingThroughS3ControlAppliesToEveryBucketOfTheAccount() {
        String bucket = bucketName("account-pab");
        s3.createBucket(b -> b.bucket(bucket));
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("open"));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicRead(bucket)));
        assertThat(anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("open");
        try {
            assertThatThrownBy(() -> control.getPublicAccessBlock(b -> b.accountId(OWNER)))
                    .isInstanceOfSatisfying(S3ControlException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchPublicAccessBlockConfiguration");
                    });
            control.putPublicAccessBlock(b -> b.accountId(OWNER).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)
                    .blockPublicPolicy(true)));
            var settings = control.getPublicAccessBlock(b -> b.accountId(OWNER)).publicAccessBlockConfiguration();
            assertThat(settings.restrictPublicBuckets()).isTrue();
            assertThat(settings.ignorePublicAcls()).isFalse();
            denied(() -> anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("k")));
            denied(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicRead(bucket))));
            // another account's settings are not this caller's
            assertThatThrownBy(() -> control.getPublicAccessBlock(b -> b.accountId(OTHER)))
                    .isInstanceOfSatisfying(S3ControlException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        } finally {
            control.deletePublicAccessBlock(b -> b.accountId(OWNER));
        }
        assertThat(anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("open");
        assertThatThrownBy(() -> control.listAccessPoints(b -> b.accountId(OWNER)))
                .isInstanceOfSatisfying(S3ControlException.class, e -> assertThat(e.statusCode()).isEqualTo(501));
    }

    @Test
    void anAnonymousBrowserPostUploadsWhereAPolicyGrantsPublicWrite() throws Exception {
        String bucket = bucketName("anon-post");
        s3.createBucket(b -> b.bucket(bucket));
        assertThat(post(bucket, "uploads/a.txt").statusCode()).isEqualTo(403);
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/uploads/*\"}]}"));
        HttpResponse<String> posted = post(bucket, "uploads/a.txt");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploads/a.txt")).asUtf8String()).isEqualTo("posted anonymously");
        HttpResponse<String> elsewhere = post(bucket, "private/a.txt");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.body()).contains("<Code>AccessDenied</Code>");
    }

    /** A form with no policy and no signature: what a page posts to a publicly writable bucket. */
    private static HttpResponse<String> post(String bucket, String key) throws Exception {
        String boundary = "----anonymousForm";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n" + key + "\r\n").getBytes(
                StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nposted anonymously\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/" + bucket))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void settingsAndAclsSurviveAKill(@TempDir Path dir) {
        try (TarnProcess tarn = TarnProcess.start(dir.resolve("data"))) {
            try (S3Client owner = S3Support.client(tarn.endpoint()); S3ControlClient account = control(tarn.endpoint())) {
                owner.createBucket(b -> b.bucket("durable-acl").objectOwnership(ObjectOwnership.OBJECT_WRITER));
                owner.putPublicAccessBlock(b -> b.bucket("durable-acl").publicAccessBlockConfiguration(c -> c.blockPublicPolicy(true)));
                owner.putObject(b -> b.bucket("durable-acl").key("k").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x"));
                account.putPublicAccessBlock(b -> b.accountId(OWNER).publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
            }
            tarn.kill(); // SIGKILL right after the acknowledged writes
            tarn.restart();
            try (S3Client owner = S3Support.client(tarn.endpoint()); S3ControlClient account = control(tarn.endpoint());
                    S3Client unsigned = S3Client.builder().endpointOverride(tarn.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                            .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
                var settings = owner.getPublicAccessBlock(b -> b.bucket("durable-acl")).publicAccessBlockConfiguration();
                assertThat(settings.blockPublicPolicy()).isTrue();
                assertThat(settings.blockPublicAcls()).isFalse();
                assertThat(account.getPublicAccessBlock(b -> b.accountId(OWNER)).publicAccessBlockConfiguration().ignorePublicAcls())
                        .isTrue();
                denied(() -> unsigned.getObjectAsBytes(b -> b.bucket("durable-acl").key("k"))); // the account ignores public ACLs
                account.deletePublicAccessBlock(b -> b.accountId(OWNER));
                assertThat(unsigned.getObjectAsBytes(b -> b.bucket("durable-acl").key("k")).asUtf8String()).isEqualTo("x");
            }
        }
    }

    @Test
    void boto3AndTheCliOpenABucketToAnonymousReads() throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("s3_public_access_boto3.py"), endpoint.toString()), 300);
    }
}
