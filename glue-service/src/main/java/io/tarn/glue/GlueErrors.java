package io.tarn.glue;

import io.tarn.core.error.ErrorCode;

/** Glue's error codes, as its API model lists them; all are the sender's fault (400) except the internal one. */
public enum GlueErrors implements ErrorCode {
    ENTITY_NOT_FOUND("EntityNotFoundException"),
    ALREADY_EXISTS("AlreadyExistsException"),
    INVALID_INPUT("InvalidInputException"),
    VALIDATION("ValidationException"),
    CONCURRENT_MODIFICATION("ConcurrentModificationException"),
    ACCESS_DENIED("AccessDeniedException"),
    RESOURCE_NUMBER_LIMIT_EXCEEDED("ResourceNumberLimitExceededException"),
    /** What Tarn answers for an operation of the model it does not build yet (see GlueService). */
    OPERATION_NOT_SUPPORTED("OperationNotSupportedException"),
    INTERNAL("InternalServiceException", 500);

    private final String code;
    private final int status;

    GlueErrors(String code) {
        this(code, 400);
    }

    GlueErrors(String code, int status) {
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
