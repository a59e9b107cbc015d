package io.tarn.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.http.RequestHead;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.Protocol;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.spi.ServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests for services this server lacks: recognised before S3 takes them, answered in their own protocol. */
class UnservedServiceTest {

    private static AwsService service(ServiceDescriptor descriptor) {
        return new AwsService() {
            @Override
            public ServiceDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public RequestHandler start(ServiceContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private final ServiceResolver resolver = new ServiceResolver(List.of(
            service(ServiceDescriptor.json("kms", "kms", "TrentService")),
            service(new ServiceDescriptor("s3", List.of("s3"), List.of(), Protocol.REST_XML, true))));

    private static ServiceResolver.Scope scope(String service) {
        return ServiceResolver.scope("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host, Signature=00", null);
    }

    private static RequestHead head(String method, Map<String, List<String>> query, Map<String, List<String>> headers) {
        return new RequestHead(method, "/", "", query, headers);
    }

    private static String body(ServiceResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void theScopeOrTheTargetNamesTheServiceTarnLacks() {
        assertThat(resolver.unserved(scope("sqs"), "AmazonSQS.SendMessage")).isEqualTo("sqs");
        assertThat(resolver.unserved(scope("firehose"), null)).isEqualTo("firehose");
        assertThat(resolver.unserved(null, "AmazonSQS.SendMessage")).isEqualTo("sqs");
        assertThat(resolver.unserved(null, "DynamoDB_20120810.GetItem")).isEqualTo("dynamodb");
        assertThat(resolver.unserved(null, "SomethingElse_2020.Op")).isEqualTo("SomethingElse_2020");
        // ours, or no claim at all (S3 by host and path)
        assertThat(resolver.unserved(scope("kms"), "TrentService.ListKeys")).isNull();
        assertThat(resolver.unserved(scope("kms"), "Unknown.Op")).isNull();
        assertThat(resolver.unserved(scope("s3"), null)).isNull();
        assertThat(resolver.unserved(null, "TrentService.ListKeys")).isNull();
        assertThat(resolver.unserved(null, null)).isNull();
    }

    @Test
    void aJsonServiceGetsAJsonError() {
        ServiceResponse r = UnservedService.response("rid", "sqs", head("POST", Map.of(),
                Map.of("x-amz-target", List.of("AmazonSQS.ListQueues"), "content-type", List.of("application/x-amz-json-1.0"))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers()).containsEntry("content-type", "application/x-amz-json-1.0")
                .containsEntry("x-amzn-errortype", "UnknownOperationException");
        assertThat(body(r)).contains("\"__type\":\"UnknownOperationException\"").contains("Tarn does not serve sqs");
    }

    @Test
    void aQueryServiceGetsAnErrorResponse() {
        ServiceResponse r = UnservedService.response("rid", "sns", head("POST", Map.of(),
                Map.of("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(body(r)).contains("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                + "<Message>Tarn does not serve sns</Message></Error><RequestId>rid</RequestId></ErrorResponse>");
    }

    @Test
    void restServicesGetTheirProtocolsError() {
        ServiceResponse json = UnservedService.response("rid", "lambda", head("GET", Map.of(), Map.of()));
        assertThat(json.headers()).containsEntry("content-type", "application/json")
                .containsEntry("x-amzn-errortype", "UnknownOperationException");
        assertThat(body(json)).contains("Tarn does not serve lambda");

        ServiceResponse xml = UnservedService.response("rid", "route53", head("GET", Map.of(), Map.of()));
        assertThat(xml.headers()).containsEntry("content-type", "application/xml");
        assertThat(body(xml)).contains("<Code>UnknownOperationException</Code>").contains("Tarn does not serve route53");
    }
}
