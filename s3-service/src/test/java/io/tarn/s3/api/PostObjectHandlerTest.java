package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.auth.CredentialStore;
import io.tarn.core.auth.SigV4Verifier;
import io.tarn.core.config.AuthMode;
import io.tarn.core.config.TarnConfig;
import io.tarn.core.error.AwsException;
import io.tarn.core.paging.PageTokens;
import io.tarn.core.spi.BodySink;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.core.store.MasterKey;
import io.tarn.core.store.StateStore;
import io.tarn.core.store.blob.BlobStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.ListingEngine;
import io.tarn.s3.engine.MultipartEngine;
import io.tarn.s3.engine.ObjectEncryption;
import io.tarn.s3.engine.encryption.BucketEncryptions;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.ObjectReader;
import io.tarn.s3.engine.lifecycle.LifecycleEngine;
import io.tarn.s3.engine.notifications.ObjectChange;
import io.tarn.s3.engine.notifications.ObjectChangeHook;
import io.tarn.s3.engine.restore.RestoreDelay;
import io.tarn.s3.engine.restore.RestoreEngine;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.ObjectVersion;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST Object through S3's front, over real engines and a real store, with strict signature checks. */
class PostObjectHandlerTest {

    private static final String ACCOUNT = "000000000000";
    private static final String B = "tarnboundary42";

    @TempDir
    Path dir;

    private EmulatorClock clock;
    private Scheduler scheduler;
    private StateStore store;
    private BlobStore blobs;
    private ObjectEngine objects;
    private S3RequestHandler handler;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(Instant.parse("2030-01-01T00:00:00Z"));
        store = StateStore.open(dir.resolve("db"), false);
        blobs = BlobStore.open(dir.resolve("blobs"), false, 0);
        Keyspace ks = store.keyspace("s3");
        BucketEngine buckets = new BucketEngine(ks, clock);
        objects = new ObjectEngine(ks, blobs, new ObjectEncryption(MasterKey.ephemeral(),
                () -> { throw new IllegalStateException("no KMS in this test"); }, clock, new BucketEncryptions(ks)), clock, buckets);
        objects.onChange(new ObjectChangeHook() {
            @Override
            public void changed(Batch batch, ObjectChange change) {
                events.add(change.eventName() + " " + change.version().key());
            }
        });
        MultipartEngine uploads = new MultipartEngine(ks, objects, buckets);
        ListingEngine listings = new ListingEngine(ks, buckets);
        scheduler = new Scheduler(clock);
        RestoreEngine restores = new RestoreEngine(ks, objects, clock, scheduler, RestoreDelay.longest());
        LifecycleEngine lifecycle = new LifecycleEngine(ks, buckets, objects, uploads);
        CredentialStore credentials = new CredentialStore(TarnConfig.builder().build(), store.keyspace("sts"), clock);
        handler = new S3RequestHandler(buckets, objects, uploads, listings, PageTokens.of(MasterKey.ephemeral(), "s3"),
                List.of("localhost"), restores, lifecycle,
                S3RequestHandler.Extensions.NONE.withPostForms(new PostFormAuth(credentials, AuthMode.STRICT, clock, ACCOUNT)));
        buckets.create("bucket", ACCOUNT, "us-east-1", null, new AccessControl("o", List.of()));
    }

    @AfterEach
    void close() {
        scheduler.close();
        blobs.close();
        store.close();
    }

    /** The fields of a SigV4-signed form for {@code conditions}, signed with {@code secret}, as boto3's generate_presigned_post makes them. */
    static Map<String, String> signedFields(String conditions, String secret) {
        String credential = "test/20300101/us-east-1/s3/aws4_request";
        String policy = Base64.getEncoder().encodeToString(("{\"expiration\": \"2030-01-01T01:00:00Z\", \"conditions\": [" + conditions
                + ", {\"bucket\": \"bucket\"}, {\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"}, {\"x-amz-credential\": \"" + credential
                + "\"}, {\"x-amz-date\": \"20300101T000000Z\"}]}").getBytes(StandardCharsets.UTF_8));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", "20300101T000000Z");
        fields.put("policy", policy);
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(SigV4Verifier.signingKey(secret, "20300101", "us-east-1", "s3"), policy)));
        return fields;
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] body(Map<String, String> fields, String filename, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private ServiceRequest post(String contentType, byte[] body) {
        return post(contentType, body, false);
    }

    /** @param overTls whether the form came over a TLS connection */
    private ServiceRequest post(String contentType, byte[] body, boolean overTls) {
        RequestContext anonymous = new RequestContext("req-1", new Namespace(ACCOUNT, "us-east-1"), Caller.root("", ACCOUNT), "s3",
                clock, null, overTls, "192.0.2.9");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("localhost:4566"));
        headers.put("content-type", List.of(contentType));
        headers.put("content-length", List.of(Integer.toString(body.length)));
        return new ServiceRequest(anonymous, "POST", "/bucket", Map.of(), headers, body);
    }

    private ServiceResponse send(Map<String, String> fields, String filename, byte[] file) {
        return handler.handle(post("multipart/form-data; boundary=" + B, body(fields, filename, file)));
    }

    private byte[] read(ObjectVersion v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectReader r = objects.open(v, 0, v.size())) {
            for (ByteBuffer b = r.next(); b != null; b = r.next()) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
        }
        return out.toByteArray();
    }

    private static void assertError(Runnable call, String code, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
        });
    }

    @Test
    void aSignedFormStoresTheFileWithItsFieldsAsAPutWould() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "uploads/${filename}");
        fields.put("Content-Type", "text/plain");
        fields.put("x-amz-meta-note", "from a form");
        fields.put("tagging", "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>");
        fields.put("success_action_status", "201");
        fields.putAll(signedFields("[\"starts-with\", \"$key\", \"uploads/\"], [\"starts-with\", \"$Content-Type\", \"text/\"],"
                + " [\"starts-with\", \"$x-amz-meta-note\", \"\"], {\"tagging\": \"" + fields.get("tagging") + "\"},"
                + " {\"success_action_status\": \"201\"}", "test"));
        ServiceResponse response = send(fields, "C:\\Users\\me\\notes.txt", "hello form".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(201);
        String xml = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<PostResponse>", "<Bucket>bucket</Bucket>", "<Key>uploads/notes.txt</Key>",
                "<Location>http://localhost:4566/bucket/uploads/notes.txt</Location>");
        ObjectVersion v = objects.resolve("bucket", "uploads/notes.txt", null);
        assertThat(response.headers()).containsEntry("etag", v.etag());
        assertThat(read(v)).isEqualTo("hello form".getBytes(StandardCharsets.UTF_8));
        assertThat(v.headers()).containsEntry("content-type", "text/plain");
        assertThat(v.metadata()).containsEntry("note", "from a form");
        assertThat(v.tags()).containsEntry("k", "v");
        assertThat(v.owner()).isEqualTo(ACCOUNT);
        assertThat(events).containsExactly("ObjectCreated:Post uploads/notes.txt");
    }

    @Test
    void aLargeFileStreamsThroughTheSinkInPieces() {
        byte[] file = new byte[3 << 20];
        new Random(1).nextBytes(file);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "big.bin");
        fields.putAll(signedFields("{\"key\": \"big.bin\"}, [\"content-length-range\", 1, 4194304]", "test"));
        byte[] body = body(fields, "big.bin", file);
        ServiceRequest request = post("multipart/form-data; boundary=" + B, new byte[0]);
        request.headers().put("content-length", List.of(Integer.toString(body.length)));
        assertThat(handler.streamsBody(request)).isTrue(); // over 1 MiB: streamed
        assertThat(handler.authenticatesInBody(request)).isTrue();
        BodySink sink = handler.openBody(request);
        for (int i = 0; i < body.length; i += 8192) {
            sink.accept(ByteBuffer.wrap(body, i, Math.min(8192, body.length - i)));
        }
        ServiceResponse response = sink.finish();
        assertThat(response.status()).isEqualTo(204);
        assertThat(read(objects.resolve("bucket", "big.bin", null))).isEqualTo(file);
    }

    @Test
    void aFileOutsideTheContentLengthRangeIsRefusedAndNotStored() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "small.txt");
        fields.putAll(signedFields("{\"key\": \"small.txt\"}, [\"content-length-range\", 5, 10]", "test"));
        assertThatThrownBy(() -> send(fields, "a", new byte[11])).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("EntityTooLarge");
            assertThat(e.extra()).containsEntry("ProposedSize", "11").containsEntry("MaxSizeAllowed", "10");
        });
        assertError(() -> send(fields, "a", new byte[4]), "EntityTooSmall", 400);
        assertError(() -> objects.resolve("bucket", "small.txt", null), "NoSuchKey", 404);
        assertThat(events).isEmpty();
    }

    @Test
    void signaturesAreCheckedAgainstTheKnownCredentials() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "k");
        fields.putAll(signedFields("{\"key\": \"k\"}", "not-the-secret"));
        assertError(() -> send(fields, "a", new byte[1]), "SignatureDoesNotMatch", 403);
        fields.put("x-amz-credential", "nobody/20300101/us-east-1/s3/aws4_request");
        assertError(() -> send(fields, "a", new byte[1]), "InvalidAccessKeyId", 403);
        fields.remove("x-amz-date");
        assertThatThrownBy(() -> send(fields, "a", new byte[1])).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidArgument");
            assertThat(e.getMessage()).isEqualTo("Bucket POST must contain a field named 'X-Amz-Date'.  If it is specified, please check the order of the fields.");
        });
        assertError(() -> send(Map.of("key", "k"), "a", new byte[1]), "AccessDenied", 403); // anonymous, strict mode
    }

    @Test
    void sigV2FormsAreSignedWithHmacSha1() throws Exception {
        String policy = Base64.getEncoder().encodeToString(("{\"expiration\": \"2030-01-01T01:00:00Z\", \"conditions\": ["
                + "{\"bucket\": \"bucket\"}, [\"starts-with\", \"$key\", \"\"]]}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("test".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "v2.txt");
        fields.put("AWSAccessKeyId", "test");
        fields.put("policy", policy);
        fields.put("signature", Base64.getEncoder().encodeToString(mac.doFinal(policy.getBytes(StandardCharsets.UTF_8))));
        assertThat(send(fields, "a", "x".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);
        fields.put("signature", "AAAA");
        assertError(() -> send(fields, "a", new byte[1]), "SignatureDoesNotMatch", 403);
    }

    @Test
    void aSuccessRedirectAnswers303WithBucketKeyAndEtag() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "r.txt");
        fields.put("success_action_redirect", "https://example.com/done?x=1");
        fields.putAll(signedFields("{\"key\": \"r.txt\"}, [\"starts-with\", \"$success_action_redirect\", \"https://example.com/\"]",
                "test"));
        ServiceResponse response = send(fields, "a", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(303);
        String etag = objects.resolve("bucket", "r.txt", null).etag();
        assertThat(response.headers().get("location")).isEqualTo("https://example.com/done?x=1&bucket=bucket&key=r.txt&etag="
                + java.net.URLEncoder.encode(etag, StandardCharsets.UTF_8));
        assertThat(PostObjectHandler.redirectTarget("not a url", "b", "k", "e")).isNull();
    }

    @Test
    void aBadFormIsRefusedWithS3sErrors() {
        assertThatThrownBy(() -> handler.handle(post("application/x-www-form-urlencoded", "key=k".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("PreconditionFailed");
                    assertThat(e.extra()).containsEntry("Condition", "Bucket POST must be of the enclosure-type multipart/form-data");
                });
        assertError(() -> send(new LinkedHashMap<>(signedFields("[\"starts-with\", \"$key\", \"\"]", "test")), "a", new byte[1]),
                "InvalidArgument", 400); // no key
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("key", "k");
        extra.put("x-amz-meta-unsigned", "v");
        extra.putAll(signedFields("{\"key\": \"k\"}", "test"));
        assertThatThrownBy(() -> send(extra, "a", new byte[1])).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Invalid according to Policy: Extra input fields: x-amz-meta-unsigned"));
        clock.advance(java.time.Duration.ofHours(2));
        Map<String, String> late = new LinkedHashMap<>();
        late.put("key", "k");
        late.putAll(signedFields("{\"key\": \"k\"}", "test"));
        assertThatThrownBy(() -> send(late, "a", new byte[1])).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Invalid according to Policy: Policy expired."));
        List<String> none = new ArrayList<>(events);
        assertThat(none).isEmpty();
    }

    @Test
    void theLocationOfAFormPostedOverTlsIsAnHttpsUrl() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "tls/a b.txt");
        fields.put("success_action_status", "201");
        fields.putAll(signedFields("{\"key\": \"tls/a b.txt\"}, {\"success_action_status\": \"201\"}", "test"));
        ServiceResponse created = handler.handle(post("multipart/form-data; boundary=" + B, body(fields, "a", new byte[1]), true));
        assertThat(created.status()).isEqualTo(201);
        assertThat(new String(created.body(), StandardCharsets.UTF_8))
                .contains("<Location>https://localhost:4566/bucket/tls/a%20b.txt</Location>");
        assertThat(created.headers()).containsEntry("location", "https://localhost:4566/bucket/tls/a%20b.txt");

        Map<String, String> overHttp = new LinkedHashMap<>();
        overHttp.put("key", "tls/a b.txt");
        overHttp.putAll(signedFields("{\"key\": \"tls/a b.txt\"}", "test"));
        ServiceResponse plain = send(overHttp, "a", new byte[1]);
        assertThat(plain.headers()).containsEntry("location", "http://localhost:4566/bucket/tls/a%20b.txt");
    }

    @Test
    void customerKeyFieldsAreRefusedOverPlainHttpAsTheirHeadersAre() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "ssec.txt");
        fields.put("x-amz-server-side-encryption-customer-algorithm", "AES256");
        fields.put("x-amz-server-side-encryption-customer-key", key);
        fields.putAll(signedFields("{\"key\": \"ssec.txt\"}, {\"x-amz-server-side-encryption-customer-algorithm\": \"AES256\"},"
                + " {\"x-amz-server-side-encryption-customer-key\": \"" + key + "\"}", "test"));
        assertThatThrownBy(() -> send(fields, "a", new byte[1])).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo("InvalidRequest");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(
                    "Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.");
        });
        assertError(() -> objects.resolve("bucket", "ssec.txt", null), "NoSuchKey", 404);
        assertThat(events).isEmpty();
    }
}
