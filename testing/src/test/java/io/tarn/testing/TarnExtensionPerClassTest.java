package io.tarn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sts.StsClient;

/** With one instance per class the constructor is resolved before beforeAll: the server starts then. */
@ExtendWith(TarnExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TarnExtensionPerClassTest {

    private final StsClient sts;
    private final TarnInstance tarn;

    TarnExtensionPerClassTest(StsClient sts, TarnInstance tarn) {
        this.sts = sts;
        this.tarn = tarn;
    }

    @Test
    void constructorParametersAreResolved(TarnInstance sameTarn) {
        assertThat(sameTarn).isSameAs(tarn);
        assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
    }
}
