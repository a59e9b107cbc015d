package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Identities of the init file (strict auth): users whose identity policies decide what they may
 * do, a role assumed through the SDK's StsClient acting with its policies (narrowed by a session
 * policy, kept across a restart), cross-account access needing both the identity's and the
 * bucket's allow, and test/test unchanged.
 */
class S3IdentityPolicyIT {

    private static final String BUCKET = "identity-it";
    private static final String OTHER = "111111111111";
    private static final String READER_ARN = "arn:aws:iam::000000000000:role/reader";

    private static final String INIT = """
            users:
              - name: alice
                accessKeyId: AKIAALICE
                secretAccessKey: alice-secret
                policies:
                  read-reports: policies/read-reports.json
              - name: carol
                account: "111111111111"
                accessKeyId: AKIACAROL
                secretAccessKey: carol-secret
                policies:
                  read-anything: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["s3:GetObject", "sts:AssumeRole"], Resource: "*"}]}
              - name: erin
                account: "111111111111"
                accessKeyId: AKIAERIN
                secretAccessKey: erin-secret
                policies:
                  list-only: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:ListBucket", Resource: "*"}]}
            roles:
              - name: reader
                trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::000000000000:user/alice"}, Action: sts:AssumeRole}]}
                policies:
                  read-bucket: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::identity-it", "arn:aws:s3:::identity-it/*"]}]}
            """;

    @TempDir
    static Path dir;
    private static TarnProcess server;
    private static S3Client owner;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/read-reports.json"), """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "ReadReports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::identity-it/reports/*"}]}
                """);
        Files.writeString(dir.resolve("tarn.yaml"), INIT);
        server = TarnProcess.start(dir.resolve("data"), "--auth", "strict", "--config", dir.resolve("tarn.yaml").toString());
        owner = s3(AwsBasicCredentials.create("test", "test"));
        owner.createBucket(b -> b.bucket(BUCKET));
        owner.putObject(b -> b.bucket(BUCKET).key("reports/q1.csv"), RequestBody.fromString("q1"));
        owner.putObject(b -> b.bucket(BUCKET).key("private/salaries.csv"), RequestBody.fromString("secret"));
    }

    @AfterAll
    static void stop() {
        owner.close();
        server.close();
    }

    private static S3Client s3(AwsCredentials credentials) {
        return S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static String read(S3Client s3, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    }

    private static void denied(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static AwsSessionCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    @Test
    void aUserAllowedOnlyGetObjectOnOnePrefixReadsThereAndNothingElse() {
        try (S3Client alice = s3(AwsBasicCredentials.create("AKIAALICE", "alice-secret"));
                StsClient sts = sts(AwsBasicCredentials.create("AKIAALICE", "alice-secret"))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::000000000000:user/alice");
            assertThat(read(alice, "reports/q1.csv")).isEqualTo("q1");
            denied(() -> read(alice, "private/salaries.csv"), "User: arn:aws:iam::000000000000:user/alice is not authorized to perform:"
                    + " s3:GetObject on resource: \"arn:aws:s3:::identity-it/private/salaries.csv\" because no identity-based policy"
                    + " allows the s3:GetObject action");
            denied(() -> alice.putObject(b -> b.bucket(BUCKET).key("reports/q2.csv"), RequestBody.fromString("q2")),
                    "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: s3:PutObject on resource:"
                            + " \"arn:aws:s3:::identity-it/reports/q2.csv\" because no identity-based policy allows the s3:PutObject action");
            denied(alice::listBuckets, "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: s3:ListAllMyBuckets"
                    + " because no identity-based policy allows the s3:ListAllMyBuckets action");
            assertS3Error(() -> alice.createBucket(b -> b.bucket("alices-own")), "AccessDenied", 403);
        }
        // a wrong secret for her key is refused as any bad signature is
        try (S3Client forged = s3(AwsBasicCredentials.create("AKIAALICE", "guess"))) {
            assertS3Error(() -> read(forged, "reports/q1.csv"), "SignatureDoesNotMatch", 403);
        }
    }

    @Test
    void anAssumedRoleActsWithTheRolesPoliciesAndASessionPolicyNarrowsThem() {
        Credentials full;
        Credentials narrowed;
        try (StsClient sts = sts(AwsBasicCredentials.create("AKIAALICE", "alice-secret"))) {
            full = sts.assumeRole(b -> b.roleArn(READER_ARN).roleSessionName("full")).credentials();
            narrowed = sts.assumeRole(b -> b.roleArn(READER_ARN).roleSessionName("narrow").policy("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::identity-it/reports/*\"}]}"))
                    .credentials();
        }
        try (S3Client role = s3(session(full))) {
            assertThat(read(role, "private/salaries.csv")).isEqualTo("secret"); // more than alice herself may
            assertThat(role.listObjectsV2(b -> b.bucket(BUCKET)).keyCount()).isEqualTo(2);
            denied(() -> role.putObject(b -> b.bucket(BUCKET).key("reports/q2.csv"), RequestBody.fromString("q2")),
                    "User: arn:aws:sts::000000000000:assumed-role/reader/full is not authorized to perform: s3:PutObject on resource:"
                            + " \"arn:aws:s3:::identity-it/reports/q2.csv\" because no identity-based policy allows the s3:PutObject action");
        }
        String narrowDenial = "User: arn:aws:sts::000000000000:assumed-role/reader/narrow is not authorized to perform: s3:GetObject"
                + " on resource: \"arn:aws:s3:::identity-it/private/salaries.csv\" because no session policy allows the s3:GetObject action";
        try (S3Client role = s3(session(narrowed))) {
            assertThat(read(role, "reports/q1.csv")).isEqualTo("q1");
            denied(() -> read(role, "private/salaries.csv"), narrowDenial);
            // the session policy allows s3:* on reports/, the role does not allow PutObject
            assertS3Error(() -> role.putObject(b -> b.bucket(BUCKET).key("reports/q2.csv"), RequestBody.fromString("q2")),
                    "AccessDenied", 403);
        }
        server.restart(); // sessions, and their session policies, are in the store
        try (S3Client role = s3(session(narrowed))) {
            assertThat(read(role, "reports/q1.csv")).isEqualTo("q1");
            denied(() -> read(role, "private/salaries.csv"), narrowDenial);
        }
    }

    @Test
    void theTrustPolicyDecidesWhoMayAssumeTheRole() {
        for (AwsBasicCredentials who : List.of(AwsBasicCredentials.create("test", "test"),
                AwsBasicCredentials.create("AKIACAROL", "carol-secret"))) {
            try (StsClient sts = sts(who)) {
                String arn = sts.getCallerIdentity().arn();
                assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(READER_ARN).roleSessionName("s1")))
                        .isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage())
                                    .isEqualTo("User: " + arn + " is not authorized to perform: sts:AssumeRole on resource: " + READER_ARN);
                        });
            }
        }
        try (StsClient sts = sts(AwsBasicCredentials.create("AKIAALICE", "alice-secret"))) {
            assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(READER_ARN).roleSessionName("s1").policy("{\"Statement\":[]}")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("MalformedPolicyDocument"));
            assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(READER_ARN).roleSessionName("s1")
                    .policyArns(p -> p.arn("arn:aws:iam::aws:policy/ReadOnlyAccess"))))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(501));
        }
    }

    @Test
    void crossAccountAccessNeedsTheIdentitysAndTheBucketsAllow() {
        try (S3Client carol = s3(AwsBasicCredentials.create("AKIACAROL", "carol-secret"));
                S3Client erin = s3(AwsBasicCredentials.create("AKIAERIN", "erin-secret"))) {
            assertS3Error(() -> read(carol, "reports/q1.csv"), "AccessDenied", 403); // her policy allows, the bucket's does not
            owner.putBucketPolicy(b -> b.bucket(BUCKET).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Share\","
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + OTHER + "\"},\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::identity-it/reports/*\"}]}"));
            try {
                assertThat(read(carol, "reports/q1.csv")).isEqualTo("q1");
                assertS3Error(() -> read(erin, "reports/q1.csv"), "AccessDenied", 403); // the bucket allows, her policy does not
                try (S3Client otherRoot = s3(AwsBasicCredentials.create(OTHER, "test"))) {
                    assertThat(read(otherRoot, "reports/q1.csv")).isEqualTo("q1"); // an account root has no identity policies
                }
            } finally {
                owner.deleteBucketPolicy(b -> b.bucket(BUCKET));
            }
        }
    }

    @Test
    void aBucketPolicyGrantingTheAccountLeavesItsUsersToTheirOwnPolicies() {
        try (S3Client alice = s3(AwsBasicCredentials.create("AKIAALICE", "alice-secret"))) {
            owner.putBucketPolicy(b -> b.bucket(BUCKET).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Account\","
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"000000000000\"},\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::identity-it/private/*\"}]}"));
            try {
                assertS3Error(() -> read(alice, "private/salaries.csv"), "AccessDenied", 403); // her own policies do not allow it
                owner.putBucketPolicy(b -> b.bucket(BUCKET).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Alice\","
                        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/alice\"},"
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::identity-it/private/*\"}]}"));
                assertThat(read(alice, "private/salaries.csv")).isEqualTo("secret"); // a grant naming her is enough in her account
            } finally {
                owner.deleteBucketPolicy(b -> b.bucket(BUCKET));
            }
        }
    }

    @Test
    void testTestAndAccountKeysKeepWorkingAsBefore() {
        try (S3Client account = s3(AwsBasicCredentials.create("222222222222", "test"))) {
            owner.putObject(b -> b.bucket(BUCKET).key("owner/new.txt"), RequestBody.fromString("mine"));
            assertThat(read(owner, "owner/new.txt")).isEqualTo("mine");
            assertThat(owner.listBuckets().buckets()).anyMatch(b -> b.name().equals(BUCKET));
            owner.deleteObject(b -> b.bucket(BUCKET).key("owner/new.txt"));
            account.createBucket(b -> b.bucket("identity-it-account"));
            account.putObject(b -> b.bucket("identity-it-account").key("k"), RequestBody.fromString("v"));
            assertThat(account.getObjectAsBytes(b -> b.bucket("identity-it-account").key("k")).asUtf8String()).isEqualTo("v");
        }
    }

    @Test
    void boto3AssumesTheRoleAndActsWithItsPolicies() throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("identity_boto3_check.py"), server.endpoint().toString(), BUCKET), 180);
    }

    @Test
    void aMalformedIdentityPolicyStopsTheStartNamingTheIdentity() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, INIT.replace("Effect: Allow, Action: \"s3:ListBucket\"", "Effect: Permit, Action: \"s3:ListBucket\""));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                TarnProcess.serverJar().toString(), "--ephemeral", "--config", bad.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("tarn: init file: user erin, policy list-only: Invalid effect: Permit");
    }
}
