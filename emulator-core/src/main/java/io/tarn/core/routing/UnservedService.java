package io.tarn.core.routing;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.CommonErrors;
import io.tarn.core.http.RequestHead;
import io.tarn.core.protocol.json.AwsJsonCodec;
import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The answer to a request meant for an AWS service this server does not serve (SQS, DynamoDB,
 * SNS...): a 400 error naming the service, in the protocol that service speaks, so the client's
 * SDK surfaces "Tarn does not serve sqs" instead of failing to parse an S3 error. 400 rather than
 * 501 because SDKs retry 5xx answers, which would only delay the same message.
 */
final class UnservedService {

    /** Services spoken to with awsJson name their X-Amz-Target prefix; these are the common ones. */
    private static final Map<String, String> TARGET_PREFIXES = Map.ofEntries(
            Map.entry("AmazonSQS", "sqs"),
            Map.entry("Firehose_20150804", "firehose"),
            Map.entry("AWSGlue", "glue"),
            Map.entry("DynamoDB_20120810", "dynamodb"),
            Map.entry("DynamoDBStreams_20120810", "dynamodb"),
            Map.entry("Logs_20140328", "logs"),
            Map.entry("AWSEvents", "events"),
            Map.entry("AmazonSSM", "ssm"),
            Map.entry("secretsmanager", "secretsmanager"),
            Map.entry("AWSStepFunctions", "states"),
            Map.entry("AmazonAthena", "athena"),
            Map.entry("GraniteServiceVersion20100801", "monitoring"));
    /** The rest-xml services (S3 too, in a build without it); every other REST service speaks rest-json. */
    private static final Set<String> REST_XML = Set.of("s3", "s3control", "cloudfront", "route53");

    private UnservedService() {}

    /** The service name to show for an X-Amz-Target prefix no service of this server claims. */
    static String nameOfTarget(String prefix) {
        return TARGET_PREFIXES.getOrDefault(prefix, prefix);
    }

    static ServiceResponse response(String requestId, String service, RequestHead head) {
        String message = "Tarn does not serve " + service;
        String contentType = head.header("content-type");
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (head.header("x-amz-target") != null || type.startsWith("application/x-amz-json")
                || type.startsWith("application/x-amz-cbor")) {
            return JsonProtocolHandler.errorResponse(requestId, CommonErrors.UNKNOWN_OPERATION.exception(message),
                    JsonProtocolHandler.responseContentType(contentType));
        }
        if (type.startsWith("application/x-www-form-urlencoded") || head.queryParam("Action") != null) {
            return xmlErrorResponse(requestId, CommonErrors.INVALID_ACTION.exception(message), "text/xml");
        }
        AwsException error = CommonErrors.UNKNOWN_OPERATION.exception(message);
        if (REST_XML.contains(service)) {
            return xmlErrorResponse(requestId, error, "application/xml");
        }
        // rest-json: the SDKs read the code from this header, the message from the body
        return ServiceResponse.of(error.status(), "application/json",
                        AwsJsonCodec.encodeError(error, AwsJsonCodec.JSON_1_1))
                .withHeader("x-amzn-requestid", requestId)
                .withHeader("x-amzn-errortype", error.code());
    }

    /** The ErrorResponse shape of the query protocol, which the rest-xml services other than S3 share. */
    private static ServiceResponse xmlErrorResponse(String requestId, AwsException error, String contentType) {
        byte[] body = new XmlWriter().start("ErrorResponse")
                .start("Error")
                .element("Type", "Sender")
                .element("Code", error.code())
                .element("Message", error.getMessage())
                .end()
                .element("RequestId", requestId)
                .end().toBytes();
        return ServiceResponse.of(error.status(), contentType, body).withHeader("x-amzn-requestid", requestId);
    }
}
