package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.bucketName;
import static io.tarn.it.s3.S3Support.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.AdminCalls;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * SSE-KMS through the SDK: each object's data key from Tarn's KMS (seen in its audit log), reads
 * that need the key enabled, S3 Bucket Keys cutting the KMS calls, buckets' default encryption,
 * multipart uploads and copies, and no plaintext of any object in the data dir.
 */
@ExtendWith(TarnServerExtension.class)
class S3SseKmsIT {

    private static final Pattern OPERATION = Pattern.compile("\"operation\"\\s*:\\s*\"([A-Za-z]+)\"");

    @Test
    void anSseKmsObjectsKeyComesFromKmsAndEveryReadDecryptsIt(S3Client s3, KmsClient kms, URI endpoint) throws Exception {
        String keyArn = kms.createKey(b -> {}).keyMetadata().arn();
        String bucket = bucketName("sse-kms");
        s3.createBucket(b -> b.bucket(bucket));
        byte[] data = random(300_000, 1);
        String context = Base64.getEncoder().encodeToString("{\"team\":\"data\"}".getBytes(StandardCharsets.UTF_8));

        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("a.bin").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(keyArn).ssekmsEncryptionContext(context), RequestBody.fromBytes(data));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).isEqualTo(keyArn);
        assertThat(put.ssekmsEncryptionContext()).isEqualTo(context);
        assertThat(put.bucketKeyEnabled()).isNull();

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("a.bin"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(got.response().ssekmsKeyId()).isEqualTo(keyArn);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("a.bin"));
        assertThat(head.ssekmsKeyId()).isEqualTo(keyArn);
        assertThat(head.sdkHttpResponse().firstMatchingHeader("x-amz-server-side-encryption-context")).isEmpty(); // not in HeadObject's model

        String audit = audit(endpoint, keyArn);
        assertThat(operations(audit)).containsExactly("GenerateDataKey", "Decrypt");
        assertThat(audit).contains("arn:aws:s3:::" + bucket + "/a.bin").contains("s3.amazonaws.com");
    }

    @Test
    void theAwsManagedKeyIsUsedWhenNoKeyIsNamed(S3Client s3, KmsClient kms) {
        String bucket = bucketName("sse-aws-s3");
        s3.createBucket(b -> b.bucket(bucket));
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromString("managed"));
        String managed = kms.describeKey(b -> b.keyId("alias/aws/s3")).keyMetadata().arn();
        assertThat(put.ssekmsKeyId()).isEqualTo(managed);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("managed");
    }

    @Test
    void aDisabledKeyRefusesReadsAndWritesUntilEnabledAgain(S3Client s3, KmsClient kms) {
        String keyId = kms.createKey(b -> {}).keyMetadata().keyId();
        String bucket = bucketName("sse-disabled");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyId),
                RequestBody.fromString("locked away"));

        kms.disableKey(b -> b.keyId(keyId));
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")), "KMS.DisabledException", 400);
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("k2").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(keyId), RequestBody.fromString("x")), "KMS.DisabledException", 400);

        kms.enableKey(b -> b.keyId(keyId));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("locked away");

        kms.scheduleKeyDeletion(b -> b.keyId(keyId).pendingWindowInDays(7));
        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")), "KMS.KMSInvalidStateException", 400);
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("k3").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId("alias/none-such"), RequestBody.fromString("x")), "KMS.NotFoundException", 400);
    }

    @Test
    void bucketKeysCostOneGenerateDataKeyForManyObjects(S3Client s3, KmsClient kms, URI endpoint) throws Exception {
        String keyArn = kms.createKey(b -> {}).keyMetadata().arn();
        String bucket = bucketName("sse-bucket-key");
        s3.createBucket(b -> b.bucket(bucket));
        for (int i = 0; i < 20; i++) {
            String key = "k" + i;
            PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key).serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId(keyArn).bucketKeyEnabled(true), RequestBody.fromString("object " + i));
            assertThat(put.bucketKeyEnabled()).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            String key = "k" + i;
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            assertThat(got.asUtf8String()).isEqualTo("object " + i);
            assertThat(got.response().bucketKeyEnabled()).isTrue();
        }
        String audit = audit(endpoint, keyArn);
        assertThat(operations(audit)).containsExactly("GenerateDataKey"); // the reads used the bucket key still held
        assertThat(audit).contains("arn:aws:s3:::" + bucket + "\"");
    }

    /**
     * A bucket key serves writes for five minutes of emulator time and its plaintext serves reads
     * as long: S3 asks KMS once per bucket key, not once per object, for GETs as for PUTs ("Reducing
     * the cost of SSE-KMS with Amazon S3 Bucket Keys").
     */
    @Test
    void aBucketKeyServesFiveMinutesOfWritesAndReads(S3Client s3, KmsClient kms, URI endpoint) throws Exception {
        String keyArn = kms.createKey(b -> {}).keyMetadata().arn();
        String bucket = bucketName("sse-bucket-key-life");
        s3.createBucket(b -> b.bucket(bucket));
        putWithBucketKey(s3, bucket, keyArn, "first", 10);
        getAll(s3, bucket, "first", 10);
        assertThat(operations(audit(endpoint, keyArn))).containsExactly("GenerateDataKey");

        assertThat(AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"PT5M\"}").statusCode()).isEqualTo(200);
        getAll(s3, bucket, "first", 10); // the held plaintext has lapsed: one Decrypt of the bucket key, then held again
        assertThat(operations(audit(endpoint, keyArn))).containsExactly("GenerateDataKey", "Decrypt");
        putWithBucketKey(s3, bucket, keyArn, "second", 10); // a new bucket key for writes
        getAll(s3, bucket, "second", 10);
        getAll(s3, bucket, "first", 10);
        assertThat(operations(audit(endpoint, keyArn))).containsExactly("GenerateDataKey", "Decrypt", "GenerateDataKey");
    }

    private static void putWithBucketKey(S3Client s3, String bucket, String keyArn, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String key = prefix + i;
            s3.putObject(b -> b.bucket(bucket).key(key).serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyArn)
                    .bucketKeyEnabled(true), RequestBody.fromString(key));
        }
    }

    private static void getAll(S3Client s3, String bucket, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String key = prefix + i;
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo(key);
        }
    }

    @Test
    void theBucketsDefaultEncryptionAppliesToWritesThatNameNone(S3Client s3, KmsClient kms) {
        String keyArn = kms.createKey(b -> {}).keyMetadata().arn();
        String bucket = bucketName("sse-default");
        s3.createBucket(b -> b.bucket(bucket));
        ServerSideEncryptionRule rule = s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0);
        assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(rule.bucketKeyEnabled()).isFalse();

        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID(keyArn))
                .bucketKeyEnabled(true))));
        GetBucketEncryptionResponse configured = s3.getBucketEncryption(b -> b.bucket(bucket));
        assertThat(configured.serverSideEncryptionConfiguration().rules().get(0).applyServerSideEncryptionByDefault().kmsMasterKeyID())
                .isEqualTo(keyArn);
        PutObjectResponse byDefault = s3.putObject(b -> b.bucket(bucket).key("d"), RequestBody.fromString("default"));
        assertThat(byDefault.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(byDefault.ssekmsKeyId()).isEqualTo(keyArn);
        assertThat(byDefault.bucketKeyEnabled()).isTrue();
        PutObjectResponse asked = s3.putObject(b -> b.bucket(bucket).key("s").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromString("s3"));
        assertThat(asked.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(asked.ssekmsKeyId()).isNull();

        assertS3Error(() -> s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256).kmsMasterKeyID(keyArn))))),
                "InvalidArgument", 400);
        s3.deleteBucketEncryption(b -> b.bucket(bucket));
        assertThat(s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0)
                .applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.putObject(b -> b.bucket(bucket).key("after"), RequestBody.fromString("x")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void multipartUploadsAndCopiesKeepOrChangeEncryptionAsAsked(S3Client s3, KmsClient kms) {
        String keyArn = kms.createKey(b -> {}).keyMetadata().arn();
        String bucket = bucketName("sse-mp");
        s3.createBucket(b -> b.bucket(bucket));
        CreateMultipartUploadResponse created = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyArn));
        assertThat(created.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(created.ssekmsKeyId()).isEqualTo(keyArn);
        byte[] one = random(5 << 20, 2);
        byte[] two = random(1000, 3);
        List<CompletedPart> parts = new ArrayList<>();
        for (byte[] part : List.of(one, two)) {
            int n = parts.size() + 1;
            UploadPartResponse up = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(created.uploadId()).partNumber(n),
                    RequestBody.fromBytes(part));
            assertThat(up.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(up.ssekmsKeyId()).isEqualTo(keyArn);
            parts.add(CompletedPart.builder().partNumber(n).eTag(up.eTag()).build());
        }
        var done = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(created.uploadId())
                .multipartUpload(m -> m.parts(parts)));
        assertThat(done.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(done.ssekmsKeyId()).isEqualTo(keyArn);
        byte[] whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")).asByteArray();
        assertThat(whole).hasSize(one.length + two.length);

        CopyObjectResponse toS3 = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("mp").destinationBucket(bucket)
                .destinationKey("copy-s3"));
        assertThat(toS3.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256); // the target's default, not the source's
        CopyObjectResponse toKms = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("mp").destinationBucket(bucket)
                .destinationKey("mp").serverSideEncryption(ServerSideEncryption.AWS_KMS).bucketKeyEnabled(true));
        assertThat(toKms.ssekmsKeyId()).isEqualTo(kms.describeKey(b -> b.keyId("alias/aws/s3")).keyMetadata().arn());
        assertThat(toKms.bucketKeyEnabled()).isTrue();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy-s3")).asByteArray()).isEqualTo(whole);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")).asByteArray()).isEqualTo(whole);
    }

    @Test
    void encryptionHeadersAreCheckedAsS3ChecksThem(S3Client s3) {
        String bucket = bucketName("sse-invalid");
        s3.createBucket(b -> b.bucket(bucket));
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsEncryptionContext("not base64 json"), RequestBody.fromString("x")), "InvalidArgument", 400);
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("k").ssekmsKeyId("alias/x"), RequestBody.fromString("x")),
                "InvalidArgument", 400);
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("k").serverSideEncryption("aws:other"), RequestBody.fromString("x")),
                "InvalidArgument", 400);
    }

    @Test
    void noObjectIsOnDiskInPlaintext(S3Client s3, KmsClient kms, TarnProcess server) throws IOException {
        String keyArn = kms.createKey(b -> {}).keyMetadata().arn();
        String bucket = bucketName("sse-scan");
        s3.createBucket(b -> b.bucket(bucket));
        byte[] marker = "TARN-IT-PLAINTEXT-MARKER".getBytes(StandardCharsets.US_ASCII);
        byte[] small = marker;
        byte[] big = concat(marker, random(200_000, 4), marker);
        s3.putObject(b -> b.bucket(bucket).key("small").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyArn),
                RequestBody.fromBytes(small));
        s3.putObject(b -> b.bucket(bucket).key("big").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyArn)
                .bucketKeyEnabled(true), RequestBody.fromBytes(big));
        s3.putObject(b -> b.bucket(bucket).key("s3"), RequestBody.fromBytes(big));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp").serverSideEncryption(ServerSideEncryption.AWS_KMS))
                .uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(big)).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));

        assertThat(filesContaining(server.dataDir(), marker)).isEmpty();
    }

    static List<Path> filesContaining(Path dir, byte[] needle) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(p -> indexOf(read(p), needle) >= 0).toList();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return new byte[0]; // a file removed while scanning (a temp file, an old log) held nothing to find
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String audit(URI endpoint, String keyArn) throws Exception {
        String keyId = keyArn.substring(keyArn.lastIndexOf('/') + 1);
        return AdminCalls.send(endpoint, "GET", "/_tarn/kms/audit?keyId=" + keyId, null).body();
    }

    private static List<String> operations(String audit) {
        List<String> out = new ArrayList<>();
        Matcher m = OPERATION.matcher(audit);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
