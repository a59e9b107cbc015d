package io.tarn.core.error;

/** Errors every AWS service shares (the "common errors" of the API references). */
public enum CommonErrors implements ErrorCode {
    INTERNAL_FAILURE("InternalFailure", 500),
    SERIALIZATION("SerializationException", 400),
    VALIDATION("ValidationException", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    INVALID_ACTION("InvalidAction", 400),
    MISSING_ACTION("MissingAction", 400),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
    INVALID_SIGNATURE("InvalidSignatureException", 400),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400),
    EXPIRED_TOKEN("ExpiredTokenException", 400),
    ACCESS_DENIED("AccessDeniedException", 400),
    REQUEST_TOO_LARGE("RequestEntityTooLarge", 413),
    NOT_FOUND("NotFound", 404),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503);

    private final String code;
    private final int status;

    CommonErrors(String code, int status) {
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
