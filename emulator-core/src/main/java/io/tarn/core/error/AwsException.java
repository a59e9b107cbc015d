package io.tarn.core.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one exception an operation throws to answer an AWS error. The protocol writer turns it into
 * the shape the client expects; {@code extra} carries fields some errors add ({@code BucketName}).
 */
public final class AwsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode error;
    private final transient Map<String, String> extra = new LinkedHashMap<>();
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    /** {@code message} is null for the few errors AWS answers with none. */
    public AwsException(ErrorCode error, @Nullable String message) {
        super(message, null, false, false); // no stack trace: this is an answer, not a bug
        this.error = Objects.requireNonNull(error);
    }

    public ErrorCode error() {
        return error;
    }

    public String code() {
        return error.code();
    }

    public int status() {
        return error.status();
    }

    public Map<String, String> extra() {
        return extra;
    }

    public AwsException with(String field, String value) {
        extra.put(field, value);
        return this;
    }

    /** HTTP headers some errors carry besides their body (S3's {@code x-amz-delete-marker}). */
    public Map<String, String> headers() {
        return headers;
    }

    public AwsException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
