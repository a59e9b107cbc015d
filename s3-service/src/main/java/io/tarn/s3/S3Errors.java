package io.tarn.s3;

import io.tarn.core.error.ErrorCode;

/** S3's error codes and statuses, as its API reference lists them ("List of error codes"). */
public enum S3Errors implements ErrorCode {
    ACCESS_CONTROL_LIST_NOT_SUPPORTED("AccessControlListNotSupported", 400),
    ACCESS_DENIED("AccessDenied", 403),
    BAD_DIGEST("BadDigest", 400),
    BAD_REQUEST("BadRequest", 400),
    BUCKET_ALREADY_EXISTS("BucketAlreadyExists", 409),
    BUCKET_ALREADY_OWNED_BY_YOU("BucketAlreadyOwnedByYou", 409),
    BUCKET_NOT_EMPTY("BucketNotEmpty", 409),
    CONDITIONAL_REQUEST_CONFLICT("ConditionalRequestConflict", 409),
    CORS_FORBIDDEN("AccessForbidden", 403),
    ENTITY_TOO_LARGE("EntityTooLarge", 400),
    ENTITY_TOO_SMALL("EntityTooSmall", 400),
    ILLEGAL_LOCATION_CONSTRAINT("IllegalLocationConstraintException", 400),
    INCOMPLETE_BODY("IncompleteBody", 400),
    INCORRECT_NUMBER_OF_FILES_IN_POST_REQUEST("IncorrectNumberOfFilesInPostRequest", 400),
    INTERNAL_ERROR("InternalError", 500),
    INVALID_ARGUMENT("InvalidArgument", 400),
    INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP("InvalidBucketAclWithObjectOwnership", 400),
    INVALID_BUCKET_NAME("InvalidBucketName", 400),
    INVALID_BUCKET_STATE("InvalidBucketState", 409),
    INVALID_DIGEST("InvalidDigest", 400),
    INVALID_OBJECT_STATE("InvalidObjectState", 403),
    INVALID_LOCATION_CONSTRAINT("InvalidLocationConstraint", 400),
    INVALID_PART("InvalidPart", 400),
    INVALID_POLICY_DOCUMENT("InvalidPolicyDocument", 400),
    INVALID_PART_ORDER("InvalidPartOrder", 400),
    INVALID_PART_NUMBER("InvalidPartNumber", 416),
    INVALID_RANGE("InvalidRange", 416),
    INVALID_REQUEST("InvalidRequest", 400),
    INVALID_STORAGE_CLASS("InvalidStorageClass", 400),
    INVALID_TAG("InvalidTag", 400),
    KEY_TOO_LONG("KeyTooLongError", 400),
    MALFORMED_POST_REQUEST("MalformedPOSTRequest", 400),
    MALFORMED_POLICY("MalformedPolicy", 400),
    MALFORMED_XML("MalformedXML", 400),
    MAX_POST_PRE_DATA_LENGTH_EXCEEDED("MaxPostPreDataLengthExceededError", 400),
    METADATA_TOO_LARGE("MetadataTooLarge", 400),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
    MISSING_CONTENT_LENGTH("MissingContentLength", 411),
    NO_SUCH_BUCKET("NoSuchBucket", 404),
    NO_SUCH_CONFIGURATION("NoSuchConfiguration", 404),
    NO_SUCH_BUCKET_POLICY("NoSuchBucketPolicy", 404),
    NO_SUCH_CORS_CONFIGURATION("NoSuchCORSConfiguration", 404),
    NO_SUCH_KEY("NoSuchKey", 404),
    NO_SUCH_OBJECT_LOCK_CONFIGURATION("NoSuchObjectLockConfiguration", 404),
    NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION("NoSuchPublicAccessBlockConfiguration", 404),
    NO_SUCH_LIFECYCLE_CONFIGURATION("NoSuchLifecycleConfiguration", 404),
    NO_SUCH_TAG_SET("NoSuchTagSet", 404),
    NO_SUCH_UPLOAD("NoSuchUpload", 404),
    NO_SUCH_VERSION("NoSuchVersion", 404),
    NOT_IMPLEMENTED("NotImplemented", 501),
    NOT_MODIFIED("NotModified", 304),
    OBJECT_LOCK_CONFIGURATION_NOT_FOUND("ObjectLockConfigurationNotFoundError", 404),
    OWNERSHIP_CONTROLS_NOT_FOUND("OwnershipControlsNotFoundError", 404),
    PRECONDITION_FAILED("PreconditionFailed", 412),
    RESTORE_ALREADY_IN_PROGRESS("RestoreAlreadyInProgress", 409),
    SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400),
    TOO_MANY_BUCKETS("TooManyBuckets", 400),
    TOO_MANY_CONFIGURATIONS("TooManyConfigurations", 400),
    UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS("UnresolvableGrantByEmailAddress", 400);

    private final String code;
    private final int status;

    S3Errors(String code, int status) {
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
