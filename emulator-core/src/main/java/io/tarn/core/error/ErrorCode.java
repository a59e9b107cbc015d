package io.tarn.core.error;

/**
 * An AWS error code with its HTTP status. A service declares its own as constants made by
 * {@link #of} ({@code public static final ErrorCode INVALID_ARGUMENT = ErrorCode.of("InvalidArgumentException")}),
 * or as an enum when its codes carry more than a code and a status.
 */
public interface ErrorCode {

    /** A code answered with 400 Bad Request: the sender's fault. */
    static ErrorCode of(String code) {
        return of(code, 400);
    }

    static ErrorCode of(String code, int status) {
        return new Declared(code, status);
    }

    /** A code declared by {@link #of}. */
    record Declared(String code, int status) implements ErrorCode {}

    /** The code on the wire: {@code __type} in JSON, {@code <Code>} in XML. */
    String code();

    int status();

    /** Whether the error is the sender's fault (query/XML protocols say Sender or Receiver). */
    default boolean senderFault() {
        return status() < 500;
    }

    default AwsException exception(String message) {
        return new AwsException(this, message);
    }

    default AwsException exception(String format, Object... args) {
        return new AwsException(this, String.format(format, args));
    }
}
