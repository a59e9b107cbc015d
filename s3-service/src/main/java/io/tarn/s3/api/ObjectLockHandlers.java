package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.lock.ObjectLockEngine;
import io.tarn.s3.model.BucketObjectLock;
import io.tarn.s3.model.ObjectLockState;
import io.tarn.s3.model.ObjectVersion;
import java.time.Instant;

/** Put/GetObjectLockConfiguration, Put/GetObjectRetention and Put/GetObjectLegalHold. */
final class ObjectLockHandlers {

    /** AWS's limits on a default retention ("Object Lock" in the S3 User Guide: up to 100 years). */
    private static final int MAX_DAYS = 36_500;
    private static final int MAX_YEARS = 100;

    private final ObjectEngine objects;
    private final ObjectLockEngine lock;

    ObjectLockHandlers(ObjectEngine objects) {
        this.objects = objects;
        this.lock = objects.objectLock();
    }

    ServiceResponse getConfiguration(S3Call call) {
        BucketObjectLock config = lock.requireConfiguration(call.bucket());
        XmlWriter xml = new XmlWriter().start("ObjectLockConfiguration", S3Call.XMLNS).element("ObjectLockEnabled", "Enabled");
        if (config.hasDefaultRetention()) {
            xml.start("Rule").start("DefaultRetention").element("Mode", config.defaultMode());
            if (config.defaultDays() > 0) {
                xml.element("Days", config.defaultDays());
            } else {
                xml.element("Years", config.defaultYears());
            }
            xml.end().end();
        }
        return S3Call.ok(xml.end());
    }

    ServiceResponse putConfiguration(S3Call call) {
        if (call.header("x-amz-bucket-object-lock-token") != null) {
            // the token is for buckets under replication, which Tarn does not build
            throw ObjectHeaders.notImplemented("x-amz-bucket-object-lock-token");
        }
        S3XmlReader doc = S3XmlReader.parse(call.request().body(), "ObjectLockConfiguration");
        if (!"Enabled".equals(doc.text("ObjectLockEnabled"))) {
            throw S3XmlReader.malformed();
        }
        BucketObjectLock config = BucketObjectLock.enabled();
        S3XmlReader rule = doc.child("Rule");
        if (rule != null) {
            S3XmlReader retention = rule.child("DefaultRetention");
            if (retention == null) {
                throw S3XmlReader.malformed();
            }
            config = defaultRetention(retention);
        }
        lock.putConfiguration(call.bucket(), config);
        return S3Call.empty(200);
    }

    private static BucketObjectLock defaultRetention(S3XmlReader retention) {
        String mode = retention.text("Mode");
        String days = retention.text("Days");
        String years = retention.text("Years");
        if (mode == null || !(mode.equals(ObjectLockState.GOVERNANCE) || mode.equals(ObjectLockState.COMPLIANCE))
                || (days == null) == (years == null)) {
            throw S3XmlReader.malformed(); // a mode and exactly one of Days and Years
        }
        int n;
        try {
            n = Integer.parseInt((days != null ? days : years).trim());
        } catch (NumberFormatException e) {
            throw S3XmlReader.malformed();
        }
        if (n <= 0) {
            throw S3Errors.INVALID_ARGUMENT.exception("Default retention period must be a positive integer value")
                    .with("ArgumentName", days != null ? "Days" : "Years").with("ArgumentValue", Integer.toString(n));
        }
        if (n > (days != null ? MAX_DAYS : MAX_YEARS)) {
            // AWS's message for a period over 100 years is not documented
            throw S3Errors.INVALID_ARGUMENT.exception("Default retention period is too large.")
                    .with("ArgumentName", days != null ? "Days" : "Years").with("ArgumentValue", Integer.toString(n));
        }
        return new BucketObjectLock(BucketObjectLock.SCHEMA, mode, days != null ? n : 0, years != null ? n : 0);
    }

    ServiceResponse getRetention(S3Call call) {
        lock.requireEnabledForObjects(call.bucket());
        ObjectVersion v = ObjectHandlers.readable(objects, call, "GET");
        if (v.lock() == null || !v.lock().hasRetention()) {
            throw noLockConfiguration();
        }
        return S3Call.ok(new XmlWriter().start("Retention", S3Call.XMLNS).element("Mode", v.lock().mode())
                .element("RetainUntilDate", S3Call.isoDate(v.lock().retainUntil())).end());
    }

    ServiceResponse putRetention(S3Call call) {
        lock.requireEnabledForObjects(call.bucket());
        S3XmlReader doc = S3XmlReader.parse(call.request().body(), "Retention");
        String mode = doc.text("Mode");
        String date = doc.text("RetainUntilDate");
        if ((mode == null) != (date == null)) {
            throw S3XmlReader.malformed();
        }
        if (mode != null && !mode.equals(ObjectLockState.GOVERNANCE) && !mode.equals(ObjectLockState.COMPLIANCE)) {
            throw S3XmlReader.malformed();
        }
        Instant until = date == null ? null : ObjectLockHeaders.parseDate(date, "RetainUntilDate");
        boolean bypass = ObjectLockHeaders.bypassGovernance(call);
        ObjectVersion v = objects.update(call.bucket(), call.key(), call.query("versionId"),
                o -> lock.withRetention(o, mode, until, bypass));
        return ObjectHeaders.withVersionId(S3Call.empty(200), v);
    }

    ServiceResponse getLegalHold(S3Call call) {
        lock.requireEnabledForObjects(call.bucket());
        ObjectVersion v = ObjectHandlers.readable(objects, call, "GET");
        if (v.lock() == null || v.lock().legalHold() == null) {
            throw noLockConfiguration();
        }
        return S3Call.ok(new XmlWriter().start("LegalHold", S3Call.XMLNS).element("Status", v.lock().legalHold()).end());
    }

    ServiceResponse putLegalHold(S3Call call) {
        lock.requireEnabledForObjects(call.bucket());
        String status = S3XmlReader.parse(call.request().body(), "LegalHold").text("Status");
        if (!"ON".equals(status) && !"OFF".equals(status)) {
            throw S3XmlReader.malformed();
        }
        ObjectVersion v = objects.update(call.bucket(), call.key(), call.query("versionId"), o -> lock.withLegalHold(o, status));
        return ObjectHeaders.withVersionId(S3Call.empty(200), v);
    }

    private static io.tarn.core.error.AwsException noLockConfiguration() {
        return S3Errors.NO_SUCH_OBJECT_LOCK_CONFIGURATION.exception("The specified object does not have a ObjectLock configuration");
    }
}
