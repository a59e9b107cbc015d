package io.tarn.core.auth;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.ErrorCode;

/**
 * What S3 answers when an {@code aws-chunked} body is broken, with S3's own messages. The API
 * reference's error list documents the codes; the messages and which failure gets which code
 * come from what S3 answers (as recorded by S3 reimplementations that probed it), since the
 * streaming pages do not say: framing that does not parse or ends early is
 * {@code IncompleteBody}, a trailer that does not parse is {@code MalformedTrailerError}, and a
 * chunk or trailer signature that does not check out is {@code SignatureDoesNotMatch}.
 */
public enum ChunkedBodyErrors implements ErrorCode {
    /** Bad chunk size, missing CRLF, a chunk longer than declared, bytes after the end, a body cut short. */
    INCOMPLETE_BODY("IncompleteBody", 400, "The request body terminated unexpectedly"),
    /** A trailer line without a name and colon, or a trailer larger than S3 accepts. */
    MALFORMED_TRAILER("MalformedTrailerError", 400,
            "The request contained trailing data that was not well-formed or did not conform to our published schema."),
    /** A chunk signature or the trailer signature differs from the one computed with the caller's key. */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.");

    private final String code;
    private final int status;
    private final String message;

    ChunkedBodyErrors(String code, int status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    /** S3's message for this error. */
    public String message() {
        return message;
    }

    /** The exception with S3's message. */
    public AwsException exception() {
        return exception(message);
    }
}
