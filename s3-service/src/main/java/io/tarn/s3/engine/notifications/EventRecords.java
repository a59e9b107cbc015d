package io.tarn.s3.engine.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.ObjectVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON S3 sends ("Event message structure", S3 User Guide): one record per message, and the test event. */
final class EventRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** The principal of changes S3 makes by itself (lifecycle), as its lifecycle events name it. */
    private static final String S3_ITSELF = "s3.amazonaws.com";

    private EventRecords() {}

    /**
     * One event. {@code size} and {@code eTag} are left out of removals, {@code versionId} of
     * changes in a bucket that never had versioning, as S3 does. A change S3 makes by itself (no
     * request being served) names S3 as its source, and as its principal unless it acts for
     * someone (a restore completing for whoever asked for it). ObjectRestore:Completed carries
     * {@code glacierEventData}, LifecycleTransition {@code lifecycleEventData}: only those events do.
     */
    static String record(BucketMeta bucket, String configurationId, ObjectChange change, long sequencer,
            @Nullable RequestOrigin origin, Instant time) {
        String eventName = change.eventName();
        ObjectVersion version = change.version();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("eventVersion", EventNames.eventVersion(eventName));
        r.put("eventSource", "aws:s3");
        r.put("awsRegion", bucket.region());
        r.put("eventTime", TIME.format(time));
        r.put("eventName", eventName);
        r.put("userIdentity", Map.of("principalId", principal(change, origin)));
        r.put("requestParameters", Map.of("sourceIPAddress", origin == null ? S3_ITSELF : origin.sourceIpAddress()));
        Map<String, Object> response = new LinkedHashMap<>();
        // a change S3 makes by itself answers no request: its ids are made up, as opaque as S3's
        String requestId = requestId(origin, sequencer);
        response.put("x-amz-request-id", requestId);
        response.put("x-amz-id-2", origin == null ? Base64.getEncoder().encodeToString(requestId.getBytes(StandardCharsets.UTF_8))
                : origin.hostId());
        r.put("responseElements", response);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", eventKey(version.key()));
        if (!eventName.startsWith("ObjectRemoved:") && !eventName.startsWith("LifecycleExpiration:")) {
            object.put("size", version.size());
            object.put("eTag", version.etag().replace("\"", ""));
        }
        if (bucket.versioning() != null) {
            object.put("versionId", version.versionId());
        }
        object.put("sequencer", sequencer(sequencer));
        Map<String, Object> bucketPart = new LinkedHashMap<>();
        bucketPart.put("name", bucket.name());
        bucketPart.put("ownerIdentity", Map.of("principalId", bucket.owner()));
        bucketPart.put("arn", "arn:aws:s3:::" + bucket.name());
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        s3.put("bucket", bucketPart);
        s3.put("object", object);
        r.put("s3", s3);
        if (eventName.equals("ObjectRestore:Completed") && change.restoredUntil() != null) {
            // the class restored from: the version's own, which a restore leaves as it is
            r.put("glacierEventData", Map.of("restoreEventData", Map.of(
                    "lifecycleRestorationExpiryTime", TIME.format(change.restoredUntil()),
                    "lifecycleRestoreStorageClass", version.storageClass())));
        }
        if (eventName.equals("IntelligentTiering") && change.accessTier() != null) {
            r.put("intelligentTieringEventData", Map.of("destinationAccessTier", change.accessTier()));
        }
        if (eventName.equals("LifecycleTransition")) {
            r.put("lifecycleEventData", Map.of("transitionEventData", Map.of("destinationStorageClass", version.storageClass())));
        }
        return write(Map.of("Records", List.of(r)));
    }

    /** Who made the change: the request's principal, else whom S3 acted for, else S3 itself. */
    static String principal(ObjectChange change, @Nullable RequestOrigin origin) {
        return origin != null ? origin.principalId() : change.onBehalfOf() != null ? change.onBehalfOf() : S3_ITSELF;
    }

    /** The request's id; a change S3 makes by itself answers no request, so its id is made up, as opaque as S3's. */
    static String requestId(@Nullable RequestOrigin origin, long sequencer) {
        return origin == null ? String.format("%016X", sequencer) : origin.requestId();
    }

    /** A hexadecimal string of fixed width, so that later changes compare greater as strings too. */
    static String sequencer(long sequencer) {
        return String.format("%018X", sequencer);
    }

    /** The {@code s3:TestEvent} S3 sends each destination when a configuration is put. */
    static String testEvent(String bucket, @Nullable RequestOrigin origin, Instant time, long sequencer) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("Service", "Amazon S3");
        e.put("Event", "s3:TestEvent");
        e.put("Time", TIME.format(time));
        e.put("Bucket", bucket);
        e.put("RequestId", requestId(origin, sequencer));
        e.put("HostId", origin == null ? "" : origin.hostId());
        return write(e);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key as S3 writes it into an event: form-encoded ("red flower.jpg" becomes
     * "red+flower.jpg", "=" becomes "%3D") except its slashes, which S3 leaves as they are
     * ("year=2025/red flower.jpg" arrives as "year%3D2025/red+flower.jpg"; the S3 User Guide only
     * says "URL encoded", and what S3 sends was taken from events users received). A literal
     * "%2F" in a key is "%252F" once encoded, so only the encoded slashes are put back.
     */
    static String eventKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
