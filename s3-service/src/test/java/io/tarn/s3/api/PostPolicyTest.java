package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The POST policy document, as "POST Policy" (S3 API reference, SigV4) and "HTML forms" (SigV2) describe it. */
class PostPolicyTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static PostPolicy policy(String conditions) {
        return PostPolicy.parse(base64("{\"expiration\": \"2030-01-01T12:00:00.000Z\", \"conditions\": [" + conditions + "]}"));
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> fields(String... nameValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            fields.put(nameValues[i], nameValues[i + 1]);
        }
        return fields;
    }

    private static void check(PostPolicy p, Map<String, String> fields) {
        p.check(fields, "johnsmith", NOW, PostFormAuth::exempt);
    }

    private static void assertDenied(PostPolicy p, Map<String, String> fields, String message) {
        assertThatThrownBy(() -> check(p, fields)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("AccessDenied");
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo("Invalid according to Policy: " + message);
        });
    }

    @Test
    void everyConditionTypeAcceptsAMatchingForm() {
        // AWS's own example, trailing comma included
        PostPolicy p = policy("{\"acl\": \"public-read\" }, {\"bucket\": \"johnsmith\" }, [\"starts-with\", \"$key\", \"user/eric/\"],"
                + " [\"eq\", \"$x-amz-meta-uuid\", \"14365123651274\"], [\"starts-with\", \"$Content-Type\", \"image/\"],"
                + " [\"starts-with\", \"$x-amz-meta-tag\", \"\"], [\"content-length-range\", 1, 10],");
        assertThatCode(() -> check(p, fields("acl", "public-read", "key", "user/eric/cat.jpg", "x-amz-meta-uuid", "14365123651274",
                "content-type", "image/jpeg,image/png", "x-amz-meta-tag", "anything", "policy", "...", "x-amz-signature", "...",
                "file", "", "x-ignore-flash", "1"))).doesNotThrowAnyException();
    }

    @Test
    void aFailedConditionIsShownAsS3ShowsIt() {
        PostPolicy p = policy("[\"starts-with\", \"$key\", \"user/eric/\"], {\"acl\": \"public-read\"}");
        assertDenied(p, fields("key", "user/bob/x", "acl", "public-read"), "Policy Condition failed: [\"starts-with\", \"$key\", \"user/eric/\"]");
        assertDenied(p, fields("key", "user/eric/x", "acl", "private"), "Policy Condition failed: [\"eq\", \"$acl\", \"public-read\"]");
        assertDenied(p, fields("key", "user/eric/x"), "Policy Condition failed: [\"eq\", \"$acl\", \"public-read\"]"); // missing field
        assertDenied(policy("{\"bucket\": \"other\"}"), fields(), "Policy Condition failed: [\"eq\", \"$bucket\", \"other\"]");
        // every type of a Content-Type list must have the prefix
        assertDenied(policy("[\"starts-with\", \"$Content-Type\", \"image/\"]"), fields("content-type", "image/jpeg,text/plain"),
                "Policy Condition failed: [\"starts-with\", \"$Content-Type\", \"image/\"]");
        // exact-match fields take no prefix condition; unreadable conditions fail as written
        assertDenied(policy("[\"starts-with\", \"$success_action_status\", \"\"]"), fields("success_action_status", "201"),
                "Policy Condition failed: [\"starts-with\", \"$success_action_status\", \"\"]");
        assertDenied(policy("[\"matches\", \"$key\", \"a\"]"), fields("key", "a"), "Policy Condition failed: [\"matches\", \"$key\", \"a\"]");
        assertDenied(policy("[\"eq\", \"key\", \"a\"]"), fields("key", "a"), "Policy Condition failed: [\"eq\", \"key\", \"a\"]");
    }

    @Test
    void everyFieldMustBeNamedByACondition() {
        PostPolicy p = policy("[\"starts-with\", \"$key\", \"\"]");
        assertDenied(p, fields("key", "k", "content-type", "text/plain"), "Extra input fields: content-type");
        assertDenied(p, fields("key", "k", "x-amz-meta-note", "n"), "Extra input fields: x-amz-meta-note");
        assertThatCode(() -> check(p, fields("key", "k", "awsaccesskeyid", "a", "signature", "s", "policy", "p")))
                .doesNotThrowAnyException();
    }

    @Test
    void anExpiredPolicyIsRefusedByTheEmulatorClock() {
        PostPolicy p = PostPolicy.parse(base64("{\"expiration\": \"2029-12-31T23:59:59Z\", \"conditions\": []}"));
        assertDenied(p, fields(), "Policy expired.");
        assertThatCode(() -> p.check(fields(), "b", Instant.parse("2029-12-31T23:59:59Z"), PostFormAuth::exempt))
                .doesNotThrowAnyException();
    }

    @Test
    void theContentLengthRangeBoundsTheFile() {
        PostPolicy p = policy("[\"content-length-range\", 10, \"20\"]");
        assertThat(p.maxLength()).isEqualTo(20);
        assertThatCode(() -> p.checkLength(10)).doesNotThrowAnyException();
        assertThatCode(() -> p.checkLength(20)).doesNotThrowAnyException();
        assertThatThrownBy(() -> p.checkLength(9)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("EntityTooSmall");
            assertThat(e.extra()).containsEntry("ProposedSize", "9").containsEntry("MinSizeAllowed", "10");
        });
        assertThatThrownBy(() -> p.checkLength(21)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("EntityTooLarge");
            assertThat(e.extra()).containsEntry("ProposedSize", "21").containsEntry("MaxSizeAllowed", "20");
        });
        assertThat(policy("").maxLength()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aDocumentThatIsNoPolicyIsInvalidPolicyDocument() {
        assertInvalid("not base64 !", "Invalid Policy: Invalid JSON.");
        assertInvalid(base64("{\"expiration\": "), "Invalid Policy: Invalid JSON.");
        assertInvalid(base64("{\"conditions\": []}"), "Invalid Policy: Policy missing expiration.");
        assertInvalid(base64("{\"expiration\": \"tomorrow\", \"conditions\": []}"), "Invalid Policy: Invalid 'expiration' value: 'tomorrow'");
        assertInvalid(base64("{\"expiration\": \"2030-01-01T00:00:00Z\"}"), "Invalid Policy: Policy missing conditions.");
        assertInvalid(base64("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [{\"a\": \"1\", \"b\": \"2\"}]}"),
                "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
    }

    private static void assertInvalid(String policy, String message) {
        assertThatThrownBy(() -> PostPolicy.parse(policy)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidPolicyDocument");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
