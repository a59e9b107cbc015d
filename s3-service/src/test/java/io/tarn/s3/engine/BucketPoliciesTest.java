package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.iam.AccessRequest;
import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.s3.engine.policy.BucketPolicies;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bucket policies: S3's validation on top of the engine's, durable storage, the compiled cache. */
class BucketPoliciesTest extends EngineFixture {

    private BucketPolicies policies;

    @BeforeEach
    void bucket() {
        buckets.create("pol", OWNER, "us-east-1", null, acl());
        policies = new BucketPolicies(keyspace, buckets);
    }

    private static String statement(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + OTHER + "\"},"
                + "\"Action\":" + action + ",\"Resource\":" + resource + "}]}";
    }

    private void refused(String document, String message) {
        assertThatThrownBy(() -> policies.put("pol", document.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("MalformedPolicy");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private void put(String document) {
        policies.put("pol", document.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void resourcesMustBeThisBucketOrItsObjects() {
        refused(statement("\"s3:GetObject\"", "\"arn:aws:s3:::other/*\""), "Policy has invalid resource");
        refused(statement("\"s3:GetObject\"", "\"*\""), "Policy has invalid resource");
        refused(statement("\"s3:GetObject\"", "\"arn:aws:sqs:::pol/*\""), "Policy has invalid resource");
        put(statement("\"s3:GetObject\"", "\"arn:aws:s3:::pol/*\""));
        put(statement("\"s3:GetObject\"", "[\"arn:aws:s3:::*/*\",\"arn:aws:s3:::p?l\"]"));
    }

    @Test
    void actionsMustBeS3sAndApplyToAResource() {
        refused(statement("\"s3:PutObjectLockConfiguration\"", "\"arn:aws:s3:::pol\""), "Policy has invalid action");
        refused(statement("\"sqs:SendMessage\"", "\"arn:aws:s3:::pol\""), "Policy has invalid action");
        refused(statement("\"s3:Nothing*\"", "\"arn:aws:s3:::pol\""), "Policy has invalid action");
        refused(statement("[\"s3:GetObject\",\"s3:ListBucket\"]", "\"arn:aws:s3:::pol/x/*\""),
                "Action does not apply to any resource(s) in statement");
        refused(statement("\"s3:PutObject\"", "\"arn:aws:s3:::pol\""), "Action does not apply to any resource(s) in statement");
        refused(statement("\"s3:ListAllMyBuckets\"", "\"arn:aws:s3:::pol\""), "Action does not apply to any resource(s) in statement");
        put(statement("\"s3:*\"", "\"arn:aws:s3:::pol/*\""));
        put(statement("\"*\"", "\"arn:aws:s3:::pol\""));
        put(statement("[\"s3:getobject\",\"s3:ListBucket\"]", "[\"arn:aws:s3:::pol\",\"arn:aws:s3:::pol/*\"]"));
        put(statement("\"s3:Get*\"", "\"arn:aws:s3:::pol\""));
    }

    @Test
    void conditionKeysMustBeGlobalOrS3s() {
        String base = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::pol/*\",\"Condition\":";
        refused(base + "{\"StringEquals\":{\"s3:VersionStatus\":\"x\"}}}}", "Policy has an invalid condition key");
        refused(base + "{\"StringEquals\":{\"kms:ViaService\":\"x\"}}}}", "Policy has an invalid condition key");
        put(base + "{\"Null\":{\"s3:x-amz-server-side-encryption\":\"true\"},\"StringEquals\":{\"s3:RequestObjectTag/Team\":\"a\","
                + "\"aws:SourceVpc\":\"v\"}}}}");
    }

    @Test
    void storedDurablyAndDeleted() {
        String doc = statement("\"s3:GetObject\"", "\"arn:aws:s3:::pol/*\"");
        assertAws(() -> policies.document("pol"), "NoSuchBucketPolicy", 404);
        assertAws(() -> policies.isPublic("pol"), "NoSuchBucketPolicy", 404);
        assertAws(() -> policies.document("nobucket"), "NoSuchBucket", 404);
        put(doc);
        reopen();
        policies = new BucketPolicies(keyspace, buckets);
        // stored as S3 returns it: the account id of the principal written as its root ARN
        assertThat(policies.document("pol")).isEqualTo(doc.replace("\"" + OTHER + "\"", "\"arn:aws:iam::" + OTHER + ":root\""));
        assertThat(policies.isPublic("pol")).isFalse();
        policies.delete("pol");
        assertAws(() -> policies.document("pol"), "NoSuchBucketPolicy", 404);
        assertThat(policies.policy(buckets.require("pol"))).isNull();
        policies.delete("pol"); // deleting none is fine, as S3 answers 204 again
    }

    @Test
    void theDocumentIsReturnedNormalizedAsS3ReturnsIt() {
        put("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Partners\",\n"
                + "      \"Effect\": \"Allow\",\n      \"Principal\": {\"AWS\": [\"" + OTHER + "\", \"arn:aws:iam::222222222222:user/bob\"]},\n"
                + "      \"Action\": [\"s3:GetObject\"],\n      \"Resource\": \"arn:aws:s3:::pol/*\",\n"
                + "      \"Condition\": {\"NumericLessThanEquals\": {\"s3:max-keys\": 10}}\n    },\n"
                + "    {\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\": \"333333333333\"}, \"Action\": \"s3:DeleteObject\","
                + " \"Resource\": \"arn:aws:s3:::pol/*\"}\n  ]\n}\n");
        assertThat(policies.document("pol")).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Partners\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::" + OTHER + ":root\",\"arn:aws:iam::222222222222:user/bob\"]},"
                + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::pol/*\","
                + "\"Condition\":{\"NumericLessThanEquals\":{\"s3:max-keys\":10}}},"
                + "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::333333333333:root\"},\"Action\":\"s3:DeleteObject\","
                + "\"Resource\":\"arn:aws:s3:::pol/*\"}]}");
        put("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::pol/*\"}}");
        assertThat(policies.document("pol"))
                .isEqualTo("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::pol/*\"}}");
    }

    @Test
    void publicStatus() {
        put("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::pol/*\"}}");
        assertThat(policies.isPublic("pol")).isTrue();
        put("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::pol/*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/16\"}}}}");
        assertThat(policies.isPublic("pol")).isFalse();
    }

    @Test
    void aBucketMadeAgainStartsWithoutThePolicy() {
        put(statement("\"s3:GetObject\"", "\"arn:aws:s3:::pol/*\""));
        RequestPrincipal other = RequestPrincipal.of(OTHER, "arn:aws:iam::" + OTHER + ":root", null);
        AccessRequest read = new AccessRequest(other, "s3:GetObject", "arn:aws:s3:::pol/k", ContextKeys.EMPTY);
        assertThat(policies.policy(buckets.require("pol")).evaluate(read, "bucket policy").allowed()).isTrue();
        buckets.delete("pol", uploads);
        buckets.create("pol", OWNER, "us-east-1", null, acl()); // same instant: the manual clock stands still
        assertThat(policies.policy(buckets.require("pol"))).isNull();
        assertAws(() -> policies.document("pol"), "NoSuchBucketPolicy", 404);
    }
}
