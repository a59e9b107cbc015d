package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.net.ssl.SSLContext;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Browser POST uploads (POST Object, "Browser-based uploads using POST", S3 API reference) on a
 * strict server: a SigV4 form signed with the SDK client's credentials and sent with
 * java.net.http, told to a Kinesis stream as ObjectCreated:Post; and boto3's
 * generate_presigned_post sent as a form, from a script.
 */
class S3PostObjectIT {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:posted";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "----tarnFormBoundary";
    /** Delivery is asynchronous: a bound on waiting for it, far above what it takes (milliseconds). */
    private static final long DELIVERY_DEADLINE_MILLIS = 60_000;

    @TempDir
    Path dir;

    @Test
    void aSigV4FormSignedWithTheSdksCredentialsIsStoredAndToldAsObjectCreatedPost() throws Exception {
        Path config = dir.resolve("tarn.yaml");
        Files.writeString(config, "s3Notifications:\n  " + QUEUE + ": arn:aws:kinesis:us-east-1:000000000000:stream/posted\n");
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--auth", "strict", "--config", config.toString());
                S3Client s3 = TarnServerExtension.client(S3Client.class, server.endpoint());
                KinesisClient kinesis = TarnServerExtension.client(KinesisClient.class, server.endpoint())) {
            kinesis.createStream(b -> b.streamName("posted").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName("posted"));
            s3.createBucket(b -> b.bucket("post-it"));
            s3.putBucketNotificationConfiguration(b -> b.bucket("post-it").notificationConfiguration(n -> n.queueConfigurations(
                    q -> q.id("posts").queueArn(QUEUE).events(Event.S3_OBJECT_CREATED_POST))));

            AwsCredentialsIdentity credentials = s3.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("key", "forms/${filename}");
            fields.put("Content-Type", "image/png");
            fields.putAll(sign(credentials, "[\"starts-with\", \"$key\", \"forms/\"], [\"starts-with\", \"$Content-Type\", \"image/\"]"));
            byte[] png = "\u0089PNG not really".getBytes(StandardCharsets.ISO_8859_1);

            HttpResponse<String> posted = post(server.endpoint(), fields, "C:\\pictures\\cat.png", png);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(204);
            HeadObjectResponse head = s3.headObject(b -> b.bucket("post-it").key("forms/cat.png"));
            assertThat(head.contentType()).isEqualTo("image/png");
            assertThat(posted.headers().firstValue("etag")).hasValue(head.eTag());
            assertThat(s3.getObjectAsBytes(b -> b.bucket("post-it").key("forms/cat.png")).asByteArray()).isEqualTo(png);

            fields.put("key", "elsewhere/${filename}");
            HttpResponse<String> refused = post(server.endpoint(), fields, "cat.png", png);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("<Code>AccessDenied</Code>",
                    "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"forms/\"]");

            JsonNode event = firstEvent(kinesis, "posted");
            assertThat(event.get("eventName").asText()).isEqualTo("ObjectCreated:Post");
            // event keys are URL-encoded ("Event message structure")
            assertThat(java.net.URLDecoder.decode(event.get("s3").get("object").get("key").asText(), StandardCharsets.UTF_8))
                    .isEqualTo("forms/cat.png");
            assertThat(event.get("s3").get("object").get("size").asInt()).isEqualTo(png.length);
        }
    }

    @Test
    void boto3PresignedPostFormsUploadAndAreRefusedAsOnAws() throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "boto3 is not installed");
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--auth", "strict")) {
            Scripts.assertRuns(List.of("python3", Scripts.script("s3_post_upload_boto3.py"), server.endpoint().toString(), "strict"),
                    300);
        }
    }

    /** The SigV4 fields of a policy with {@code conditions}, signed as a browser form's backend signs it. */
    private static Map<String, String> sign(AwsCredentialsIdentity credentials, String conditions) throws Exception {
        Instant now = Instant.now();
        String date = AMZ_DATE.format(now).substring(0, 8);
        String credential = credentials.accessKeyId() + "/" + date + "/us-east-1/s3/aws4_request";
        String policy = Base64.getEncoder().encodeToString(("{\"expiration\": \"" + now.plus(10, ChronoUnit.MINUTES)
                + "\", \"conditions\": [" + conditions + ", {\"bucket\": \"post-it\"}, {\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"},"
                + " {\"x-amz-credential\": \"" + credential + "\"}, {\"x-amz-date\": \"" + AMZ_DATE.format(now) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        for (String part : List.of("us-east-1", "s3", "aws4_request")) {
            key = hmac(key, part);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", AMZ_DATE.format(now));
        fields.put("policy", policy);
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(key, policy)));
        return fields;
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void overTlsTheLocationIsHttpsAndCustomerKeysAreTakenOnlyThere() throws Exception {
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--tls");
                S3Client s3 = TarnServerExtension.client(S3Client.class, server.endpoint())) {
            s3.createBucket(b -> b.bucket("post-it"));
            AwsCredentialsIdentity credentials = s3.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, S3SseCIT.trusting(server.dataDir().resolve("tls/tarn-cert.pem")), null);
            HttpClient https = HttpClient.newBuilder().sslContext(tls).build();
            URI secure = URI.create("https://localhost:" + server.endpoint().getPort());

            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("key", "tls/photo 1.png");
            fields.put("success_action_status", "201");
            fields.putAll(sign(credentials, "{\"key\": \"tls/photo 1.png\"}, {\"success_action_status\": \"201\"}"));
            HttpResponse<String> created = post(https, secure, fields, "photo.png", new byte[] {1, 2, 3});
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String location = "https://localhost:" + server.endpoint().getPort() + "/post-it/tls/photo%201.png";
            assertThat(created.body()).contains("<Location>" + location + "</Location>");
            assertThat(created.headers().firstValue("location")).hasValue(location);

            byte[] rawKey = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
            String key = Base64.getEncoder().encodeToString(rawKey);
            String keyMd5 = Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(rawKey));
            Map<String, String> ssec = new LinkedHashMap<>();
            ssec.put("key", "tls/secret.bin");
            ssec.put("x-amz-server-side-encryption-customer-algorithm", "AES256");
            ssec.put("x-amz-server-side-encryption-customer-key", key);
            ssec.put("x-amz-server-side-encryption-customer-key-MD5", keyMd5);
            ssec.putAll(sign(credentials, "{\"key\": \"tls/secret.bin\"},"
                    + " {\"x-amz-server-side-encryption-customer-algorithm\": \"AES256\"},"
                    + " {\"x-amz-server-side-encryption-customer-key\": \"" + key + "\"},"
                    + " {\"x-amz-server-side-encryption-customer-key-MD5\": \"" + keyMd5 + "\"}"));
            HttpResponse<String> clear = post(HttpClient.newHttpClient(), server.endpoint(), ssec, "secret.bin", new byte[] {7});
            assertThat(clear.statusCode()).isEqualTo(400);
            assertThat(clear.body()).contains("<Code>InvalidRequest</Code>", "Requests specifying Server Side Encryption with"
                    + " Customer provided keys must be made over a secure connection.");
            assertThat(s3.listObjectsV2(b -> b.bucket("post-it").prefix("tls/secret")).contents()).isEmpty();
            HttpResponse<String> stored = post(https, secure, ssec, "secret.bin", new byte[] {7});
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(204);
            assertThat(s3.listObjectsV2(b -> b.bucket("post-it").prefix("tls/secret")).contents()).hasSize(1);
            assertThat(stored.headers().firstValue("location")).hasValue(
                    "https://localhost:" + server.endpoint().getPort() + "/post-it/tls/secret.bin");
        }
    }

    /** The form as a browser posts it: the fields, then the file. */
    private static HttpResponse<String> post(URI endpoint, Map<String, String> fields, String filename, byte[] file) throws Exception {
        return post(HttpClient.newHttpClient(), endpoint, fields, filename, file);
    }

    private static HttpResponse<String> post(HttpClient client, URI endpoint, Map<String, String> fields, String filename, byte[] file)
            throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/post-it"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The first S3 event (not the test event) in the stream, waiting for its delivery. */
    private static JsonNode firstEvent(KinesisClient kinesis, String stream) throws Exception {
        long deadline = System.currentTimeMillis() + DELIVERY_DEADLINE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                for (Record r : kinesis.getRecords(b -> b.shardIterator(iterator)).records()) {
                    JsonNode event = JSON.readTree(r.data().asUtf8String());
                    if (event.has("Records")) {
                        return event.get("Records").get(0);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no S3 event reached " + stream + " in " + DELIVERY_DEADLINE_MILLIS + " ms");
    }
}
