package io.tarn.s3.api;

import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration;
import io.tarn.s3.engine.lifecycle.LifecycleEngine;
import io.tarn.s3.model.ObjectVersion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Put/Get/DeleteBucketLifecycleConfiguration, and the lifecycle headers other answers carry:
 * {@code x-amz-expiration} on PUT, GET and HEAD, {@code x-amz-abort-date} and {@code
 * x-amz-abort-rule-id} on CreateMultipartUpload and ListParts.
 */
final class LifecycleHandlers {

    static final String MINIMUM_SIZE_HEADER = "x-amz-transition-default-minimum-object-size";
    /** RFC 1123 with a two-digit day, as S3 writes its dates in headers (the JDK's RFC_1123 drops the leading zero). */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final LifecycleEngine lifecycle;

    LifecycleHandlers(LifecycleEngine lifecycle) {
        this.lifecycle = lifecycle;
    }

    ServiceResponse put(S3Call call) {
        String minimumSize = call.header(MINIMUM_SIZE_HEADER);
        if (minimumSize == null) {
            minimumSize = LifecycleConfiguration.ALL_CLASSES_128K;
        } else if (!minimumSize.equals(LifecycleConfiguration.ALL_CLASSES_128K)
                && !minimumSize.equals(LifecycleConfiguration.VARIES_BY_CLASS)) {
            throw S3Errors.INVALID_REQUEST.exception("Invalid TransitionDefaultMinimumObjectSize found");
        }
        lifecycle.find(call.bucket()); // NoSuchBucket before the document is judged
        LifecycleConfiguration c = new LifecycleConfiguration(LifecycleConfiguration.SCHEMA, LifecycleXml.read(call.request().body()),
                minimumSize);
        lifecycle.put(call.bucket(), c);
        return S3Call.empty(200).withHeader(MINIMUM_SIZE_HEADER, minimumSize);
    }

    ServiceResponse get(S3Call call) {
        LifecycleConfiguration c = lifecycle.require(call.bucket());
        return S3Call.ok(LifecycleXml.write(c)).withHeader(MINIMUM_SIZE_HEADER, c.minimumObjectSize());
    }

    ServiceResponse delete(S3Call call) {
        lifecycle.delete(call.bucket());
        return S3Call.empty(204);
    }

    /** {@code x-amz-expiration: expiry-date="...", rule-id="..."} for a current version a rule will expire. */
    void addExpiration(Map<String, String> headers, String bucket, ObjectVersion v) {
        LifecycleEngine.Due due = lifecycle.expirationOf(bucket, v);
        if (due != null) {
            headers.put("x-amz-expiration", "expiry-date=\"" + HTTP_DATE.format(due.date()) + "\", rule-id=\""
                    + due.ruleId() + "\"");
        }
    }

    /** The abort date and rule of an upload a rule will abort. */
    void addAbort(ServiceResponse response, String bucket, String key, Instant initiated) {
        LifecycleEngine.Due due = lifecycle.abortOf(bucket, key, initiated);
        if (due != null) {
            response.withHeader("x-amz-abort-date", HTTP_DATE.format(due.date()));
            response.withHeader("x-amz-abort-rule-id", due.ruleId());
        }
    }
}
