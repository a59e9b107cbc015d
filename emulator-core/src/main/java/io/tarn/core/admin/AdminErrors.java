package io.tarn.core.admin;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.ErrorCode;
import io.tarn.core.spi.ServiceResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin API's errors, each answered in its one shape: {@code {"error": code, "message": text}}
 * with the status of the code. A service's admin route raises them too.
 */
public enum AdminErrors implements ErrorCode {
    VALIDATION("ValidationException", 400),
    ACCESS_DENIED("AccessDenied", 403),
    NOT_FOUND("NotFound", 404),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
    REQUEST_TOO_LARGE("RequestEntityTooLarge", 413),
    INTERNAL_FAILURE("InternalFailure", 500);

    private final String code;
    private final int status;

    AdminErrors(String code, int status) {
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

    /** The answer to {@code e}, whichever service's code it carries. */
    public static ServiceResponse response(AwsException e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", e.code());
        out.put("message", e.getMessage());
        return AdminApi.json(e.status(), out);
    }
}
