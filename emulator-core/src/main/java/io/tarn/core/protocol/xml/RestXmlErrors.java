package io.tarn.core.protocol.xml;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.ServiceResponse;
import java.util.Map;

/**
 * Errors in the rest-xml shape S3 uses: {@code <Error><Code/><Message/>...<RequestId/></Error>}
 * with the fields some errors add ({@code BucketName}, {@code Key}), the request id headers, and
 * no body at all for HEAD.
 */
public final class RestXmlErrors {

    private RestXmlErrors() {}

    public static ServiceResponse response(AwsException error, String requestId, String hostId, boolean head) {
        byte[] body = new byte[0];
        if (!head) {
            XmlWriter xml = new XmlWriter().start("Error")
                    .element("Code", error.code())
                    .element("Message", error.getMessage());
            for (Map.Entry<String, String> extra : error.extra().entrySet()) {
                xml.element(extra.getKey(), extra.getValue());
            }
            body = xml.element("RequestId", requestId).element("HostId", hostId).end().toBytes();
        }
        ServiceResponse response = ServiceResponse.of(error.status(), "application/xml", body)
                .withHeader("x-amz-request-id", requestId)
                .withHeader("x-amz-id-2", hostId);
        error.headers().forEach(response::withHeader);
        return response;
    }
}
