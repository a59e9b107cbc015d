package io.tarn.core.protocol.json;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.CommonErrors;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;

/**
 * Serves a JSON (and CBOR) service from its {@link OperationRegistry}: the operation named by
 * {@code X-Amz-Target} decodes its input, runs, and its output is encoded in the request's
 * content type.
 */
public final class JsonProtocolHandler implements RequestHandler {

    private final ServiceDescriptor descriptor;
    private final OperationRegistry operations;
    private final long maxBodyBytes;

    public JsonProtocolHandler(ServiceDescriptor descriptor, OperationRegistry operations, long maxBodyBytes) {
        this.descriptor = descriptor;
        this.operations = operations;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public ServiceResponse handle(ServiceRequest request) {
        String contentType = responseContentType(request.header("content-type"));
        OperationRegistry.Registered<?, ?> op = operation(request.header("x-amz-target"));
        Object output = invoke(op, request.context(), request.body(), contentType);
        ServiceResponse response = ServiceResponse.of(200, contentType, AwsJsonCodec.encode(output, contentType));
        return response.withHeader("x-amzn-requestid", request.context().requestId());
    }

    private OperationRegistry.Registered<?, ?> operation(String target) {
        if (target != null) {
            int dot = target.indexOf('.');
            if (dot > 0 && descriptor.targetPrefixes().contains(target.substring(0, dot))) {
                OperationRegistry.Registered<?, ?> op = operations.find(target.substring(dot + 1));
                if (op != null) {
                    return op;
                }
            }
        }
        throw CommonErrors.UNKNOWN_OPERATION.exception("Operation %s is not known to %s.", target, descriptor.name());
    }

    private static <I, O> O invoke(OperationRegistry.Registered<I, O> op, RequestContext ctx, byte[] body, String contentType) {
        I input = op.inputType() == Void.class ? null : AwsJsonCodec.decode(body, op.inputType(), contentType);
        return op.operation().invoke(ctx, input);
    }

    @Override
    public ServiceResponse error(ServiceRequest request, AwsException error) {
        return errorResponse(request.context().requestId(), error, responseContentType(request.header("content-type")));
    }

    /** An error in the awsJson shape: {@code __type} and {@code message}, with the request id. */
    public static ServiceResponse errorResponse(String requestId, AwsException error, String contentType) {
        return ServiceResponse.of(error.status(), contentType, AwsJsonCodec.encodeError(error, contentType))
                .withHeader("x-amzn-requestid", requestId)
                .withHeader("x-amzn-errortype", error.code());
    }

    /** The content type to answer a request of {@code requestContentType} in (CBOR, JSON 1.0 or 1.1). */
    public static String responseContentType(String requestContentType) {
        if (requestContentType == null) {
            return AwsJsonCodec.JSON_1_1;
        }
        if (AwsJsonCodec.isCbor(requestContentType)) {
            return AwsJsonCodec.CBOR_1_1;
        }
        return requestContentType.startsWith(AwsJsonCodec.JSON_1_0) ? AwsJsonCodec.JSON_1_0 : AwsJsonCodec.JSON_1_1;
    }
}
