package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.assertS3Status;
import static io.tarn.it.s3.S3Support.bucketName;
import static io.tarn.it.s3.S3Support.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.ServerArgs;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import io.tarn.it.Scripts;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * SSE-C over HTTPS ({@code --tls}, the client trusting the certificate in the data dir): the
 * object encrypted under the customer's key, which every read must give again (a missing key 400,
 * a wrong one 403), multipart uploads and copies with keys, and the key refused over plain HTTP;
 * boto3 and the AWS CLI over HTTPS.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs("--tls")
class S3SseCIT {

    private static final String KEY_1 = key(1);
    private static final String KEY_2 = key(2);

    private S3Client https;
    private String bucket;

    @BeforeEach
    void setUp(URI endpoint, TarnProcess server) throws Exception {
        TrustManager[] trust = trusting(server.dataDir().resolve("tls/tarn-cert.pem"));
        https = S3Client.builder().endpointOverride(URI.create("https://localhost:" + endpoint.getPort())).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder().tlsTrustManagersProvider(() -> trust))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        bucket = bucketName("sse-c");
        https.createBucket(b -> b.bucket(bucket));
    }

    @Test
    void anSseCObjectIsReadWithItsKeyOnly() {
        byte[] data = random(200_000, 1);
        PutObjectResponse put = https.putObject(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_1)
                .sseCustomerKeyMD5(md5(KEY_1)), RequestBody.fromBytes(data));
        assertThat(put.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(put.sseCustomerKeyMD5()).isEqualTo(md5(KEY_1));
        assertThat(put.serverSideEncryption()).isNull();

        ResponseBytes<GetObjectResponse> got = https.getObjectAsBytes(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY_1).sseCustomerKeyMD5(md5(KEY_1)));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().sseCustomerKeyMD5()).isEqualTo(md5(KEY_1));
        HeadObjectResponse head = https.headObject(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY_1).sseCustomerKeyMD5(md5(KEY_1)));
        assertThat(head.contentLength()).isEqualTo(data.length);

        assertS3Error(() -> https.getObjectAsBytes(b -> b.bucket(bucket).key("c")), "InvalidRequest", 400);
        assertS3Error(() -> https.getObjectAsBytes(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY_2).sseCustomerKeyMD5(md5(KEY_2))), "AccessDenied", 403);
        assertS3Status(() -> https.headObject(b -> b.bucket(bucket).key("c")), 400);
        assertS3Status(() -> https.headObject(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY_2).sseCustomerKeyMD5(md5(KEY_2))), 403);
        assertS3Error(() -> https.getObjectAttributes(b -> b.bucket(bucket).key("c").objectAttributes(
                software.amazon.awssdk.services.s3.model.ObjectAttributes.E_TAG)), "InvalidRequest", 400);
        assertS3Error(() -> https.putObject(b -> b.bucket(bucket).key("bad").sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_1)
                .sseCustomerKeyMD5(md5(KEY_2)), RequestBody.fromString("x")), "InvalidArgument", 400);
    }

    @Test
    void multipartUploadsAndCopiesTakeTheirKeys() {
        String uploadId = https.createMultipartUpload(b -> b.bucket(bucket).key("mp").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY_1).sseCustomerKeyMD5(md5(KEY_1))).uploadId();
        byte[] one = random(5 << 20, 2);
        byte[] two = random(1000, 3);
        assertS3Error(() -> https.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(two)), "InvalidRequest", 400);
        String e1 = https.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY_1).sseCustomerKeyMD5(md5(KEY_1)), RequestBody.fromBytes(one)).eTag();
        String e2 = https.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(2).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY_1).sseCustomerKeyMD5(md5(KEY_1)), RequestBody.fromBytes(two)).eTag();
        https.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(e1), p -> p.partNumber(2).eTag(e2))));
        byte[] whole = https.getObjectAsBytes(b -> b.bucket(bucket).key("mp").sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_1)
                .sseCustomerKeyMD5(md5(KEY_1))).asByteArray();
        assertThat(whole).hasSize(one.length + two.length);

        // a copy re-encrypts: from the source's customer key to another customer key, then to SSE-S3
        https.copyObject(b -> b.sourceBucket(bucket).sourceKey("mp").destinationBucket(bucket).destinationKey("c2")
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(KEY_1).copySourceSSECustomerKeyMD5(md5(KEY_1))
                .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_2).sseCustomerKeyMD5(md5(KEY_2)));
        assertThat(https.getObjectAsBytes(b -> b.bucket(bucket).key("c2").sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_2)
                .sseCustomerKeyMD5(md5(KEY_2))).asByteArray()).isEqualTo(whole);
        assertS3Error(() -> https.copyObject(b -> b.sourceBucket(bucket).sourceKey("c2").destinationBucket(bucket).destinationKey("x")),
                "InvalidRequest", 400);
        var plain = https.copyObject(b -> b.sourceBucket(bucket).sourceKey("c2").destinationBucket(bucket).destinationKey("plain")
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(KEY_2).copySourceSSECustomerKeyMD5(md5(KEY_2)));
        assertThat(plain.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(https.getObjectAsBytes(b -> b.bucket(bucket).key("plain")).asByteArray()).isEqualTo(whole);

        String partCopy = https.createMultipartUpload(b -> b.bucket(bucket).key("pc")).uploadId();
        String etag = https.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("c2").destinationBucket(bucket).destinationKey("pc")
                .uploadId(partCopy).partNumber(1).copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(KEY_2)
                .copySourceSSECustomerKeyMD5(md5(KEY_2))).copyPartResult().eTag();
        https.completeMultipartUpload(b -> b.bucket(bucket).key("pc").uploadId(partCopy)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
        assertThat(https.getObjectAsBytes(b -> b.bucket(bucket).key("pc")).asByteArray()).isEqualTo(whole);
    }

    @Test
    void customerKeysAreRefusedOverPlainHttp(S3Client http) {
        assertS3Error(() -> http.putObject(b -> b.bucket(bucket).key("c").sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_1)
                .sseCustomerKeyMD5(md5(KEY_1)), RequestBody.fromString("x")), "InvalidRequest", 400);
        assertThat(http.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void noObjectIsOnDiskInPlaintext(TarnProcess server) throws Exception {
        byte[] marker = "TARN-SSEC-PLAINTEXT-MARKER".getBytes(StandardCharsets.US_ASCII);
        https.putObject(b -> b.bucket(bucket).key("small").sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_1)
                .sseCustomerKeyMD5(md5(KEY_1)), RequestBody.fromBytes(marker));
        https.putObject(b -> b.bucket(bucket).key("big").sseCustomerAlgorithm("AES256").sseCustomerKey(KEY_1)
                .sseCustomerKeyMD5(md5(KEY_1)), RequestBody.fromBytes(S3SseKmsIT.concat(marker, random(300_000, 5), marker)));
        assertThat(S3SseKmsIT.filesContaining(server.dataDir(), marker)).isEmpty();
        assertThat(S3SseKmsIT.filesContaining(server.dataDir(), Base64.getDecoder().decode(KEY_1))).isEmpty(); // nor the key
    }

    @Test
    void boto3OverHttps(URI endpoint, TarnProcess server) throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "python3 with boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("s3_sse_check.py"), "https://localhost:" + endpoint.getPort(),
                server.dataDir().resolve("tls/tarn-cert.pem").toString()), 180);
    }

    /** The AWS CLI over HTTPS: a TLS-only bucket policy, SSE-KMS and SSE-C, and Block Public Access before an anonymous read. */
    @Test
    void awsCliOverHttps(URI endpoint, TarnProcess server) throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        Scripts.assertRuns(List.of("bash", Scripts.script("s3_security_cli_check.sh"), "https://localhost:" + endpoint.getPort(),
                "http://localhost:" + endpoint.getPort(), server.dataDir().resolve("tls/tarn-cert.pem").toString()), 180);
    }

    private static String key(int seed) {
        return Base64.getEncoder().encodeToString(random(32, 100 + seed));
    }

    private static String md5(String base64Key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(Base64.getDecoder().decode(base64Key)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trust managers that trust the one certificate in {@code pem}. */
    static TrustManager[] trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            store.setCertificateEntry("tarn", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
