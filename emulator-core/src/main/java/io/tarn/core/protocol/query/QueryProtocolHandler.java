package io.tarn.core.protocol.query;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.tarn.core.error.AwsException;
import io.tarn.core.error.CommonErrors;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Serves a query-protocol service (STS): {@code Action} and parameters from the form body (or
 * the query string), answers as {@code <ActionResponse><ActionResult>...</ActionResult>
 * <ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>}, errors as
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 */
public final class QueryProtocolHandler implements RequestHandler {

    private static final String XML = "text/xml";

    private final String xmlns;
    private final String version;
    private final Map<String, QueryOperation> operations;

    /**
     * @param xmlns the service's XML namespace ({@code https://sts.amazonaws.com/doc/2011-06-15/})
     * @param version the API version requests name
     * @param operations by action name; operations known but not built throw their error
     */
    public QueryProtocolHandler(String xmlns, String version, Map<String, QueryOperation> operations) {
        this.xmlns = xmlns;
        this.version = version;
        this.operations = Map.copyOf(operations);
    }

    @Override
    public long maxBodyBytes() {
        return 1 << 20;
    }

    @Override
    public ServiceResponse handle(ServiceRequest request) {
        QueryParams params = params(request);
        String action = params.get("Action");
        if (action == null) {
            throw CommonErrors.MISSING_ACTION.exception("Missing Action");
        }
        QueryOperation op = operations.get(action);
        if (op == null) {
            throw CommonErrors.INVALID_ACTION.exception("Could not find operation %s for version %s", action,
                    params.values().getOrDefault("Version", version));
        }
        XmlWriter xml = new XmlWriter().start(action + "Response", xmlns).start(action + "Result");
        op.invoke(request.context(), params, xml);
        xml.end().start("ResponseMetadata").element("RequestId", request.context().requestId()).end().end();
        return ServiceResponse.of(200, XML, xml.toBytes()).withHeader("x-amzn-requestid", request.context().requestId());
    }

    @Override
    public ServiceResponse error(ServiceRequest request, AwsException error) {
        return errorResponse(xmlns, request.context().requestId(), error);
    }

    /** An error in the query shape; {@code xmlns} is the service's namespace, omitted when null. */
    public static ServiceResponse errorResponse(@Nullable String xmlns, String requestId, AwsException error) {
        XmlWriter xml = new XmlWriter().start("ErrorResponse", xmlns)
                .start("Error")
                .element("Type", error.error().senderFault() ? "Sender" : "Receiver")
                .element("Code", error.code())
                .element("Message", error.getMessage())
                .end()
                .element("RequestId", requestId)
                .end();
        return ServiceResponse.of(error.status(), XML, xml.toBytes()).withHeader("x-amzn-requestid", requestId);
    }

    private static QueryParams params(ServiceRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        request.query().forEach((k, v) -> values.put(k, v.isEmpty() ? "" : v.get(0)));
        String contentType = request.header("content-type");
        if (request.body().length > 0 && (contentType == null || contentType.startsWith("application/x-www-form-urlencoded"))) {
            Map<String, List<String>> form = new QueryStringDecoder(new String(request.body(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8, false, 10_000).parameters();
            form.forEach((k, v) -> values.put(k, v.isEmpty() ? "" : v.get(0)));
        }
        return new QueryParams(values);
    }
}
