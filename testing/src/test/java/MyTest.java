import io.tarn.testing.TarnExtension;
import io.tarn.testing.TarnInstance;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.KmsClient;

@ExtendWith(TarnExtension.class)
class MyTest {
    @Test
    void encrypts(KmsClient kms, TarnInstance tarn) {
        String keyId = kms.createKey(b -> {}).keyMetadata().keyId();
        tarn.advanceClock(Duration.ofDays(30));
    }
}
