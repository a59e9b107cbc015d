package io.tarn.sts;

import io.tarn.core.error.ErrorCode;

/** STS's error codes (query protocol). */
public final class StsErrors {

    private StsErrors() {}

    public static final ErrorCode VALIDATION = ErrorCode.of("ValidationError");
    public static final ErrorCode ACCESS_DENIED = ErrorCode.of("AccessDenied", 403);
    public static final ErrorCode MALFORMED_POLICY_DOCUMENT = ErrorCode.of("MalformedPolicyDocument");
    public static final ErrorCode NOT_IMPLEMENTED = ErrorCode.of("NotImplemented", 501);
}
