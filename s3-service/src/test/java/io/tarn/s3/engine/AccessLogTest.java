package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.Decision;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.s3.engine.policy.AccessLog;
import io.tarn.s3.engine.policy.BucketPolicies;
import io.tarn.s3.engine.policy.PublicAccessBlocks;
import io.tarn.s3.engine.policy.S3Authorizer;
import io.tarn.s3.model.BucketMeta;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access log: each decision S3Authorizer makes, naming the statement that decided, bounded, per bucket. */
class AccessLogTest extends EngineFixture {

    private static final RequestPrincipal OTHER_ROOT = RequestPrincipal.of(OTHER, "arn:aws:iam::" + OTHER + ":root", null);

    private S3Authorizer authorizer;
    private BucketMeta logged;

    @BeforeEach
    void bucket() {
        buckets.create("logged", OWNER, "us-east-1", null, acl());
        buckets.create("quiet", OWNER, "us-east-1", null, acl());
        BucketPolicies policies = new BucketPolicies(keyspace, buckets);
        policies.put("logged", ("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadData\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + OTHER + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::logged/data/*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::logged/data/secret\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        authorizer = new S3Authorizer(policies, new PublicAccessBlocks(keyspace), true);
        logged = buckets.require("logged");
    }

    private void check(String requestId, BucketMeta bucket, String key) {
        try (AccessLog.Scope s = AccessLog.request(requestId, clock.instant())) {
            authorizer.check(OTHER_ROOT, bucket, "s3:GetObject", S3Authorizer.objectArn(bucket.name(), key), ContextKeys.EMPTY);
        } catch (AwsException e) {
            assertThat(e.code()).isEqualTo("AccessDenied");
        }
    }

    @Test
    void eachDecisionNamesItsRequestAndTheStatementThatDecided() {
        check("r-allow", logged, "data/a");
        check("r-deny", logged, "data/secret");
        check("r-none", logged, "other/b");

        List<AccessLog.Entry> entries = authorizer.accessLog().entries(null);
        assertThat(entries).extracting(AccessLog.Entry::requestId).containsExactly("r-allow", "r-deny", "r-none");
        AccessLog.Entry allowed = entries.get(0);
        assertThat(allowed.time()).isEqualTo(START);
        assertThat(allowed.principal()).isEqualTo("arn:aws:iam::" + OTHER + ":root");
        assertThat(allowed.action()).isEqualTo("s3:GetObject");
        assertThat(allowed.resource()).isEqualTo("arn:aws:s3:::logged/data/a");
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.policy()).isEqualTo("bucket policy");
        assertThat(allowed.statement()).isEqualTo("ReadData");
        AccessLog.Entry denied = entries.get(1);
        assertThat(denied.outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(denied.statement()).isEqualTo("Statement[1]"); // no Sid: its position
        AccessLog.Entry implicit = entries.get(2);
        assertThat(implicit.outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(implicit.statement()).isNull();
    }

    @Test
    void theOwnersAccountIsAllowedByItsStandingAndAnonymousBucketlessCallsAreLogged() {
        authorizer.check(RequestPrincipal.of(OWNER, "arn:aws:iam::" + OWNER + ":root", null), logged, "s3:ListBucket",
                S3Authorizer.bucketArn("logged"), ContextKeys.EMPTY);
        assertThatThrownBy(() -> authorizer.checkAccountAction(RequestPrincipal.anonymous(), "s3:ListAllMyBuckets"))
                .isInstanceOf(AwsException.class);

        List<AccessLog.Entry> entries = authorizer.accessLog().entries(null);
        assertThat(entries.get(0).allowed()).isTrue();
        assertThat(entries.get(0).policy()).isEqualTo("the account's root");
        assertThat(entries.get(0).requestId()).isNull(); // checked outside any request
        assertThat(entries.get(1).principal()).isEqualTo("anonymous");
        assertThat(entries.get(1).bucket()).isNull();
        assertThat(entries.get(1).allowed()).isFalse();
    }

    @Test
    void theLogKeepsTheLastDecisionsAndFiltersByBucket() {
        BucketMeta quiet = buckets.require("quiet");
        for (int i = 0; i < AccessLog.CAPACITY + 5; i++) {
            check("r" + i, i % 2 == 0 ? logged : quiet, "data/" + i);
        }
        List<AccessLog.Entry> all = authorizer.accessLog().entries(null);
        assertThat(all).hasSize(AccessLog.CAPACITY);
        assertThat(all.get(0).requestId()).isEqualTo("r5");
        assertThat(all.get(all.size() - 1).requestId()).isEqualTo("r" + (AccessLog.CAPACITY + 4));
        assertThat(authorizer.accessLog().entries("quiet")).hasSize(AccessLog.CAPACITY / 2)
                .allSatisfy(e -> assertThat(e.bucket()).isEqualTo("quiet"));
        authorizer.accessLog().clear();
        assertThat(authorizer.accessLog().entries(null)).isEmpty();
    }
}
