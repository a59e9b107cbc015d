package io.tarn.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.ErrorCode;
import io.tarn.core.protocol.query.QueryProtocolHandler;
import io.tarn.core.protocol.xml.RestXmlErrors;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.time.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlProtocolTest {

    private record Code(String code, int status) implements ErrorCode {}

    private static final RequestContext CTX = new RequestContext("req-1", new Namespace("000000000000", "us-east-1"),
            Caller.root("test", "000000000000"), "sts", EmulatorClock.manual(Instant.EPOCH));

    private static ServiceRequest form(String body) {
        return new ServiceRequest(CTX, "POST", "/", Map.of(),
                Map.of("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ServiceResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void xmlIsEscaped() {
        String xml = new XmlWriter().start("A").element("B", "<&>\"").end().toString();
        assertThat(xml).contains("<B>&lt;&amp;&gt;\"</B>");
    }

    @Test
    void restXmlErrorsCarryExtrasAndNoBodyOnHead() {
        AwsException e = new Code("NoSuchBucket", 404).exception("The specified bucket does not exist").with("BucketName", "b");
        ServiceResponse get = RestXmlErrors.response(e, "R1", "H1", false);
        assertThat(text(get)).contains("<Code>NoSuchBucket</Code>").contains("<BucketName>b</BucketName>")
                .contains("<RequestId>R1</RequestId>");
        assertThat(get.headers()).containsEntry("x-amz-request-id", "R1").containsEntry("x-amz-id-2", "H1");
        ServiceResponse head = RestXmlErrors.response(e, "R1", "H1", true);
        assertThat(head.body()).isEmpty();
        assertThat(head.status()).isEqualTo(404);
    }

    @Test
    void queryProtocolWrapsResultsAndErrors() {
        QueryProtocolHandler handler = new QueryProtocolHandler("https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15",
                Map.of("Hello", (ctx, params, xml) -> xml.element("Name", params.require("Name"))));
        ServiceResponse ok = handler.handle(form("Action=Hello&Version=2011-06-15&Name=a%20b"));
        assertThat(text(ok)).contains("<HelloResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<HelloResult><Name>a b</Name></HelloResult>")
                .contains("<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>");

        try {
            handler.handle(form("Action=Nope&Version=2011-06-15"));
        } catch (AwsException e) {
            ServiceResponse err = handler.error(form(""), e);
            assertThat(err.status()).isEqualTo(400);
            assertThat(text(err)).contains("<Type>Sender</Type>").contains("<Code>InvalidAction</Code>")
                    .contains("<RequestId>req-1</RequestId>");
            return;
        }
        throw new AssertionError("an unknown action must fail");
    }
}
