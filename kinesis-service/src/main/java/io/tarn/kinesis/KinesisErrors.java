package io.tarn.kinesis;

import io.tarn.core.error.ErrorCode;

/** Kinesis Data Streams' error codes, as its API model lists them. */
public enum KinesisErrors implements ErrorCode {
    RESOURCE_NOT_FOUND("ResourceNotFoundException"),
    RESOURCE_IN_USE("ResourceInUseException"),
    INVALID_ARGUMENT("InvalidArgumentException"),
    LIMIT_EXCEEDED("LimitExceededException"),
    VALIDATION("ValidationException"),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException"),
    EXPIRED_ITERATOR("ExpiredIteratorException"),
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException"),
    ACCESS_DENIED("AccessDeniedException"),
    KMS_DISABLED("KMSDisabledException"),
    KMS_INVALID_STATE("KMSInvalidStateException"),
    KMS_NOT_FOUND("KMSNotFoundException"),
    KMS_ACCESS_DENIED("KMSAccessDeniedException"),
    INTERNAL_FAILURE("InternalFailureException", 500);

    private final String code;
    private final int status;

    KinesisErrors(String code) {
        this(code, 400);
    }

    KinesisErrors(String code, int status) {
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
