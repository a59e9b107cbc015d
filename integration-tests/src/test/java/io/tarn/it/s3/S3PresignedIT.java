package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned URLs made by the SDK's S3Presigner, used with the JDK's HTTP client: GET and PUT,
 * expiry on the emulator clock (the last test: it moves the clock), and signature checks in strict
 * mode; SigV2 (header and query) signed by hand and by boto3; malformed signatures answered with
 * S3's codes; x-amz-* query parameters taken as headers.
 */
@ExtendWith(TarnServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3PresignedIT {

    private static S3Client s3;
    private static S3Presigner presigner;
    private static String bucket;

    @BeforeAll
    static void setUp(URI endpoint) {
        s3 = S3Support.client(endpoint);
        presigner = presigner(endpoint, "test");
        bucket = S3Support.bucketName("presigned");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void close() {
        s3.close();
        presigner.close();
    }

    static S3Presigner presigner(URI endpoint, String secret) {
        return S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", secret))).build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return S3Support.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return send(HttpRequest.newBuilder(url).GET().build());
    }

    private static HttpResponse<String> put(URI url, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(url).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static URI presignGet(S3Presigner p, String key, Duration duration) throws Exception {
        return p.presignGetObject(r -> r.signatureDuration(duration).getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI();
    }

    private static URI presignPut(S3Presigner p, String key, String contentType) throws Exception {
        return p.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(10))
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType))).url().toURI();
    }

    @Test
    @Order(1)
    void presignedGet() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("shared/report.csv").contentType("text/csv"), RequestBody.fromString("a,b\n1,2\n"));
        URI url = presignGet(presigner, "shared/report.csv", Duration.ofMinutes(10));
        assertThat(url.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=600");
        HttpResponse<String> r = get(url);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("a,b\n1,2\n");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/csv");
        assertThat(r.headers().firstValue("etag")).isPresent();

        HttpResponse<String> missing = get(presignGet(presigner, "shared/nothing", Duration.ofMinutes(10)));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<Code>NoSuchKey</Code>");
    }

    @Test
    @Order(2)
    void presignedPut() throws Exception {
        URI url = presignPut(presigner, "uploads/from-browser.json", "application/json");
        HttpResponse<String> r = put(url, "application/json", "{\"ok\":true}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("etag")).hasValue(S3Support.quoted(S3Support.md5Hex(S3Support.utf8("{\"ok\":true}"))));
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploads/from-browser.json"));
        assertThat(got.asUtf8String()).isEqualTo("{\"ok\":true}");
        assertThat(got.response().contentType()).isEqualTo("application/json");
    }

    @Test
    @Order(3)
    void strictModeChecksPresignedSignatures(@TempDir Path dir) throws Exception {
        try (TarnProcess strict = TarnProcess.start(dir.resolve("data"), "--auth", "strict");
                S3Client client = S3Support.client(strict.endpoint());
                S3Presigner good = presigner(strict.endpoint(), "test");
                S3Presigner bad = presigner(strict.endpoint(), "not-the-secret")) {
            client.createBucket(b -> b.bucket(bucket));
            client.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("strict"));

            assertThat(get(presignGet(good, "k", Duration.ofMinutes(5))).body()).isEqualTo("strict");
            HttpResponse<String> wrongSecret = get(presignGet(bad, "k", Duration.ofMinutes(5)));
            assertThat(wrongSecret.statusCode()).isEqualTo(403);
            assertThat(wrongSecret.body()).contains("<Code>SignatureDoesNotMatch</Code>");

            // the URL of one key does not open another
            URI forK = presignGet(good, "k", Duration.ofMinutes(5));
            client.putObject(b -> b.bucket(bucket).key("other"), RequestBody.fromString("secret"));
            URI tampered = URI.create(forK.toString().replace("/" + bucket + "/k?", "/" + bucket + "/other?"));
            assertThat(get(tampered).statusCode()).isEqualTo(403);

            HttpResponse<String> upload = put(presignPut(good, "put-strict", "text/plain"), "text/plain", "signed put");
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key("put-strict")).asUtf8String()).isEqualTo("signed put");
            // a Content-Type other than the signed one breaks the signature
            assertThat(put(presignPut(good, "put-strict-2", "text/plain"), "application/octet-stream", "x").statusCode()).isEqualTo(403);
        }
    }

    /** SigV2 as a client of 2007 computed it (AWS's RESTAuthentication page); the SDK v2 cannot sign it. */
    static String sigV2(String secret, String stringToSign) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));

    @Test
    @Order(4)
    void sigV2IsVerifiedInStrictMode(@TempDir Path dir) throws Exception {
        try (TarnProcess strict = TarnProcess.start(dir.resolve("data"), "--auth", "strict");
                S3Client client = S3Support.client(strict.endpoint())) {
            URI base = strict.endpoint();
            client.createBucket(b -> b.bucket(bucket));

            String put = "PUT\n\ntext/plain\n" + HTTP_DATE + "\nx-amz-meta-color:blue\n/" + bucket + "/v2/key";
            HttpResponse<String> stored = send(HttpRequest.newBuilder(base.resolve("/" + bucket + "/v2/key"))
                    .header("Date", HTTP_DATE).header("Content-Type", "text/plain").header("x-amz-meta-color", "blue")
                    .header("Authorization", "AWS test:" + sigV2("test", put))
                    .PUT(HttpRequest.BodyPublishers.ofString("signed with v2")).build());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            var head = client.headObject(b -> b.bucket(bucket).key("v2/key"));
            assertThat(head.metadata()).containsEntry("color", "blue");
            assertThat(head.contentType()).isEqualTo("text/plain");

            String get = "GET\n\n\n" + HTTP_DATE + "\n/" + bucket + "/v2/key";
            HttpRequest.Builder signedGet = HttpRequest.newBuilder(base.resolve("/" + bucket + "/v2/key")).header("Date", HTTP_DATE);
            assertThat(send(signedGet.copy().header("Authorization", "AWS test:" + sigV2("test", get)).build()).body())
                    .isEqualTo("signed with v2");
            HttpResponse<String> wrong = send(signedGet.copy().header("Authorization", "AWS test:" + sigV2("wrong", get)).build());
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(wrong.body()).contains("<Code>SignatureDoesNotMatch</Code>")
                    .contains("<StringToSign>" + get + "</StringToSign>");
            HttpResponse<String> unknown = send(signedGet.copy().header("Authorization", "AWS nobody:" + sigV2("test", get)).build());
            assertThat(unknown.statusCode()).isEqualTo(403);
            assertThat(unknown.body()).contains("<Code>InvalidAccessKeyId</Code>");

            long expires = Instant.now().plusSeconds(600).getEpochSecond();
            String query = "GET\n\n\n" + expires + "\n/" + bucket + "/v2/key";
            URI url = base.resolve("/" + bucket + "/v2/key?AWSAccessKeyId=test&Expires=" + expires + "&Signature="
                    + URLEncoder.encode(sigV2("test", query), StandardCharsets.UTF_8));
            assertThat(get(url).body()).isEqualTo("signed with v2");
            assertThat(get(URI.create(url.toString().replace("Expires=" + expires, "Expires=" + (expires + 1))))
                    .statusCode()).isEqualTo(403);

            assumeTrue(Scripts.available(List.of("python3", "-c", "import boto3")), "python3 with boto3 is not installed");
            Scripts.assertRuns(List.of("python3", Scripts.script("s3_presigned_v2_boto3.py"), base.toString(), "strict"), 120);
        }
    }

    @Test
    @Order(5)
    void malformedSignaturesAnswerS3Errors(URI endpoint) throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("malformed"), RequestBody.fromString("x"));
        String url = presignGet(presigner, "malformed", Duration.ofMinutes(10)).toString();
        for (String expires : List.of("604801", "0", "-1", "soon")) {
            HttpResponse<String> r = get(URI.create(url.replace("X-Amz-Expires=600", "X-Amz-Expires=" + expires)));
            assertThat(r.statusCode()).as(expires).isEqualTo(400);
            assertThat(r.body()).as(expires).contains("<Code>AuthorizationQueryParametersError</Code>");
        }
        HttpResponse<String> noSignature = get(URI.create(url.replaceAll("&X-Amz-Signature=[0-9a-f]+", "")));
        assertThat(noSignature.statusCode()).isEqualTo(400);
        assertThat(noSignature.body()).contains("<Code>AuthorizationQueryParametersError</Code>")
                .contains("Query-string authentication version 4 requires the X-Amz-Algorithm");

        HttpRequest.Builder plain = HttpRequest.newBuilder(endpoint.resolve("/" + bucket + "/malformed"))
                .header("X-Amz-Date", "20260101T000000Z");
        HttpResponse<String> badCredential = send(plain.copy().header("Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1, SignedHeaders=host, Signature=00").build());
        assertThat(badCredential.statusCode()).isEqualTo(400);
        assertThat(badCredential.body()).contains("<Code>AuthorizationHeaderMalformed</Code>");
        HttpResponse<String> unsupported = send(plain.copy().header("Authorization", "Bearer token").build());
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(unsupported.body()).contains("<Code>InvalidArgument</Code>").contains("Unsupported Authorization Type");
        HttpResponse<String> twice = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "AWS test:abc")
                .header("Date", HTTP_DATE).build());
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("<Code>InvalidArgument</Code>").contains("Only one auth mechanism allowed");
    }

    @Test
    @Order(6)
    void amzParametersOfAPresignedQueryApplyAsHeaders(URI endpoint) throws Exception {
        // What the JavaScript SDK's presigner does: x-amz-* request headers hoisted into the signed query.
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(endpoint.resolve("/" + bucket + "/hoisted"))
                .appendRawQueryParameter("x-amz-meta-color", "blue")
                .appendRawQueryParameter("x-amz-storage-class", "STANDARD_IA")
                .appendRawQueryParameter("x-amz-tagging", "team=data")
                .build();
        URI url = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create("test", "test"))
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)).request().getUri();
        HttpResponse<String> r = put(url, "text/plain", "hoisted");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var head = s3.headObject(b -> b.bucket(bucket).key("hoisted"));
        assertThat(head.metadata()).containsEntry("color", "blue");
        assertThat(head.storageClassAsString()).isEqualTo("STANDARD_IA");
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("hoisted")).tagSet())
                .anyMatch(t -> t.key().equals("team") && t.value().equals("data"));
    }

    @Test
    @Order(100)
    void anExpiredUrlIsAccessDenied(URI endpoint) throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("soon-expired"), RequestBody.fromString("x"));
        URI url = presignGet(presigner, "soon-expired", Duration.ofMinutes(15));
        assertThat(get(url).statusCode()).isEqualTo(200);

        assertThat(AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"PT2H\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> expired = get(url);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("<Code>AccessDenied</Code>").contains("Request has expired");
        assertThat(expired.headers().firstValue("x-amz-request-id")).isPresent();
        HttpResponse<String> expiredPut = put(presignPut(presigner, "late-upload", "text/plain"), "text/plain", "x");
        // signed two hours in the server's past and valid ten minutes
        assertThat(expiredPut.statusCode()).isEqualTo(403);
        assertThat(expiredPut.body()).contains("Request has expired");

        // SigV2: Expires (an instant) is judged by the emulator clock too, now two hours ahead
        URI v2 = endpoint.resolve("/" + bucket + "/soon-expired?AWSAccessKeyId=test&Signature=anything&Expires="
                + Instant.now().plusSeconds(3600).getEpochSecond());
        HttpResponse<String> expiredV2 = get(v2);
        assertThat(expiredV2.statusCode()).isEqualTo(403);
        assertThat(expiredV2.body()).contains("<Code>AccessDenied</Code>").contains("Request has expired")
                .contains("<ServerTime>");
    }
}
