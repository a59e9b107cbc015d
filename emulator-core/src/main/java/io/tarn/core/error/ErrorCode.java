package io.tarn.core.error;

/** An AWS error code with its HTTP status; each service declares its own as an enum. */
public interface ErrorCode {

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
