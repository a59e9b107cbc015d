package io.tarn.core.auth;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.CommonErrors;
import io.tarn.core.error.ErrorCode;
import io.tarn.core.spi.Protocol;

/**
 * How a signature claim that cannot be read is refused. JSON and query services answer
 * IncompleteSignatureException; S3 has codes of its own: AuthorizationHeaderMalformed for the
 * header, AuthorizationQueryParametersError for a presigned URL, AccessDenied for a missing or
 * unreadable date, InvalidArgument for an Authorization it does not support.
 */
final class MalformedSignature {

    enum S3 implements ErrorCode {
        HEADER_MALFORMED("AuthorizationHeaderMalformed", 400),
        QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400),
        ACCESS_DENIED("AccessDenied", 403),
        INVALID_ARGUMENT("InvalidArgument", 400);

        private final String code;
        private final int status;

        S3(String code, int status) {
            this.code = code;
            this.status = status;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public int status() {
            return status;
        }
    }

    static final String CREDENTIAL_FORMAT =
            "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
    static final String NO_VALID_DATE = "AWS authentication requires a valid Date or x-amz-date header";

    private MalformedSignature() {}

    /**
     * @param incomplete the message of JSON and query services' IncompleteSignatureException
     * @param s3 S3's code and message for the same problem
     */
    static AwsException of(Protocol protocol, String incomplete, S3 s3, String s3Message) {
        return protocol == Protocol.REST_XML ? s3.exception(s3Message) : CommonErrors.INCOMPLETE_SIGNATURE.exception(incomplete);
    }

    /** S3's InvalidArgument about the Authorization header (or what stands in for it). */
    static AwsException invalidAuthorization(String message, String value) {
        return S3.INVALID_ARGUMENT.exception(message).with("ArgumentName", "Authorization").with("ArgumentValue", value);
    }
}
