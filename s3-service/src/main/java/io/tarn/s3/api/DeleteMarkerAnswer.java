package io.tarn.s3.api;

import io.tarn.core.error.AwsException;
import java.util.Map;

/**
 * The error for a read that found a delete marker, with the headers S3 adds to it
 * ({@code x-amz-delete-marker}, {@code x-amz-version-id}); the handler renders both.
 */
final class DeleteMarkerAnswer extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient AwsException error;
    private final transient Map<String, String> headers;

    DeleteMarkerAnswer(AwsException error, Map<String, String> headers) {
        super(error.getMessage(), null, false, false);
        this.error = error;
        this.headers = headers;
    }

    AwsException error() {
        return error;
    }

    Map<String, String> headers() {
        return headers;
    }
}
