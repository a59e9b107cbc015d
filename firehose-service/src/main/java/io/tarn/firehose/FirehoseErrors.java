package io.tarn.firehose;

import io.tarn.core.error.ErrorCode;

/** Firehose's error codes, as its API model lists them. */
public final class FirehoseErrors {

    private FirehoseErrors() {}

    public static final ErrorCode INVALID_ARGUMENT = ErrorCode.of("InvalidArgumentException");
    public static final ErrorCode RESOURCE_NOT_FOUND = ErrorCode.of("ResourceNotFoundException");
    public static final ErrorCode RESOURCE_IN_USE = ErrorCode.of("ResourceInUseException");
    public static final ErrorCode LIMIT_EXCEEDED = ErrorCode.of("LimitExceededException");
    public static final ErrorCode CONCURRENT_MODIFICATION = ErrorCode.of("ConcurrentModificationException");
    public static final ErrorCode INVALID_KMS_RESOURCE = ErrorCode.of("InvalidKMSResourceException");
    public static final ErrorCode INVALID_SOURCE = ErrorCode.of("InvalidSourceException");
    /** "Slow down.": a put over the stream's quotas; 503 so that SDKs retry it with backoff. */
    public static final ErrorCode SERVICE_UNAVAILABLE = ErrorCode.of("ServiceUnavailableException", 503);
    /** A request breaking a constraint of the API model (PutRecordBatch of 501 records...). */
    public static final ErrorCode VALIDATION = ErrorCode.of("ValidationException");
}
