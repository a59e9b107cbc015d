package io.tarn.sts;

import io.tarn.core.error.ErrorCode;

/** STS's error codes (query protocol). */
public enum StsErrors implements ErrorCode {
    VALIDATION("ValidationError", 400),
    ACCESS_DENIED("AccessDenied", 403),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
    NOT_IMPLEMENTED("NotImplemented", 501);

    private final String code;
    private final int status;

    StsErrors(String code, int status) {
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
