package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.bucketName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Bucket policies through the SDK v2: S3's validation, GetBucketPolicyStatus, and enforcement
 * (on by default): another account (access key 111111111111) and anonymous callers get only what
 * a policy grants, and a Deny binds the bucket owner too.
 */
@ExtendWith(TarnServerExtension.class)
class S3BucketPolicyIT {

    private static final String OTHER = "111111111111";

    private static S3Client s3;
    private static S3Client other;
    private static S3Client anonymous;
    private String bucket;

    @BeforeAll
    static void clients(URI endpoint) {
        s3 = S3Support.client(endpoint);
        other = S3Support.client(endpoint, Region.US_EAST_1, OTHER);
        anonymous = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    @AfterAll
    static void close() {
        s3.close();
        other.close();
        anonymous.close();
    }

    @BeforeEach
    void bucket() {
        bucket = bucketName("policy");
        s3.createBucket(b -> b.bucket(bucket));
        // a new bucket blocks public policies (S3PublicAccessIT): these tests put public ones
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("data/a.txt"), RequestBody.fromString("hello"));
    }

    private String policy(String effect, String principal, String action, String resource, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S1\",\"Effect\":\"" + effect + "\",\"Principal\":" + principal
                + ",\"Action\":\"" + action + "\",\"Resource\":\"" + resource.replace("$B", bucket) + "\""
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    private void put(String policy) {
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
    }

    private void malformed(String policy, String message) {
        assertThatThrownBy(() -> put(policy)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicy");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void malformedPolicies() {
        malformed("not json", "Policies must be valid JSON and the first byte must be '{'");
        malformed("{\"Statement\":", "This policy contains invalid Json");
        malformed("{}", "Missing required field Statement");
        malformed(policy("Allow", "\"*\"", "s3:GetObject", "arn:aws:s3:::another-bucket/*", null), "Policy has invalid resource");
        malformed(policy("Allow", "{\"AWS\":\"alice\"}", "s3:GetObject", "arn:aws:s3:::$B/*", null), "Invalid principal in policy");
        malformed(policy("Allow", "\"*\"", "s3:GetObject", "arn:aws:s3:::$B", null), "Action does not apply to any resource(s) in statement");
        malformed(policy("Allow", "\"*\"", "s3:PutObjectLockConfiguration", "arn:aws:s3:::$B", null), "Policy has invalid action");
        malformed(policy("Allow", "\"*\"", "s3:GetObject", "arn:aws:s3:::$B/*", "{\"StringEqualz\":{\"aws:UserAgent\":\"x\"}}"),
                "Invalid Condition type : StringEqualz");
        malformed("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\",\"Extra\":1}]}", "Unknown field Extra");
        assertS3Error(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), "NoSuchBucketPolicy", 404);
    }

    @Test
    void putGetDeleteAndStatus() {
        assertS3Error(() -> s3.getBucketPolicyStatus(b -> b.bucket(bucket)), "NoSuchBucketPolicy", 404);
        String publicRead = policy("Allow", "\"*\"", "s3:GetObject", "arn:aws:s3:::$B/*", null);
        put(publicRead);
        assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).isEqualTo(publicRead);
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isTrue();
        put(policy("Allow", "\"*\"", "s3:GetObject", "arn:aws:s3:::$B/*", "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/32\"}}"));
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isFalse();
        put(policy("Allow", "{\"AWS\":\"" + OTHER + "\"}", "s3:GetObject", "arn:aws:s3:::$B/*", null));
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isFalse();
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertS3Error(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), "NoSuchBucketPolicy", 404);
        s3.deleteBucketPolicy(b -> b.bucket(bucket)); // 204 again
    }

    @Test
    void getBucketPolicyAnswersTheDocumentNormalizedAsS3Does() {
        put("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"S1\", \"Effect\": \"Allow\",\n"
                + "    \"Principal\": {\"AWS\": \"" + OTHER + "\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::" + bucket
                + "/*\"}]\n}\n");
        assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Sid\":\"S1\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}");
    }

    @Test
    void denyUnencryptedUploads() {
        put(policy("Deny", "\"*\"", "s3:PutObject", "arn:aws:s3:::$B/*", "{\"Null\":{\"s3:x-amz-server-side-encryption\":\"true\"}}"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:root is not authorized "
                            + "to perform: s3:PutObject on resource: \"arn:aws:s3:::" + bucket + "/plain\" with an explicit deny in a "
                            + "resource-based policy");
                });
        s3.putObject(b -> b.bucket(bucket).key("encrypted").serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("x"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("encrypted")).asUtf8String()).isEqualTo("x");
        // the owner's root keeps its bucket policy, whatever it says
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("x"));
    }

    @Test
    void aSecureTransportDenyRefusesPlainHttp() {
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        // the usual "HTTPS only" policy: this server speaks plain HTTP, so it denies; S3SseCIT runs over --tls
        put(policy("Deny", "\"*\"", "s3:GetObject", "arn:aws:s3:::$B/*", "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}"));
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")), "AccessDenied", 403);
        put(policy("Deny", "\"*\"", "s3:GetObject", "arn:aws:s3:::$B/*", "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("x");
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
    }

    @Test
    void aSourceIpConditionSeesTheClientsAddress() {
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        String local = "{\"aws:SourceIp\":[\"127.0.0.0/8\",\"::1/128\"]}";
        put(policy("Deny", "\"*\"", "s3:GetObject", "arn:aws:s3:::$B/*", "{\"IpAddress\":" + local + "}"));
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")), "AccessDenied", 403);
        put(policy("Deny", "\"*\"", "s3:GetObject", "arn:aws:s3:::$B/*", "{\"NotIpAddress\":" + local + "}"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("x");
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
    }

    @Test
    void crossAccountReadAllowedByPolicyAndRefusedWithout() {
        assertS3Error(() -> other.getObject(b -> b.bucket(bucket).key("data/a.txt")), "AccessDenied", 403);
        put(policy("Allow", "{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"}", "s3:GetObject", "arn:aws:s3:::$B/data/*", null));
        assertThat(other.getObjectAsBytes(b -> b.bucket(bucket).key("data/a.txt")).asUtf8String()).isEqualTo("hello");
        assertS3Error(() -> other.listObjectsV2(b -> b.bucket(bucket)), "AccessDenied", 403);
        assertS3Error(() -> other.putObject(b -> b.bucket(bucket).key("data/b.txt"), RequestBody.fromString("no")), "AccessDenied", 403);
        // another account may not change the policy even when the policy allows it: 405, as S3 answers
        put("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + OTHER + "\"},"
                + "\"Action\":[\"s3:GetBucketPolicy\",\"s3:DeleteObject\"],\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::"
                + bucket + "/data/*\"]}]}");
        assertS3Error(() -> other.getBucketPolicy(b -> b.bucket(bucket)), "MethodNotAllowed", 405);
        // DeleteObjects reports each refused key
        s3.putObject(b -> b.bucket(bucket).key("private/c.txt"), RequestBody.fromString("c"));
        DeleteObjectsResponse deleted = other.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                o -> o.key("data/a.txt"), o -> o.key("private/c.txt"))));
        assertThat(deleted.deleted()).extracting(d -> d.key()).isEqualTo(List.of("data/a.txt"));
        assertThat(deleted.errors()).extracting(e -> e.key() + " " + e.code()).isEqualTo(List.of("private/c.txt AccessDenied"));
    }

    @Test
    void anonymousReadsOnlyWhatAPolicyMakesPublic() {
        assertS3Error(() -> anonymous.getObject(b -> b.bucket(bucket).key("data/a.txt")), "AccessDenied", 403);
        assertS3Error(() -> anonymous.listBuckets(), "AccessDenied", 403);
        put(policy("Allow", "\"*\"", "s3:GetObject", "arn:aws:s3:::$B/data/*", null));
        assertThat(anonymous.getObjectAsBytes(b -> b.bucket(bucket).key("data/a.txt")).asUtf8String()).isEqualTo("hello");
        assertS3Error(() -> anonymous.putObject(b -> b.bucket(bucket).key("data/x"), RequestBody.fromString("x")), "AccessDenied", 403);
        // a missing key is 403 to a caller that may not list the bucket, as in S3
        assertS3Error(() -> anonymous.getObject(b -> b.bucket(bucket).key("data/missing")), "AccessDenied", 403);
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("data/missing")), "NoSuchKey", 404);
    }
}
