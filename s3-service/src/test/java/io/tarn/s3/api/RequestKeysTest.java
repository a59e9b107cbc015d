package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.time.EmulatorClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The context keys of an S3 request, computed as a policy reads them, with the names (in any case) IAM and S3 give them. */
class RequestKeysTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final EmulatorClock CLOCK = EmulatorClock.manual(Instant.parse("2026-12-06T10:11:12.345Z"));

    private static S3Call call(Map<String, String> query, Map<String, String> headers) {
        RequestContext ctx = new RequestContext("req-1", NS, Caller.root("test", NS.account()), "s3", CLOCK, null, true, "192.0.2.7");
        Map<String, List<String>> q = new LinkedHashMap<>();
        query.forEach((k, v) -> q.put(k, List.of(v)));
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new S3Call(new ServiceRequest(ctx, "PUT", "/bkt/k", q, h, new byte[0]), new S3Address("bkt", "k"));
    }

    @Test
    void globalAndS3KeysOfASignedPutWithTags() {
        S3Call put = call(Map.of("versionId", "v1"), Map.of("authorization", "AWS4-HMAC-SHA256 Credential=test/...",
                "x-amz-server-side-encryption", "aws:kms", "x-amz-tagging", "Project=Blue%20Sky&team=", "user-agent", "aws-cli/1.0"));
        ContextKeys keys = RequestKeys.of(put, RequestPrincipal.of(NS.account(), "arn:aws:iam::000000000000:user/alice", null), null)
                .put("s3:ExistingObjectTag/Kept", "yes").build();
        assertThat(keys.single("aws:CurrentTime")).isEqualTo("2026-12-06T10:11:12Z");
        assertThat(keys.single("aws:epochtime")).isEqualTo(Long.toString(Instant.parse("2026-12-06T10:11:12Z").getEpochSecond()));
        assertThat(keys.single("aws:SecureTransport")).isEqualTo("true");
        assertThat(keys.single("aws:SourceIp")).isEqualTo("192.0.2.7");
        assertThat(keys.single("aws:UserAgent")).isEqualTo("aws-cli/1.0");
        assertThat(keys.single("aws:Referer")).isNull();
        assertThat(keys.single("aws:PrincipalType")).isEqualTo("User");
        assertThat(keys.single("aws:username")).isEqualTo("alice");
        assertThat(keys.single("aws:PrincipalArn")).isEqualTo("arn:aws:iam::000000000000:user/alice");
        assertThat(keys.single("s3:authType")).isEqualTo("REST-HEADER");
        assertThat(keys.single("s3:signatureversion")).isEqualTo("AWS4-HMAC-SHA256");
        assertThat(keys.single("s3:x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(keys.single("s3:x-amz-acl")).isNull();
        assertThat(keys.single("s3:VersionId")).isEqualTo("v1");
        assertThat(keys.get("s3:RequestObjectTagKeys")).containsExactly("Project", "team");
        assertThat(keys.single("s3:RequestObjectTag/Project")).isEqualTo("Blue Sky");
        assertThat(keys.single("s3:requestobjecttag/project")).isNull(); // a tag key keeps its case
        assertThat(keys.get("s3:RequestObjectTag/team")).containsExactly(""); // a tag without a value has the empty one
        assertThat(keys.single("s3:ExistingObjectTag/Kept")).isEqualTo("yes");
        assertThat(keys.single("s3:ResourceAccount")).isNull();
        assertThat(keys.single("aws:NoSuchKey")).isNull();
    }

    @Test
    void anAnonymousPresignedlessRequestHasNoPrincipalOrSignatureKeys() {
        S3Call get = call(Map.of("prefix", "logs/", "max-keys", "5"), Map.of());
        ContextKeys keys = RequestKeys.of(get, RequestPrincipal.anonymous(), null).build();
        assertThat(keys.single("aws:PrincipalType")).isEqualTo("Anonymous");
        assertThat(keys.single("aws:userid")).isEqualTo("anonymous");
        assertThat(keys.single("aws:PrincipalArn")).isNull();
        assertThat(keys.single("s3:authType")).isNull();
        assertThat(keys.single("s3:prefix")).isEqualTo("logs/");
        assertThat(keys.single("s3:max-keys")).isEqualTo("5");
        assertThat(keys.get("s3:RequestObjectTagKeys")).isNull();

        S3Call presigned = call(Map.of("X-Amz-Signature", "abc"), Map.of());
        ContextKeys signed = RequestKeys.of(presigned, RequestPrincipal.of(NS.account(), "arn:aws:iam::000000000000:root", null), null)
                .build();
        assertThat(signed.single("s3:authType")).isEqualTo("REST-QUERY-STRING");
        assertThat(signed.single("s3:signatureversion")).isEqualTo("AWS4-HMAC-SHA256");
        assertThat(signed.single("aws:PrincipalType")).isEqualTo("Account");
        assertThat(signed.single("aws:username")).isNull();
    }
}
