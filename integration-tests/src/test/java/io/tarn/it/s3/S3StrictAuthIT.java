package io.tarn.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * With --auth strict, S3 requests are verified too, including the chunk signatures of the signed
 * aws-chunked bodies the SDK sends over plain HTTP (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER).
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--auth", "strict"})
class S3StrictAuthIT {

    static S3Client client(URI endpoint, String secret) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", secret))).build();
    }

    @Test
    void signedChunkedUploadsAreVerifiedAndStored(URI endpoint) {
        byte[] data = new byte[300_000]; // several chunks
        new Random(7).nextBytes(data);
        try (S3Client s3 = client(endpoint, "test")) {
            s3.createBucket(b -> b.bucket("strict-chunks"));
            s3.putObject(b -> b.bucket("strict-chunks").key("k"), RequestBody.fromBytes(data));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("strict-chunks").key("k")).asByteArray()).isEqualTo(data);
        }
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch(URI endpoint) {
        try (S3Client good = client(endpoint, "test"); S3Client bad = client(endpoint, "wrong")) {
            good.createBucket(b -> b.bucket("strict-wrong"));
            assertThatThrownBy(() -> bad.putObject(b -> b.bucket("strict-wrong").key("k"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
            assertThat(good.listObjectsV2(b -> b.bucket("strict-wrong")).contents()).isEmpty();
        }
    }
}
