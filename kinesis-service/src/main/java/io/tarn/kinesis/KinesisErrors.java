package io.tarn.kinesis;

import io.tarn.core.error.ErrorCode;

/** Kinesis Data Streams' error codes, as its API model lists them. */
public final class KinesisErrors {

    private KinesisErrors() {}

    public static final ErrorCode RESOURCE_NOT_FOUND = ErrorCode.of("ResourceNotFoundException");
    public static final ErrorCode RESOURCE_IN_USE = ErrorCode.of("ResourceInUseException");
    public static final ErrorCode INVALID_ARGUMENT = ErrorCode.of("InvalidArgumentException");
    public static final ErrorCode LIMIT_EXCEEDED = ErrorCode.of("LimitExceededException");
    public static final ErrorCode VALIDATION = ErrorCode.of("ValidationException");
    public static final ErrorCode PROVISIONED_THROUGHPUT_EXCEEDED = ErrorCode.of("ProvisionedThroughputExceededException");
    public static final ErrorCode EXPIRED_ITERATOR = ErrorCode.of("ExpiredIteratorException");
    public static final ErrorCode EXPIRED_NEXT_TOKEN = ErrorCode.of("ExpiredNextTokenException");
    public static final ErrorCode ACCESS_DENIED = ErrorCode.of("AccessDeniedException");
    public static final ErrorCode KMS_DISABLED = ErrorCode.of("KMSDisabledException");
    public static final ErrorCode KMS_INVALID_STATE = ErrorCode.of("KMSInvalidStateException");
    public static final ErrorCode KMS_NOT_FOUND = ErrorCode.of("KMSNotFoundException");
    public static final ErrorCode KMS_ACCESS_DENIED = ErrorCode.of("KMSAccessDeniedException");
    public static final ErrorCode INTERNAL_FAILURE = ErrorCode.of("InternalFailureException", 500);
}
