package io.tarn.core.auth;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.ErrorCode;
import io.tarn.core.spi.Protocol;

/**
 * Why a request was not authenticated, rendered with the code, status and message AWS uses in
 * each protocol family (JSON services, query services such as STS, and S3).
 */
public enum AuthFailure {
    UNKNOWN_ACCESS_KEY(
            err("UnrecognizedClientException", 400, "The security token included in the request is invalid."),
            err("InvalidClientTokenId", 403, "The security token included in the request is invalid."),
            err("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.")),
    SIGNATURE_MISMATCH(
            err("InvalidSignatureException", 400, "The request signature we calculated does not match the signature you"
                    + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."),
            err("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you"
                    + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."),
            err("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you"
                    + " provided. Check your key and signing method.")),
    EXPIRED_TOKEN(
            err("ExpiredTokenException", 400, "The security token included in the request is expired"),
            err("ExpiredToken", 400, "The security token included in the request is expired"),
            err("ExpiredToken", 400, "The provided token has expired.")),
    MISSING_AUTHENTICATION(
            err("MissingAuthenticationTokenException", 400, "Missing Authentication Token"),
            err("MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
            err("AccessDenied", 403, "Access Denied")),
    EXPIRED_PRESIGNED_URL(
            err("AccessDeniedException", 400, "Request has expired"),
            err("AccessDenied", 403, "Request has expired"),
            err("AccessDenied", 403, "Request has expired"));

    private final Code json;
    private final Code query;
    private final Code restXml;

    AuthFailure(Code json, Code query, Code restXml) {
        this.json = json;
        this.query = query;
        this.restXml = restXml;
    }

    public AwsException exception(Protocol protocol) {
        Code c = code(protocol);
        return c.exception(c.message);
    }

    /** The same code and status with a message of the case at hand. */
    public AwsException exception(Protocol protocol, String message) {
        return code(protocol).exception(message);
    }

    private Code code(Protocol protocol) {
        return protocol == Protocol.JSON ? json : protocol == Protocol.QUERY ? query : restXml;
    }

    private static Code err(String code, int status, String message) {
        return new Code(code, status, message);
    }

    private record Code(String code, int status, String message) implements ErrorCode {}
}
