package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.it.AdminCalls;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code GET /_tarn/s3/access-log}: each authorization decision with its request id, principal,
 * action, resource, outcome and the statement that decided, filtered by bucket.
 */
@ExtendWith(TarnServerExtension.class)
class S3AccessLogIT {

    private static final String OTHER = "111111111111";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static S3Client s3;
    private static S3Client other;

    @BeforeAll
    static void clients(URI endpoint) {
        s3 = S3Support.client(endpoint);
        other = S3Support.client(endpoint, Region.US_EAST_1, OTHER);
    }

    @AfterAll
    static void close() {
        s3.close();
        other.close();
    }

    private static List<JsonNode> decisions(URI endpoint, String bucket) throws Exception {
        HttpResponse<String> r = AdminCalls.send(endpoint, "GET", "/_tarn/s3/access-log?bucket=" + bucket, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).get("decisions").forEach(out::add);
        return out;
    }

    @Test
    void theLogTellsWhichStatementAllowedOrDeniedEachRequest(URI endpoint) throws Exception {
        String bucket = bucketName("logged");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("shared/a.txt"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket(bucket).key("private/b.txt"), RequestBody.fromString("b"));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"ShareWithPartner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + OTHER + "\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + OTHER + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/private/*\"}]}"));
        String other2 = bucketName("unlogged");
        s3.createBucket(b -> b.bucket(other2));
        s3.putObject(b -> b.bucket(other2).key("x"), RequestBody.fromString("x"));

        ResponseBytes<GetObjectResponse> read = other.getObjectAsBytes(b -> b.bucket(bucket).key("shared/a.txt"));
        String allowedId = read.response().responseMetadata().requestId();
        assertS3Error(() -> other.getObjectAsBytes(b -> b.bucket(bucket).key("private/b.txt")), "AccessDenied", 403);
        assertS3Error(() -> other.listObjectsV2(b -> b.bucket(bucket)), "AccessDenied", 403);

        List<JsonNode> log = decisions(endpoint, bucket);
        assertThat(log).allSatisfy(d -> assertThat(d.get("bucket").asText()).isEqualTo(bucket));
        JsonNode allowed = log.stream().filter(d -> d.get("requestId").asText().equals(allowedId)).findFirst().orElseThrow();
        assertThat(allowed.get("principal").asText()).isEqualTo("arn:aws:iam::" + OTHER + ":root");
        assertThat(allowed.get("action").asText()).isEqualTo("s3:GetObject");
        assertThat(allowed.get("resource").asText()).isEqualTo("arn:aws:s3:::" + bucket + "/shared/a.txt");
        assertThat(allowed.get("allowed").asBoolean()).isTrue();
        assertThat(allowed.get("decision").asText()).isEqualTo("ALLOW");
        assertThat(allowed.get("policy").asText()).isEqualTo("bucket policy");
        assertThat(allowed.get("statement").asText()).isEqualTo("ShareWithPartner");
        assertThat(allowed.get("time").asText()).isNotEmpty();

        JsonNode denied = log.stream().filter(d -> d.get("action").asText().equals("s3:GetObject")
                && d.get("resource").asText().endsWith("/private/b.txt")).findFirst().orElseThrow();
        assertThat(denied.get("allowed").asBoolean()).isFalse();
        assertThat(denied.get("decision").asText()).isEqualTo("EXPLICIT_DENY");
        assertThat(denied.get("statement").asText()).isEqualTo("Statement[1]");

        JsonNode unlisted = log.stream().filter(d -> d.get("action").asText().equals("s3:ListBucket")).findFirst().orElseThrow();
        assertThat(unlisted.get("decision").asText()).isEqualTo("IMPLICIT_DENY");
        assertThat(unlisted.get("statement").isNull()).isTrue();

        // the owner's own requests are allowed by its account's standing, not by a statement
        JsonNode ownerPut = log.stream().filter(d -> d.get("action").asText().equals("s3:PutObject")).findFirst().orElseThrow();
        assertThat(ownerPut.get("principal").asText()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(ownerPut.get("allowed").asBoolean()).isTrue();
        assertThat(decisions(endpoint, other2)).isNotEmpty().noneMatch(d -> d.get("bucket").asText().equals(bucket));
    }

    @Test
    void onlyGetIsServed(URI endpoint) throws Exception {
        HttpResponse<String> r = AdminCalls.send(endpoint, "DELETE", "/_tarn/s3/access-log", null);
        assertThat(r.statusCode()).isEqualTo(405);
    }
}
