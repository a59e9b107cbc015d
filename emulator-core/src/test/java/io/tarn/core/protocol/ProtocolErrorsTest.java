package io.tarn.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.Protocol;
import io.tarn.core.spi.ServiceResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The last-resort 500 in each protocol's error shape, as the SDKs parse it. */
class ProtocolErrorsTest {

    @Test
    void restXmlIsS3sInternalError() {
        ServiceResponse r = ProtocolErrors.internalError(Protocol.REST_XML, "req-1", "GET", null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.headers()).containsEntry("content-type", "application/xml").containsEntry("x-amz-request-id", "req-1");
        assertThat(body(r)).contains("<Error><Code>InternalError</Code>")
                .contains("<Message>We encountered an internal error. Please try again.</Message>")
                .contains("<RequestId>req-1</RequestId>");
    }

    @Test
    void aHeadAnswerHasNoBody() {
        assertThat(ProtocolErrors.internalError(Protocol.REST_XML, "req-1", "HEAD", null).body()).isEmpty();
    }

    @Test
    void jsonIsInternalFailureWithItsType() {
        ServiceResponse r = ProtocolErrors.internalError(Protocol.JSON, "req-2", "POST", "application/x-amz-json-1.0");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.headers()).containsEntry("content-type", "application/x-amz-json-1.0")
                .containsEntry("x-amzn-errortype", "InternalFailure");
        assertThat(body(r)).contains("\"__type\":\"InternalFailure\"");
    }

    @Test
    void queryIsAnErrorResponseOfTheReceiver() {
        ServiceResponse r = ProtocolErrors.internalError(Protocol.QUERY, "req-3", "POST", "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.headers()).containsEntry("content-type", "text/xml").containsEntry("x-amzn-requestid", "req-3");
        assertThat(body(r)).contains("<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code>")
                .contains("<RequestId>req-3</RequestId>");
    }

    private static String body(ServiceResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
