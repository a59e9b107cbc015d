package io.tarn.kms;

import io.tarn.core.error.ErrorCode;

/** KMS's error codes, as its API model lists them. All are the sender's fault (400) except the internal one. */
public enum KmsErrors implements ErrorCode {
    NOT_FOUND("NotFoundException"),
    DISABLED("DisabledException"),
    INVALID_STATE("KMSInvalidStateException"),
    INVALID_CIPHERTEXT("InvalidCiphertextException"),
    INCORRECT_KEY("IncorrectKeyException"),
    INVALID_KEY_USAGE("InvalidKeyUsageException"),
    KEY_UNAVAILABLE("KeyUnavailableException"),
    VALIDATION("ValidationException"),
    ALREADY_EXISTS("AlreadyExistsException"),
    INVALID_ALIAS_NAME("InvalidAliasNameException"),
    /** Not in the model; AWS (and moto) answer it for the reserved {@code alias/aws/} prefix. */
    NOT_AUTHORIZED("NotAuthorizedException"),
    INVALID_ARN("InvalidArnException"),
    INVALID_MARKER("InvalidMarkerException"),
    INVALID_GRANT_TOKEN("InvalidGrantTokenException"),
    INVALID_GRANT_ID("InvalidGrantIdException"),
    LIMIT_EXCEEDED("LimitExceededException"),
    TAG("TagException"),
    UNSUPPORTED_OPERATION("UnsupportedOperationException"),
    INVALID_SIGNATURE("KMSInvalidSignatureException"),
    INVALID_MAC("KMSInvalidMacException"),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocumentException"),
    DEPENDENCY_TIMEOUT("DependencyTimeoutException"),
    DRY_RUN_OPERATION("DryRunOperationException"),
    CONFLICT("ConflictException"),
    CUSTOM_KEY_STORE_NOT_FOUND("CustomKeyStoreNotFoundException"),
    INTERNAL("KMSInternalException", 500);

    private final String code;
    private final int status;

    KmsErrors(String code) {
        this(code, 400);
    }

    KmsErrors(String code, int status) {
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
