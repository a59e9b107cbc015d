package io.tarn.firehose;

import io.tarn.core.error.ErrorCode;

/** Firehose's error codes, as its API model lists them. */
public enum FirehoseErrors implements ErrorCode {
    INVALID_ARGUMENT("InvalidArgumentException"),
    RESOURCE_NOT_FOUND("ResourceNotFoundException"),
    RESOURCE_IN_USE("ResourceInUseException"),
    LIMIT_EXCEEDED("LimitExceededException"),
    CONCURRENT_MODIFICATION("ConcurrentModificationException"),
    INVALID_KMS_RESOURCE("InvalidKMSResourceException"),
    INVALID_SOURCE("InvalidSourceException"),
    /** "Slow down.": a put over the stream's quotas; 503 so that SDKs retry it with backoff. */
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503),
    /** A request breaking a constraint of the API model (PutRecordBatch of 501 records...). */
    VALIDATION("ValidationException");

    private final String code;
    private final int status;

    FirehoseErrors(String code) {
        this(code, 400);
    }

    FirehoseErrors(String code, int status) {
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
