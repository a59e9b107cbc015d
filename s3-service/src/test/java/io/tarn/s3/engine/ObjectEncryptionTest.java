package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.Namespace;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.encryption.BucketKeys;
import io.tarn.s3.engine.encryption.CustomerKey;
import io.tarn.s3.engine.encryption.EncryptionRequest;
import io.tarn.s3.model.BucketEncryption;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SSE-KMS (with and without Bucket Keys), SSE-C and buckets' default encryption, on a real store. */
class ObjectEncryptionTest extends EngineFixture {

    private static final String B = "enc";
    private static final Namespace NS = new Namespace(OWNER, "us-east-1");
    private String keyArn;

    @BeforeEach
    void setUp() {
        keepSmallObjectsInTheStore(); // as the server: small objects in RocksDB, larger ones in files
        bucket(B);
        keyArn = kms.createKey(NS, "1234abcd-0000-0000-0000-000000000001");
    }

    @Test
    void sseKmsAsksKmsForEachObjectsKeyWithTheObjectArnAndDecryptsOnEveryRead() {
        byte[] data = bytes(100_000, 1);
        ObjectVersion v = put("a/b.txt", data, kmsRequest(keyArn, null, false));

        assertThat(v.sse().algorithm()).isEqualTo("aws:kms");
        assertThat(v.sse().kmsKeyArn()).isEqualTo(keyArn);
        assertThat(kms.calls).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo("GenerateDataKey");
            assertThat(c.context()).isEqualTo(Map.of("aws:s3:arn", "arn:aws:s3:::enc/a/b.txt"));
        });
        assertThat(read(v)).isEqualTo(data);
        assertThat(read(v)).isEqualTo(data);
        assertThat(kms.count("Decrypt")).isEqualTo(2);
    }

    @Test
    void theWritersContextIsKeptAsGivenAndKmsGetsItWithTheArn() {
        String context = Base64.getEncoder().encodeToString("{\"project\":\"tarn\"}".getBytes(StandardCharsets.UTF_8));
        ObjectVersion v = put("k", bytes(10, 2), kmsRequest(keyArn, context, false));

        assertThat(v.sse().context()).isEqualTo(context);
        assertThat(kms.calls.get(0).context()).isEqualTo(Map.of("project", "tarn", "aws:s3:arn", "arn:aws:s3:::enc/k"));
        assertThat(read(v)).isEqualTo(bytes(10, 2));
    }

    @Test
    void theAwsManagedKeyIsUsedWhenNoKeyIsNamed() {
        ObjectVersion v = put("k", bytes(10, 3), kmsRequest(null, null, false));

        assertThat(v.sse().kmsKeyArn()).isEqualTo(NS.arn("kms", "key/aws-s3"));
        assertThat(read(v)).isEqualTo(bytes(10, 3));
    }

    @Test
    void aDisabledKeyRefusesWritesAndReadsUntilEnabledAgain() {
        ObjectVersion v = put("k", bytes(50_000, 4), kmsRequest(keyArn, null, false));
        kms.disable(keyArn);

        assertAws(() -> read(v), "KMS.DisabledException", 400);
        assertAws(() -> put("k2", bytes(10, 5), kmsRequest(keyArn, null, false)), "KMS.DisabledException", 400);

        kms.enable(keyArn);
        assertThat(read(v)).isEqualTo(bytes(50_000, 4));
    }

    @Test
    void bucketKeysCostOneGenerateDataKeyPerLifetimeAndOneDecryptPerLifetime() {
        List<ObjectVersion> written = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            written.add(put("k" + i, bytes(1000, i), kmsRequest(keyArn, null, true)));
        }
        assertThat(kms.count("GenerateDataKey")).isEqualTo(1);
        assertThat(kms.calls.get(0).context()).isEqualTo(Map.of("aws:s3:arn", "arn:aws:s3:::enc"));
        assertThat(written).allSatisfy(v -> assertThat(v.sse().bucketKeyEnabled()).isTrue());

        reopen(); // a restart forgets the plaintext: the first read decrypts the bucket key once
        for (int i = 0; i < 10; i++) {
            assertThat(read(written.get(i))).isEqualTo(bytes(1000, i));
        }
        assertThat(kms.count("Decrypt")).isEqualTo(1);

        clock.advance(BucketKeys.LIFETIME.plus(Duration.ofSeconds(1)));
        put("later", bytes(10, 99), kmsRequest(keyArn, null, true));
        assertThat(kms.count("GenerateDataKey")).isEqualTo(2);
    }

    @Test
    void aDisabledKeyRefusesReadsOfBucketKeyObjectsEvenWhileTheBucketKeyIsCached() {
        ObjectVersion v = put("k", bytes(100, 6), kmsRequest(keyArn, null, true));
        kms.disable(keyArn);
        assertAws(() -> read(v), "KMS.DisabledException", 400);
        kms.enable(keyArn);
        assertThat(read(v)).isEqualTo(bytes(100, 6));
    }

    @Test
    void theBucketDefaultAppliesToWritesThatNameNoEncryption() {
        objects.encryption().defaults().put(B, new BucketEncryption(BucketEncryption.SCHEMA, "aws:kms", keyArn, true));
        ObjectVersion byDefault = put("k", bytes(10, 7), null);
        ObjectVersion asked = put("s3", bytes(10, 8), new EncryptionRequest("AES256", null, null, null, null));

        assertThat(byDefault.sse().kmsKeyArn()).isEqualTo(keyArn);
        assertThat(byDefault.sse().bucketKeyEnabled()).isTrue();
        assertThat(asked.sse()).isNull();
        assertThat(read(byDefault)).isEqualTo(bytes(10, 7));

        objects.encryption().defaults().delete(B);
        assertThat(put("k3", bytes(10, 9), null).sse()).isNull();
    }

    @Test
    void sseCNeedsTheSameKeyToRead() {
        CustomerKey key = customerKey(1);
        byte[] data = bytes(200_000, 10);
        ObjectVersion v = put("c", data, new EncryptionRequest(null, null, null, null, key));

        assertThat(v.sse().customerKey()).isTrue();
        assertThat(readWith(v, key)).isEqualTo(data);
        assertAws(() -> readWith(v, null), "InvalidRequest", 400);
        assertAws(() -> readWith(v, customerKey(2)), "AccessDenied", 403);

        ObjectVersion plain = put("p", data, null);
        assertAws(() -> readWith(plain, key), "InvalidRequest", 400);
    }

    @Test
    void anSseCUploadNeedsItsKeyOnEveryPartAndTheObjectOnEveryRead() {
        CustomerKey key = customerKey(3);
        MultipartUpload upload = uploads.create(B, "mp", withEncryption(new EncryptionRequest(null, null, null, null, key)), null, null);
        byte[] one = bytes(5 * MIB, 11);
        byte[] two = bytes(1000, 12);

        assertAws(() -> uploads.beginPart(B, "mp", upload.uploadId(), 1, Integrity.NONE), "InvalidRequest", 400);
        assertAws(() -> uploads.beginPart(B, "mp", upload.uploadId(), 1, Integrity.NONE, customerKey(4)), "InvalidRequest", 400);
        var p1 = part(upload, 1, one, key);
        var p2 = part(upload, 2, two, key);
        ObjectVersion v = completed(uploads.complete(B, "mp", upload.uploadId(), List.of(p1, p2), WriteCondition.NONE, null, null));

        assertThat(readWith(v, key)).isEqualTo(concat(one, two));
        assertAws(() -> readWith(v, null), "InvalidRequest", 400);
    }

    @Test
    void aCopyTakesTheEncryptionItAsksForNotTheSources() {
        CustomerKey key = customerKey(5);
        ObjectVersion source = put("src", bytes(1000, 13), new EncryptionRequest(null, null, null, null, key));

        ObjectVersion copy = objects.copy(source, key, B, "dst", withEncryption(kmsRequest(keyArn, null, false)), null,
                WriteCondition.NONE);

        assertThat(copy.sse().kmsKeyArn()).isEqualTo(keyArn);
        assertThat(read(copy)).isEqualTo(bytes(1000, 13));
        assertAws(() -> objects.copy(source, null, B, "dst2", attrs(), null, WriteCondition.NONE), "InvalidRequest", 400);
    }

    @Test
    void noObjectIsOnDiskInPlaintextWhateverItsEncryption() throws IOException {
        byte[] marker = "TARN-PLAINTEXT-MARKER-".repeat(50).getBytes(StandardCharsets.US_ASCII);
        byte[] big = concat(marker, bytes(300_000, 14), marker);
        put("kms-small", marker, kmsRequest(keyArn, null, false));
        put("kms-big", big, kmsRequest(keyArn, null, true));
        put("c-small", marker, new EncryptionRequest(null, null, null, null, customerKey(6)));
        put("c-big", big, new EncryptionRequest(null, null, null, null, customerKey(6)));
        put("s3", big, null);
        MultipartUpload upload = uploads.create(B, "mp", withEncryption(kmsRequest(keyArn, null, false)), null, null);
        var p1 = part(upload, 1, concat(marker, bytes(5 * MIB, 15)), null);
        var p2 = part(upload, 2, marker, null);
        uploads.complete(B, "mp", upload.uploadId(), List.of(p1, p2), WriteCondition.NONE, null, null);
        closeEngines(); // everything flushed to the files a scan can see
        try {
            byte[] needle = Arrays.copyOf(marker, 22);
            assertThat(filesContaining(needle)).isEmpty();
            Files.write(dir.resolve("control"), big); // the scan finds plaintext where there is some
            assertThat(filesContaining(needle)).containsExactly(dir.resolve("control"));
        } finally {
            openEngines();
        }
    }

    // ---- helpers

    private List<Path> filesContaining(byte[] needle) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(p -> contains(p, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] hay = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EncryptionRequest kmsRequest(String keyId, String context, boolean bucketKey) {
        return new EncryptionRequest("aws:kms", keyId, context, bucketKey, null);
    }

    private static CustomerKey customerKey(int seed) {
        byte[] raw = bytes(32, 1000 + seed);
        return CustomerKey.of("AES256", Base64.getEncoder().encodeToString(raw), md5Base64(raw), false);
    }

    private static ObjectAttributes withEncryption(EncryptionRequest request) {
        ObjectAttributes a = attrs();
        return new ObjectAttributes(a.owner(), a.storageClass(), a.headers(), a.metadata(), a.tags(), a.acl(), null, request);
    }

    private ObjectVersion put(String key, byte[] data, EncryptionRequest request) {
        ObjectEngine.PendingPut put = objects.beginPut(B, key, withEncryption(request), WriteCondition.NONE, Integrity.NONE);
        writeInChunks(data, put::write);
        return put.commit(null);
    }

    private MultipartEngine.CompletedPart part(MultipartUpload upload, int number, byte[] data, CustomerKey key) {
        MultipartEngine.PendingPart part = uploads.beginPart(B, upload.key(), upload.uploadId(), number, Integrity.NONE, key);
        writeInChunks(data, part::write);
        return new MultipartEngine.CompletedPart(number, '"' + part.commit(null).stored().etag() + '"', null);
    }

    private byte[] readWith(ObjectVersion v, CustomerKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectReader reader = objects.open(v, 0, v.size(), key)) {
            for (ByteBuffer chunk = reader.next(); chunk != null; chunk = reader.next()) {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }
}
