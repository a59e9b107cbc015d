package io.tarn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tarn.core.config.AuthMode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** The {@code @RegisterExtension} form: settings reach the server and the injected clients. */
class TarnExtensionBuilderTest {

    @RegisterExtension
    static final TarnExtension TARN = TarnExtension.builder()
            .timeScale(0)
            .authMode(AuthMode.STRICT)
            .credentials("111122223333", "test")
            .config(c -> c.defaultRegion("eu-west-1"))
            .build();

    @Test
    void frozenClockMovesOnlyWhenAdvanced(TarnInstance tarn) throws InterruptedException {
        Instant start = tarn.clock().instant();
        Thread.sleep(20);
        assertThat(tarn.clock().instant()).isEqualTo(start);
        assertThat(tarn.advanceClock(Duration.ofHours(1))).isEqualTo(start.plus(Duration.ofHours(1)));
    }

    @Test
    void clientsUseTheConfiguredRegionAndCredentials(TarnInstance tarn, StsClient sts) {
        assertThat(tarn.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(sts.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        // a 12-digit access key is its own account
        assertThat(sts.getCallerIdentity().account()).isEqualTo("111122223333");
    }

    @Test
    void strictModeRejectsAWrongSecret(TarnInstance tarn) {
        try (StsClient sts = tarn.configure(StsClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "wrong")))
                .build()) {
            StsException e = catchThrowableOfType(StsException.class, sts::getCallerIdentity);
            assertThat(e).isNotNull();
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        }
    }
}
