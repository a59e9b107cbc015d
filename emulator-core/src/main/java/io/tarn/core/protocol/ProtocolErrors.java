package io.tarn.core.protocol;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.CommonErrors;
import io.tarn.core.error.ErrorCode;
import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.protocol.query.QueryProtocolHandler;
import io.tarn.core.protocol.xml.RestXmlErrors;
import io.tarn.core.spi.Protocol;
import io.tarn.core.spi.ServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The last-resort answer to a bug (an exception that escaped a handler, or its error rendering):
 * a 500 in the error shape of the protocol the client spoke, built without the service's handler,
 * which may be what failed. SDKs parse it as a retryable server error instead of choking on text.
 */
public final class ProtocolErrors {

    /** S3's name for it; the JSON and query services say {@code InternalFailure}. */
    private enum S3Internal implements ErrorCode {
        INTERNAL_ERROR;

        @Override
        public String code() {
            return "InternalError";
        }

        @Override
        public int status() {
            return 500;
        }
    }

    private ProtocolErrors() {}

    /**
     * @param method the request's HTTP method (a HEAD answer has no body)
     * @param requestContentType picks JSON 1.0, 1.1 or CBOR for the JSON protocol
     */
    public static ServiceResponse internalError(Protocol protocol, String requestId, String method,
            @Nullable String requestContentType) {
        switch (protocol) {
            case REST_XML:
                return RestXmlErrors.response(S3Internal.INTERNAL_ERROR.exception("We encountered an internal error. Please try again."),
                        requestId, Base64.getEncoder().encodeToString(requestId.getBytes(StandardCharsets.UTF_8)),
                        method.equals("HEAD"));
            case QUERY:
                return QueryProtocolHandler.errorResponse(null, requestId, internalFailure());
            case JSON:
            default:
                return JsonProtocolHandler.errorResponse(requestId, internalFailure(),
                        JsonProtocolHandler.responseContentType(requestContentType));
        }
    }

    /** AWS's InternalFailure (its common errors' wording), which a service's own handler renders in the usual case. */
    public static AwsException internalFailure() {
        return CommonErrors.INTERNAL_FAILURE.exception(
                "The request processing has failed because of an unknown error, exception or failure.");
    }
}
