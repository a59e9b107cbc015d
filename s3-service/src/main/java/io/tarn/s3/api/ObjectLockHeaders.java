package io.tarn.s3.api;

import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.lock.ObjectLockEngine;
import io.tarn.s3.model.ObjectLockState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The Object Lock headers of a write (PutObject, CopyObject, CreateMultipartUpload) and of a read's answer. */
final class ObjectLockHeaders {

    static final String MODE = "x-amz-object-lock-mode";
    static final String RETAIN_UNTIL = "x-amz-object-lock-retain-until-date";
    static final String LEGAL_HOLD = "x-amz-object-lock-legal-hold";
    static final String BYPASS_GOVERNANCE = "x-amz-bypass-governance-retention";

    private ObjectLockHeaders() {}

    /** The lock a write asks for, or null when it names none. */
    static @Nullable ObjectLockState requested(S3Call call) {
        String mode = call.header(MODE);
        String date = call.header(RETAIN_UNTIL);
        String hold = call.header(LEGAL_HOLD);
        if (mode == null && date == null && hold == null) {
            return null;
        }
        if ((mode == null) != (date == null)) {
            throw S3Errors.INVALID_ARGUMENT.exception("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
        }
        if (mode != null && !mode.equals(ObjectLockState.GOVERNANCE) && !mode.equals(ObjectLockState.COMPLIANCE)) {
            throw S3Errors.INVALID_ARGUMENT.exception("Unknown wormMode directive.").with("ArgumentName", MODE).with("ArgumentValue", mode);
        }
        if (hold != null && !hold.equals("ON") && !hold.equals("OFF")) {
            throw S3Errors.INVALID_ARGUMENT.exception("Legal Hold must be either of 'ON' or 'OFF'")
                    .with("ArgumentName", LEGAL_HOLD).with("ArgumentValue", hold);
        }
        return new ObjectLockState(mode, date == null ? null : parseDate(date, RETAIN_UNTIL), hold);
    }

    /** An ISO 8601 date-time with an offset ({@code 2030-01-01T00:00:00Z}, {@code ...000+00:00}). */
    static Instant parseDate(String value, String argumentName) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            // AWS's message for a malformed date is not documented; the error code is its usual one for a bad header
            throw S3Errors.INVALID_ARGUMENT.exception("The retain until date must be provided in ISO 8601 format")
                    .with("ArgumentName", argumentName).with("ArgumentValue", value);
        }
    }

    /** {@code x-amz-bypass-governance-retention: true}. */
    static boolean bypassGovernance(S3Call call) {
        String value = call.header(BYPASS_GOVERNANCE);
        return value != null && value.trim().equalsIgnoreCase("true");
    }

    /** GET and HEAD show a version's lock settings, as AWS does to a caller allowed to read them. */
    static void put(Map<String, String> headers, @Nullable ObjectLockState lock) {
        if (lock == null) {
            return;
        }
        if (lock.hasRetention()) {
            headers.put(MODE, lock.mode());
            headers.put(RETAIN_UNTIL, S3Call.isoDate(lock.retainUntil()));
        }
        if (lock.legalHold() != null) {
            headers.put(LEGAL_HOLD, lock.legalHold());
        }
    }

    /**
     * S3 refuses an upload that gets lock settings (its own, or the bucket's default retention)
     * without a Content-MD5 or a flexible checksum (PutObject's API reference: "The Content-MD5 or
     * x-amz-sdk-checksum-algorithm header is required for any request to upload an object with a
     * retention period configured using Amazon S3 Object Lock"); {@code operation} is "Put
     * Object" or "Put Part", as S3's message names them.
     */
    static void requireDigest(ObjectLockEngine lock, String bucket, @Nullable ObjectLockState requested,
            io.tarn.s3.engine.Integrity integrity, S3Call call, String operation) {
        if (!lock.locksUpload(bucket, requested)) {
            return;
        }
        boolean declared = integrity.contentMd5() != null || integrity.algorithm() != null
                || call.header("x-amz-sdk-checksum-algorithm") != null;
        if (!declared) {
            throw S3Errors.INVALID_REQUEST.exception(
                    "Content-MD5 OR x-amz-checksum- HTTP header is required for %s requests with Object Lock parameters", operation);
        }
    }
}
