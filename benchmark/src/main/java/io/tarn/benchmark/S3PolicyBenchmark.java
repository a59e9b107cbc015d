package io.tarn.benchmark;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * What S3's access control costs a 4 KiB GET: the same load as {@code s3}'s small GETs (16
 * keep-alive connections, closed loop), every request signed with SigV4 and verified
 * ({@code --auth strict}), three ways: access control off; on, on a bucket without a policy; on,
 * on a bucket with a 20-statement policy that the owner's GETs must walk through (none of its
 * Denies applies to them). The three are measured in interleaved rounds, since this machine's
 * speed drifts from one minute to the next; the server's CPU per GET is the steadier figure.
 */
@Command(name = "s3-policy", description = "4 KiB GETs: access control off, on without a bucket policy, on with a 20-statement policy.")
final class S3PolicyBenchmark implements Callable<Integer> {

    private static final String ACCOUNT = "000000000000"; // the default account of the access key "test"

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar to start.")
    Path jar;

    @Option(names = "--connections", defaultValue = "16", description = "Client connections (as the s3 benchmark's small GETs).")
    int connections;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds per measurement.")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "20",
            description = "Seconds of warm-up of each case before the first round (10 left the JIT compiling into round 2).")
    double warmupSeconds;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds of the three cases, interleaved.")
    int rounds;

    @Option(names = "--keys", defaultValue = "1000", description = "4 KiB objects in each bucket.")
    int keys;

    @Option(names = "--auth", defaultValue = "strict", description = "Server auth mode: strict verifies each signature, lenient reads it only.")
    String auth;

    @Option(names = "--jvm-arg", description = "Extra JVM argument for the servers (repeatable).")
    List<String> jvmArgs = new ArrayList<>();

    /** One of the three cases: a server, a bucket on it, and the server's CPU per GET. */
    private record Case(String name, ServerUnderTest server, String bucket) {}

    @Override
    public Integer call() throws Exception {
        Path offDir = Files.createTempDirectory("tarn-s3policy-off-");
        Path onDir = Files.createTempDirectory("tarn-s3policy-on-");
        Signer signer = new Signer();
        System.out.printf("SigV4 signing in this client: %.1f us a request with the AWS SDK v2's AwsV4HttpSigner (the buckets' fill), "
                + "%.1f us with the signing key kept (the measured GETs)%n", signer.costMicros(), FastGetSigner.costMicros());
        try (ServerUnderTest off = ServerUnderTest.start(jar, jvmArgs,
                        List.of("--data-dir", offDir.toString(), "--auth", auth, "--s3-access-control", "off"));
                ServerUnderTest on = ServerUnderTest.start(jar, jvmArgs,
                        List.of("--data-dir", onDir.toString(), "--auth", auth, "--s3-access-control", "on"))) {
            List<Case> cases = List.of(new Case("access control off", off, "plain"),
                    new Case("on, no bucket policy", on, "nopolicy"),
                    new Case("on, 20-statement policy", on, "policy"));
            for (Case c : cases) {
                fill(signer, c.server().endpoint(), c.bucket());
            }
            putPolicy(signer, on.endpoint(), "policy");
            for (Case c : cases) {
                gets(signer, c, warmupSeconds); // the JIT compiles for ~15 s after a start
            }
            double[][] rates = new double[cases.size()][rounds];
            double[][] cpu = new double[cases.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < cases.size(); i++) {
                    int at = (i + r) % cases.size(); // each case goes first in some round
                    Case c = cases.get(at);
                    CpuUse use = CpuUse.start(c.server());
                    double cpuBefore = c.server().cpuSeconds();
                    String loadBefore = loadAverage();
                    RawHttpLoad.Result result = gets(signer, c, seconds);
                    rates[at][r] = result.perSecond();
                    cpu[at][r] = (c.server().cpuSeconds() - cpuBefore) * 1e6 / Math.max(1, result.requests());
                    System.out.printf("  round %d  %-24s %8.0f GETs/s  p50 %5.2f ms  p99 %6.2f ms  errors %d  load %s (%s)%n", r + 1,
                            c.name(), result.perSecond(), result.latencies().percentileMillis(50),
                            result.latencies().percentileMillis(99), result.errors(), loadBefore, use.report(result.requests(), "GET"));
                    if (result.errors() > 0) {
                        System.out.println("  ERRORS: the policy or the signature refused some GETs; the figures are not comparable");
                    }
                }
            }
            System.out.printf("medians over %d rounds (load average now %s):%n", rounds, loadAverage());
            for (int i = 0; i < cases.size(); i++) {
                System.out.printf("  %-24s %8.0f GETs/s  %6.1f us of server CPU a GET%n", cases.get(i).name(), median(rates[i]),
                        median(cpu[i]));
            }
            double[] rateRatio = new double[rounds];
            double[] cpuRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                rateRatio[r] = rates[2][r] / rates[1][r];
                cpuRatio[r] = cpu[2][r] / cpu[1][r];
            }
            System.out.printf("  20-statement policy against no policy, paired by round: rate %+.1f%%, server CPU a GET %+.1f%% (medians)%n",
                    (median(rateRatio) - 1) * 100, (median(cpuRatio) - 1) * 100);
        } finally {
            deleteTree(offDir);
            deleteTree(onDir);
        }
        return 0;
    }

    private RawHttpLoad.Result gets(Signer signer, Case c, double secs) throws InterruptedException {
        URI target = c.server().endpoint();
        FastGetSigner fast = new FastGetSigner(target);
        return RawHttpLoad.run(target, connections, secs, Long.MAX_VALUE, n -> fast.get("/" + c.bucket() + "/k" + (n % keys)));
    }

    private void fill(Signer signer, URI target, String bucket) throws InterruptedException {
        RawHttpLoad.Result made = RawHttpLoad.run(target, 1, 60, 1, n -> signer.request(target, HttpMethod.PUT, "/" + bucket, new byte[0]));
        byte[] body = new byte[4096];
        new Random(1).nextBytes(body);
        RawHttpLoad.Result put = RawHttpLoad.run(target, connections, 600, keys,
                n -> signer.request(target, HttpMethod.PUT, "/" + bucket + "/k" + n, body));
        if (made.errors() + put.errors() > 0 || put.requests() != keys) {
            throw new IllegalStateException("filling " + bucket + ": " + made.errors() + " + " + put.errors() + " errors");
        }
    }

    /**
     * Puts the policy after deleting the bucket's Block Public Access settings: new buckets block
     * public policies, as on AWS, and some statements below grant everyone under conditions.
     */
    private static void putPolicy(Signer signer, URI target, String bucket) throws Exception {
        send(signer, target, HttpMethod.DELETE, "/" + bucket + "?publicAccessBlock", new byte[0]);
        send(signer, target, HttpMethod.PUT, "/" + bucket + "?policy", policy(bucket).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Signer signer, URI target, HttpMethod method, String path, byte[] body) throws Exception {
        FullHttpRequest signed = signer.request(target, method, path, body);
        HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(path))
                .method(method.name(), HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-MD5", java.util.Base64.getEncoder().encodeToString(
                        java.security.MessageDigest.getInstance("MD5").digest(body)));
        signed.headers().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("content-length")) {
                b.header(h.getKey(), h.getValue());
            }
        });
        signed.release();
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /**
     * Twenty statements of the kinds real bucket policies hold: TLS and network Denies, encryption
     * rules for uploads, grants to other accounts, a service and everyone under conditions,
     * NotPrincipal, NotResource, policy variables, wildcards in conditions. The owner's plain-HTTP
     * GETs from 127.0.0.1 match the action and resource of most of them and pass their conditions
     * to the end, and none of the Denies applies to them.
     */
    static String policy(String bucket) {
        String b = "arn:aws:s3:::" + bucket;
        String statements = String.join(",\n",
                statement("DenyPlainHttpOffNetwork", "Deny", "\"Principal\":\"*\"", "\"s3:*\"", q(b) + "," + q(b + "/*"),
                        "{\"Bool\":{\"aws:SecureTransport\":\"false\"},\"NotIpAddress\":{\"aws:SourceIp\":[\"127.0.0.0/8\",\"10.0.0.0/8\",\"::1/128\"]}}"),
                statement("DenyUnencryptedUploads", "Deny", "\"Principal\":\"*\"", "\"s3:PutObject\"", q(b + "/*"),
                        "{\"Null\":{\"s3:x-amz-server-side-encryption\":\"true\"},\"StringNotEquals\":{\"aws:PrincipalAccount\":\"" + ACCOUNT + "\"}}"),
                statement("DenyWrongEncryption", "Deny", "\"Principal\":\"*\"", "\"s3:PutObject\"", q(b + "/*"),
                        "{\"StringNotEqualsIfExists\":{\"s3:x-amz-server-side-encryption\":[\"aws:kms\",\"AES256\"]}}"),
                statement("PartnerReadsShared", "Allow", "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}",
                        "[\"s3:GetObject\",\"s3:GetObjectVersion\"]", q(b + "/shared/*"), null),
                statement("PartnerListsHome", "Allow", "\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:role/analytics\"}",
                        "\"s3:ListBucket\"", q(b), "{\"StringLike\":{\"s3:prefix\":[\"home/${aws:username}/*\",\"shared/*\"]}}"),
                statement("OnlyAdminsDelete", "Deny", "\"NotPrincipal\":{\"AWS\":[\"arn:aws:iam::" + ACCOUNT + ":root\","
                        + "\"arn:aws:iam::" + ACCOUNT + ":role/admin\"]}", "[\"s3:DeleteObject\",\"s3:DeleteObjectVersion\"]", q(b + "/*"), null),
                statement("PublicFromOffice", "Allow", "\"Principal\":\"*\"", "\"s3:GetObject\"", q(b + "/public/*"),
                        "{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"2001:db8::/32\"]}}"),
                statement("RestrictedToRoles", "Deny", "\"Principal\":\"*\"", "\"s3:GetObject\"", q(b + "/restricted/*"),
                        "{\"StringNotLike\":{\"aws:userid\":[\"AROAEXAMPLEROLEID:*\",\"" + ACCOUNT + "\"]}}"),
                statement("PartnerUploadsOwned", "Allow", "\"Principal\":{\"AWS\":\"111122223333\"}", "\"s3:PutObject\"",
                        q(b + "/incoming/*"), "{\"StringEquals\":{\"s3:x-amz-acl\":\"bucket-owner-full-control\"}}"),
                statement("ExpiresIn2099", "Deny", "\"Principal\":\"*\"", "\"s3:*\"", q(b) + "," + q(b + "/*"),
                        "{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2099-01-01T00:00:00Z\"}}"),
                statement("WebsiteReferer", "Allow", "\"Principal\":\"*\"", "\"s3:GetObject\"", q(b + "/site/*"),
                        "{\"StringLike\":{\"aws:Referer\":[\"https://www.example.com/*\",\"https://example.com/*\"]}}"),
                statement("OnlyOurAccounts", "Deny", "\"Principal\":\"*\"", "\"s3:*\"", q(b) + "," + q(b + "/*"),
                        "{\"StringNotEquals\":{\"aws:PrincipalAccount\":[\"" + ACCOUNT + "\",\"111122223333\",\"444455556666\"]}}"),
                statement("PartnerListsTop", "Allow", "\"Principal\":{\"AWS\":\"111122223333\"}", "\"s3:ListBucket\"", q(b),
                        "{\"StringEquals\":{\"s3:prefix\":[\"\",\"shared/\"],\"s3:delimiter\":\"/\"}}"),
                statement("SmallPages", "Deny", "\"Principal\":\"*\"", "\"s3:ListBucket\"", q(b),
                        "{\"NumericGreaterThan\":{\"s3:max-keys\":\"1000\"}}"),
                statement("CloudFrontReads", "Allow", "\"Principal\":{\"Service\":\"cloudfront.amazonaws.com\"}", "\"s3:GetObject\"",
                        q(b + "/*"), "{\"StringEquals\":{\"aws:SourceArn\":\"arn:aws:cloudfront::" + ACCOUNT + ":distribution/EDFDVBD6EXAMPLE\"}}"),
                statement("AdminsOnlyConfig", "Deny", "\"Principal\":\"*\"", "[\"s3:PutLifecycleConfiguration\",\"s3:PutBucketCORS\"]", q(b),
                        "{\"ArnNotLike\":{\"aws:PrincipalArn\":[\"arn:aws:iam::" + ACCOUNT + ":role/admin-*\",\"arn:aws:iam::" + ACCOUNT + ":root\"]}}"),
                "{\"Sid\":\"AnalystOutsidePrivate\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/analyst\"},"
                        + "\"Action\":\"s3:GetObject\",\"NotResource\":" + q(b + "/private/*") + "}",
                statement("NoSecretTagReads", "Deny", "\"Principal\":\"*\"", "\"s3:GetObject\"", q(b + "/*"),
                        "{\"StringEquals\":{\"s3:ExistingObjectTag/classification\":\"secret\"}}"),
                statement("NoScanners", "Deny", "\"Principal\":\"*\"", "\"s3:*\"", q(b) + "," + q(b + "/*"),
                        "{\"StringLike\":{\"aws:UserAgent\":[\"*sqlmap*\",\"*nikto*\",\"*masscan*\"]}}"),
                statement("OrgReads", "Allow", "\"Principal\":\"*\"", "[\"s3:GetObject\",\"s3:ListBucket\"]", q(b) + "," + q(b + "/*"),
                        "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-exampleorgid\"}}"));
        return "{\"Version\":\"2012-10-17\",\"Id\":\"benchmark\",\"Statement\":[\n" + statements + "\n]}";
    }

    private static String statement(String sid, String effect, String principal, String action, String resources,
            String condition) {
        return "{\"Sid\":\"" + sid + "\",\"Effect\":\"" + effect + "\"," + principal + ",\"Action\":" + action + ",\"Resource\":["
                + resources + "]" + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    /** /proc/loadavg's three averages. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * SigV4 for the measured GETs, which the SDK's signer would make the client's bottleneck (it
     * derives the signing key and builds generic structures at every request: 20-70 us here,
     * as much as the server spends on the GET). The signing key is derived once; each request
     * costs one SHA-256 of its canonical request and one HMAC. Strict mode verifies every one.
     */
    private static final class FastGetSigner {
        private static final java.time.format.DateTimeFormatter AMZ_DATE =
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);
        private static final String SIGNED_HEADERS = "host;x-amz-content-sha256;x-amz-date";
        private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

        private final String host;
        private final String day;
        private final byte[] signingKey;
        private final javax.crypto.Mac mac;
        private final java.security.MessageDigest sha256;

        FastGetSigner(URI target) {
            this.host = target.getHost() + ":" + target.getPort();
            this.day = AMZ_DATE.format(java.time.Instant.now()).substring(0, 8); // runs are minutes long, never across a day
            byte[] k = hmac(("AWS4test").getBytes(StandardCharsets.UTF_8), day);
            k = hmac(k, "us-east-1");
            k = hmac(k, "s3");
            this.signingKey = hmac(k, "aws4_request");
            try {
                this.mac = javax.crypto.Mac.getInstance("HmacSHA256");
                this.mac.init(new javax.crypto.spec.SecretKeySpec(signingKey, "HmacSHA256"));
                this.sha256 = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A GET of {@code path} (unreserved characters and slashes only: it is not encoded). Called on the client's one thread. */
        FullHttpRequest get(String path) {
            String amzDate = AMZ_DATE.format(java.time.Instant.now());
            if (!amzDate.startsWith(day)) {
                throw new IllegalStateException("the run crossed midnight UTC");
            }
            String canonical = "GET\n" + path + "\n\nhost:" + host + "\nx-amz-content-sha256:" + UNSIGNED + "\nx-amz-date:" + amzDate
                    + "\n\n" + SIGNED_HEADERS + "\n" + UNSIGNED;
            String scope = day + "/us-east-1/s3/aws4_request";
            String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + java.util.HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
            String signature = java.util.HexFormat.of().formatHex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path, Unpooled.EMPTY_BUFFER);
            r.headers().set("Host", host).set("X-Amz-Date", amzDate).set("X-Amz-Content-SHA256", UNSIGNED)
                    .set("User-Agent", "tarn-benchmark/1.0").set("Content-Length", 0)
                    .set("Authorization", "AWS4-HMAC-SHA256 Credential=test/" + scope + ", SignedHeaders=" + SIGNED_HEADERS
                            + ", Signature=" + signature);
            return r;
        }

        private static byte[] hmac(byte[] key, String data) {
            try {
                javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSHA256");
                m.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
                return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        static double costMicros() {
            FastGetSigner s = new FastGetSigner(URI.create("http://127.0.0.1:1"));
            long started = 0;
            int n = 200_000;
            for (int i = 0; i < 2 * n; i++) {
                if (i == n) {
                    started = System.nanoTime();
                }
                s.get("/bucket/k" + i).release();
            }
            return (System.nanoTime() - started) / 1e3 / n;
        }
    }

    /** SigV4 with the AWS SDK v2's signer, as the SDK signs: the credentials Tarn knows by default (test/test). */
    private static final class Signer {
        private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
        private final AwsBasicCredentials credentials = AwsBasicCredentials.create("test", "test");

        FullHttpRequest request(URI target, HttpMethod method, String pathAndQuery, byte[] body) {
            URI uri = target.resolve(pathAndQuery);
            SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method.name())).uri(uri)
                    .putHeader("User-Agent", "tarn-benchmark/1.0").build();
            SignedRequest signed = signer.sign(r -> r.identity(credentials).request(unsigned)
                    .payload(() -> new ByteArrayInputStream(body))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
            String rawPath = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, rawPath, Unpooled.wrappedBuffer(body));
            signed.request().forEachHeader((name, values) -> r.headers().set(name, values.get(0)));
            r.headers().set("Host", target.getHost() + ":" + target.getPort());
            r.headers().set("Content-Length", body.length);
            return r;
        }

        /** Microseconds one signed GET costs to build, after a warm-up. */
        double costMicros() {
            URI target = URI.create("http://127.0.0.1:1");
            long started = 0;
            int n = 50_000;
            for (int i = 0; i < 2 * n; i++) {
                if (i == n) {
                    started = System.nanoTime();
                }
                request(target, HttpMethod.GET, "/bucket/k" + i, new byte[0]).release();
            }
            return (System.nanoTime() - started) / 1e3 / n;
        }
    }
}
