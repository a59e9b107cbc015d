package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.AdminCalls;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned URLs made by the SDK's S3Presigner, used with the JDK's HTTP client: GET and PUT,
 * expiry on the emulator clock (the last test: it moves the clock), and signature checks in strict mode.
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
    }
}
