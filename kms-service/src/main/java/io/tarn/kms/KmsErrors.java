package io.tarn.kms;

import io.tarn.core.error.ErrorCode;

/** KMS's error codes, as its API model lists them. All are the sender's fault (400) except the internal one. */
public final class KmsErrors {

    private KmsErrors() {}

    public static final ErrorCode NOT_FOUND = ErrorCode.of("NotFoundException");
    public static final ErrorCode DISABLED = ErrorCode.of("DisabledException");
    public static final ErrorCode INVALID_STATE = ErrorCode.of("KMSInvalidStateException");
    public static final ErrorCode INVALID_CIPHERTEXT = ErrorCode.of("InvalidCiphertextException");
    public static final ErrorCode INCORRECT_KEY = ErrorCode.of("IncorrectKeyException");
    public static final ErrorCode INVALID_KEY_USAGE = ErrorCode.of("InvalidKeyUsageException");
    public static final ErrorCode KEY_UNAVAILABLE = ErrorCode.of("KeyUnavailableException");
    public static final ErrorCode VALIDATION = ErrorCode.of("ValidationException");
    public static final ErrorCode ALREADY_EXISTS = ErrorCode.of("AlreadyExistsException");
    public static final ErrorCode INVALID_ALIAS_NAME = ErrorCode.of("InvalidAliasNameException");
    /** Not in the model; AWS (and moto) answer it for the reserved {@code alias/aws/} prefix. */
    public static final ErrorCode NOT_AUTHORIZED = ErrorCode.of("NotAuthorizedException");
    public static final ErrorCode INVALID_ARN = ErrorCode.of("InvalidArnException");
    public static final ErrorCode INVALID_MARKER = ErrorCode.of("InvalidMarkerException");
    public static final ErrorCode INVALID_GRANT_TOKEN = ErrorCode.of("InvalidGrantTokenException");
    public static final ErrorCode INVALID_GRANT_ID = ErrorCode.of("InvalidGrantIdException");
    public static final ErrorCode LIMIT_EXCEEDED = ErrorCode.of("LimitExceededException");
    public static final ErrorCode TAG = ErrorCode.of("TagException");
    public static final ErrorCode UNSUPPORTED_OPERATION = ErrorCode.of("UnsupportedOperationException");
    public static final ErrorCode INVALID_SIGNATURE = ErrorCode.of("KMSInvalidSignatureException");
    public static final ErrorCode INVALID_MAC = ErrorCode.of("KMSInvalidMacException");
    public static final ErrorCode MALFORMED_POLICY_DOCUMENT = ErrorCode.of("MalformedPolicyDocumentException");
    public static final ErrorCode DEPENDENCY_TIMEOUT = ErrorCode.of("DependencyTimeoutException");
    public static final ErrorCode DRY_RUN_OPERATION = ErrorCode.of("DryRunOperationException");
    public static final ErrorCode CONFLICT = ErrorCode.of("ConflictException");
    public static final ErrorCode CUSTOM_KEY_STORE_NOT_FOUND = ErrorCode.of("CustomKeyStoreNotFoundException");
    public static final ErrorCode INTERNAL = ErrorCode.of("KMSInternalException", 500);
}
