package io.tarn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

@ExtendWith(TarnExtension.class)
class TarnExtensionTest {

    private static TarnInstance started;

    @BeforeAll
    static void lifecycleMethodsGetTheInstance(TarnInstance tarn) {
        started = tarn;
    }

    @Test
    void instanceDescribesTheServer(TarnInstance tarn) throws Exception {
        assertThat(tarn).isSameAs(started);
        assertThat(tarn.endpoint().getScheme()).isEqualTo("http");
        assertThat(tarn.endpoint().getPort()).isPositive().isNotEqualTo(4566);
        assertThat(tarn.region()).isEqualTo(Region.US_EAST_1);
        assertThat(tarn.accessKeyId()).isEqualTo("test");
        assertThat(tarn.secretAccessKey()).isEqualTo("test");
        assertThat(tarn.credentialsProvider().resolveCredentials().accessKeyId()).isEqualTo("test");

        HttpURLConnection health = (HttpURLConnection) tarn.endpoint().resolve("/_tarn/health").toURL().openConnection();
        try {
            assertThat(health.getResponseCode()).isEqualTo(200);
        } finally {
            health.disconnect();
        }
    }

    @Test
    void advancingTheClockMovesEmulatorTime(TarnInstance tarn) {
        Instant before = tarn.clock().instant();
        Instant after = tarn.advanceClock(Duration.ofDays(30));
        assertThat(after).isAfterOrEqualTo(before.plus(Duration.ofDays(30)));
        assertThat(tarn.clock().instant()).isAfterOrEqualTo(after);
    }

    @Test
    void s3ClientParameterIsConfiguredForPathStyle(S3Client s3, S3AsyncClient s3Async) {
        s3.createBucket(b -> b.bucket("extension-bucket"));
        s3.putObject(b -> b.bucket("extension-bucket").key("a/b.txt"), RequestBody.fromString("hello"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("extension-bucket").key("a/b.txt")).asUtf8String()).isEqualTo("hello");
        assertThat(s3Async.listObjectsV2(b -> b.bucket("extension-bucket")).join().contents())
                .extracting(o -> o.key()).containsExactly("a/b.txt");
    }

    @Test
    void stsClientParameterIsConfigured(StsClient sts) {
        GetCallerIdentityResponse identity = sts.getCallerIdentity();
        assertThat(identity.account()).isEqualTo("000000000000");
        assertThat(identity.arn()).startsWith("arn:aws:iam::000000000000:");
    }

    @Test
    void asyncClientParameterIsConfigured(StsAsyncClient sts) {
        assertThat(sts.getCallerIdentity().join().account()).isEqualTo("000000000000");
    }

    @Test
    void configureSetsUpABuilder(TarnInstance tarn) {
        try (StsClient sts = tarn.configure(StsClient.builder()).build()) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
        }
    }

    @Test
    void kmsEncryptDecryptRoundTrip(KmsClient kms) {
        KeyMetadata key = kms.createKey(b -> b.description("tarn-testing round trip")).keyMetadata();
        assertThat(key.arn()).startsWith("arn:aws:kms:us-east-1:000000000000:key/");

        SdkBytes plaintext = SdkBytes.fromUtf8String("hello, tarn");
        EncryptResponse encrypted = kms.encrypt(b -> b.keyId(key.keyId()).plaintext(plaintext));
        assertThat(encrypted.ciphertextBlob().asByteArray()).isNotEqualTo(plaintext.asByteArray());

        DecryptResponse decrypted = kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()));
        assertThat(decrypted.plaintext()).isEqualTo(plaintext);
        assertThat(decrypted.keyId()).isEqualTo(key.arn());
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheOuterServer(TarnInstance tarn, StsClient sts) {
            assertThat(tarn).isSameAs(started);
            assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
        }
    }
}
