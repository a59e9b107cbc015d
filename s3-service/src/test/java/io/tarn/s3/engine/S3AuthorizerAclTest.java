package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.s3.engine.policy.BucketPolicies;
import io.tarn.s3.engine.policy.PublicAccessBlocks;
import io.tarn.s3.engine.policy.S3Authorizer;
import io.tarn.s3.engine.policy.S3Authorizer.ObjectAccess;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.AccessControl.Grant;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.PublicAccessBlock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ACL evaluation and Block Public Access in S3's authorization, over a real store: which grantee
 * each grant covers, which actions bucket and object ACLs grant, that a policy's Deny still wins,
 * that ACLs count only where Object Ownership enables them, and each Block Public Access setting.
 */
class S3AuthorizerAclTest extends EngineFixture {

    private static final String OWNER_ID = "owner-canonical-id";
    private static final String OTHER_ID = "other-canonical-id";
    private static final RequestPrincipal OWNER_ROOT = RequestPrincipal.of(OWNER, "arn:aws:iam::" + OWNER + ":root", OWNER_ID);
    private static final RequestPrincipal OTHER_ROOT = RequestPrincipal.of(OTHER, "arn:aws:iam::" + OTHER + ":root", OTHER_ID);
    private static final RequestPrincipal ANONYMOUS = RequestPrincipal.anonymous();
    private static final String BUCKET_ARN = S3Authorizer.bucketArn("acl");
    private static final String OBJECT_ARN = S3Authorizer.objectArn("acl", "k");

    private BucketPolicies policies;
    private PublicAccessBlocks blocks;
    private S3Authorizer authorizer;

    @BeforeEach
    void aclBucket() {
        buckets.create("acl", OWNER, "us-east-1", "ObjectWriter", aclWith());
        authorizer();
    }

    private void authorizer() {
        policies = new BucketPolicies(keyspace, buckets);
        blocks = new PublicAccessBlocks(keyspace);
        authorizer = new S3Authorizer(policies, blocks, true);
    }

    private static AccessControl aclWith(Grant... extra) {
        List<Grant> grants = new ArrayList<>(List.of(new Grant("CanonicalUser", OWNER_ID, "FULL_CONTROL")));
        grants.addAll(List.of(extra));
        return new AccessControl(OWNER_ID, grants);
    }

    private static Grant group(String uri, String permission) {
        return new Grant("Group", uri, permission);
    }

    private BucketMeta current() {
        return buckets.require("acl");
    }

    private void bucketAcl(AccessControl acl) {
        buckets.update("acl", b -> b.withAcl(acl));
    }

    private void noBlock() {
        buckets.update("acl", b -> b.withPublicAccessBlock(null));
    }

    private boolean allowed(RequestPrincipal who, String action, String resource, ObjectAccess object) {
        try {
            return authorizer.check(who, current(), action, resource, ContextKeys.builder().build(), object).allowed();
        } catch (AwsException e) {
            assertThat(e.code()).isEqualTo("AccessDenied");
            return false;
        }
    }

    private boolean allowed(RequestPrincipal who, String action, String resource) {
        return allowed(who, action, resource, null);
    }

    private void policy(String principal, String action, String resource) {
        policies.put("acl", ("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}]}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void newBucketsHaveEveryBlockPublicAccessSettingOn() {
        assertThat(current().publicAccessBlock()).isEqualTo(PublicAccessBlock.ALL);
    }

    @Test
    void objectAclReadGrantToAllUsersLetsAnyoneReadUnlessPublicAclsAreIgnored() {
        noBlock();
        ObjectAccess publicRead = new ObjectAccess(OWNER, aclWith(group(AccessControl.ALL_USERS, "READ")));
        assertThat(allowed(ANONYMOUS, "s3:GetObject", OBJECT_ARN, publicRead)).isTrue();
        assertThat(allowed(OTHER_ROOT, "s3:GetObjectVersion", OBJECT_ARN, publicRead)).isTrue();
        // READ is the object's data, not its ACL, and the bucket's ACL does not list it
        assertThat(allowed(ANONYMOUS, "s3:GetObjectAcl", OBJECT_ARN, publicRead)).isFalse();
        assertThat(allowed(ANONYMOUS, "s3:ListBucket", BUCKET_ARN)).isFalse();
        assertThat(allowed(ANONYMOUS, "s3:GetObject", OBJECT_ARN, new ObjectAccess(OWNER, aclWith()))).isFalse();

        blocks.putAccount(OWNER, new PublicAccessBlock(false, true, false, false));
        assertThat(allowed(ANONYMOUS, "s3:GetObject", OBJECT_ARN, publicRead)).isFalse();
        reopen(); // the account's settings are durable
        authorizer();
        assertThat(blocks.account(OWNER).ignorePublicAcls()).isTrue();
        assertThat(allowed(ANONYMOUS, "s3:GetObject", OBJECT_ARN, publicRead)).isFalse();
        blocks.deleteAccount(OWNER);
        assertThat(allowed(ANONYMOUS, "s3:GetObject", OBJECT_ARN, publicRead)).isTrue();
    }

    @Test
    void newBucketsIgnoreTheirPublicAcls() {
        ObjectAccess publicRead = new ObjectAccess(OWNER, aclWith(group(AccessControl.ALL_USERS, "READ")));
        assertThat(allowed(ANONYMOUS, "s3:GetObject", OBJECT_ARN, publicRead)).isFalse();
    }

    @Test
    void authenticatedUsersAreSignedCallersOfAnyAccountNotAnonymousOnes() {
        noBlock();
        bucketAcl(aclWith(group(AccessControl.AUTHENTICATED_USERS, "READ")));
        assertThat(allowed(OTHER_ROOT, "s3:ListBucket", BUCKET_ARN)).isTrue();
        assertThat(allowed(OTHER_ROOT, "s3:ListBucketVersions", BUCKET_ARN)).isTrue();
        assertThat(allowed(ANONYMOUS, "s3:ListBucket", BUCKET_ARN)).isFalse();
        assertThat(allowed(OTHER_ROOT, "s3:PutObject", OBJECT_ARN)).isFalse();
    }

    @Test
    void bucketAclGrantsToACanonicalUser() {
        bucketAcl(aclWith(new Grant("CanonicalUser", OTHER_ID, "WRITE"), new Grant("CanonicalUser", OTHER_ID, "READ_ACP")));
        assertThat(allowed(OTHER_ROOT, "s3:PutObject", OBJECT_ARN)).isTrue();
        assertThat(allowed(OTHER_ROOT, "s3:DeleteObject", OBJECT_ARN)).isTrue();
        assertThat(allowed(OTHER_ROOT, "s3:GetBucketAcl", BUCKET_ARN)).isTrue();
        assertThat(allowed(OTHER_ROOT, "s3:PutBucketAcl", BUCKET_ARN)).isFalse();
        assertThat(allowed(OTHER_ROOT, "s3:ListBucket", BUCKET_ARN)).isFalse();
        assertThat(allowed(ANONYMOUS, "s3:PutObject", OBJECT_ARN)).isFalse();
        bucketAcl(aclWith(new Grant("CanonicalUser", OTHER_ID, "FULL_CONTROL")));
        assertThat(allowed(OTHER_ROOT, "s3:PutBucketAcl", BUCKET_ARN)).isTrue();
        assertThat(allowed(OTHER_ROOT, "s3:ListBucketMultipartUploads", BUCKET_ARN)).isTrue();
        assertThat(allowed(OTHER_ROOT, "s3:PutBucketTagging", BUCKET_ARN)).isFalse(); // no ACL permission maps to it
    }

    @Test
    void aclsCountForNothingUnderBucketOwnerEnforced() {
        buckets.update("acl", b -> b.withObjectOwnership("BucketOwnerEnforced").withAcl(aclWith(new Grant("CanonicalUser", OTHER_ID,
                "FULL_CONTROL"))).withPublicAccessBlock(null));
        assertThat(allowed(OTHER_ROOT, "s3:PutObject", OBJECT_ARN)).isFalse();
        assertThat(allowed(OTHER_ROOT, "s3:GetObject", OBJECT_ARN,
                new ObjectAccess(OWNER, aclWith(new Grant("CanonicalUser", OTHER_ID, "READ"))))).isFalse();
    }

    @Test
    void aPolicyDenyWinsOverAnAclAllow() {
        noBlock();
        bucketAcl(aclWith(new Grant("CanonicalUser", OTHER_ID, "WRITE")));
        policies.put("acl", ("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + OTHER
                + "\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::acl/*\"}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(allowed(OTHER_ROOT, "s3:PutObject", OBJECT_ARN)).isFalse();
    }

    @Test
    void anObjectAnotherAccountWroteIsItsOwnersUntilItsAclGrantsTheBucketOwner() {
        ObjectAccess theirs = new ObjectAccess(OTHER, new AccessControl(OTHER_ID, List.of(new Grant("CanonicalUser", OTHER_ID,
                "FULL_CONTROL"))));
        assertThat(allowed(OWNER_ROOT, "s3:GetObject", OBJECT_ARN, theirs)).isFalse();
        assertThat(allowed(OTHER_ROOT, "s3:GetObject", OBJECT_ARN, theirs)).isTrue();
        assertThat(allowed(OWNER_ROOT, "s3:DeleteObject", OBJECT_ARN, theirs)).isTrue(); // the bucket owner may still delete it
        ObjectAccess shared = new ObjectAccess(OTHER, new AccessControl(OTHER_ID, List.of(new Grant("CanonicalUser", OTHER_ID,
                "FULL_CONTROL"), new Grant("CanonicalUser", OWNER_ID, "FULL_CONTROL"))));
        assertThat(allowed(OWNER_ROOT, "s3:GetObject", OBJECT_ARN, shared)).isTrue();
    }

    @Test
    void restrictPublicBucketsKeepsAPublicPolicyToTheOwnersAccount() {
        noBlock();
        policy("\"*\"", "s3:GetObject", "arn:aws:s3:::acl/*");
        assertThat(allowed(ANONYMOUS, "s3:GetObject", OBJECT_ARN)).isTrue();
        assertThat(allowed(OTHER_ROOT, "s3:GetObject", OBJECT_ARN)).isTrue();
        buckets.update("acl", b -> b.withPublicAccessBlock(new PublicAccessBlock(false, false, false, true)));
        assertThat(allowed(ANONYMOUS, "s3:GetObject", OBJECT_ARN)).isFalse();
        assertThat(allowed(OTHER_ROOT, "s3:GetObject", OBJECT_ARN)).isFalse();
        assertThat(allowed(OWNER_ROOT, "s3:GetObject", OBJECT_ARN)).isTrue();
        // a policy that is not public keeps its cross-account grant
        policy("{\"AWS\":\"" + OTHER + "\"}", "s3:GetObject", "arn:aws:s3:::acl/*");
        assertThat(allowed(OTHER_ROOT, "s3:GetObject", OBJECT_ARN)).isTrue();
    }

    @Test
    void blockPublicPolicyRefusesOnlyPublicPolicies() {
        var open = BucketPolicies.compile("acl", ("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acl/*\"}]}").getBytes(StandardCharsets.UTF_8));
        var narrow = BucketPolicies.compile("acl", ("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"" + OTHER + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acl/*\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> authorizer.checkPolicyWrite(OWNER_ROOT, current(), open)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("AccessDenied");
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo("User: arn:aws:iam::000000000000:root is not authorized to perform: s3:PutBucketPolicy"
                    + " on resource: \"arn:aws:s3:::acl\" because public policies are blocked by the BlockPublicPolicy block public"
                    + " access setting");
        });
        authorizer.checkPolicyWrite(OWNER_ROOT, current(), narrow);
        noBlock();
        authorizer.checkPolicyWrite(OWNER_ROOT, current(), open);
        blocks.putAccount(OWNER, new PublicAccessBlock(false, false, true, false)); // the account's setting applies to its buckets
        assertThatThrownBy(() -> authorizer.checkPolicyWrite(OWNER_ROOT, current(), open)).isInstanceOf(AwsException.class);
    }

    @Test
    void blockPublicAclsRefusesPublicGrants() {
        AccessControl publicRead = aclWith(group(AccessControl.ALL_USERS, "READ"));
        AccessControl authenticated = aclWith(group(AccessControl.AUTHENTICATED_USERS, "WRITE"));
        assertThatThrownBy(() -> authorizer.checkAclWrite(OWNER_ROOT, current(), OWNER, publicRead, "s3:PutObject", OBJECT_ARN))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> authorizer.checkAclWrite(OWNER_ROOT, current(), OWNER, authenticated, "s3:PutBucketAcl", BUCKET_ARN))
                .isInstanceOf(AwsException.class);
        authorizer.checkAclWrite(OWNER_ROOT, current(), OWNER, aclWith(new Grant("CanonicalUser", OTHER_ID, "READ")), "s3:PutObject",
                OBJECT_ARN);
        noBlock();
        authorizer.checkAclWrite(OWNER_ROOT, current(), OWNER, publicRead, "s3:PutObject", OBJECT_ARN);
        // CreateBucket (no bucket yet): the new bucket's settings are all on
        assertThatThrownBy(() -> authorizer.checkAclWrite(OWNER_ROOT, null, OWNER, publicRead, "s3:CreateBucket", BUCKET_ARN))
                .isInstanceOf(AwsException.class);
    }
}
