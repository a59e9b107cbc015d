package io.tarn.s3.engine.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.ObjectVersion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The events S3 sends to EventBridge once a bucket's notification configuration has
 * {@code EventBridgeConfiguration} ("EventBridge event message structure", S3 User Guide): every
 * change of an object, whatever the configuration's other destinations, in EventBridge's envelope
 * with source {@code aws.s3}, to the bucket owner's default bus in the bucket's region.
 */
final class BusEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** EventBridge's {@code time}: seconds, no fraction. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** The detail type and {@code reason} of each S3 event name; names without one are not sent (S3 has no such EventBridge event). */
    private record Kind(String detailType, @Nullable String reason, @Nullable String deletionType) {}

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("ObjectCreated:Put", new Kind("Object Created", "PutObject", null)),
            Map.entry("ObjectCreated:Post", new Kind("Object Created", "POST Object", null)),
            Map.entry("ObjectCreated:Copy", new Kind("Object Created", "CopyObject", null)),
            Map.entry("ObjectCreated:CompleteMultipartUpload", new Kind("Object Created", "CompleteMultipartUpload", null)),
            Map.entry("ObjectRemoved:Delete", new Kind("Object Deleted", "DeleteObject", "Permanently Deleted")),
            Map.entry("ObjectRemoved:DeleteMarkerCreated", new Kind("Object Deleted", "DeleteObject", "Delete Marker Created")),
            Map.entry("LifecycleExpiration:Delete", new Kind("Object Deleted", "Lifecycle Expiration", "Permanently Deleted")),
            Map.entry("LifecycleExpiration:DeleteMarkerCreated",
                    new Kind("Object Deleted", "Lifecycle Expiration", "Delete Marker Created")),
            Map.entry("ObjectRestore:Post", new Kind("Object Restore Initiated", null, null)),
            Map.entry("ObjectRestore:Completed", new Kind("Object Restore Completed", null, null)),
            Map.entry("ObjectRestore:Delete", new Kind("Object Restore Expired", null, null)),
            Map.entry("ObjectTagging:Put", new Kind("Object Tags Added", null, null)),
            Map.entry("ObjectTagging:Delete", new Kind("Object Tags Deleted", null, null)),
            Map.entry("ObjectAcl:Put", new Kind("Object ACL Updated", null, null)),
            Map.entry("LifecycleTransition", new Kind("Object Storage Class Changed", null, null)),
            Map.entry("IntelligentTiering", new Kind("Object Access Tier Changed", null, null)));

    private BusEvents() {}

    /** The default bus of the bucket's owner in its region: where its events go. */
    static String busArn(BucketMeta bucket) {
        return "arn:aws:events:" + bucket.region() + ":" + bucket.owner() + ":event-bus/default";
    }

    /** Whether {@code arn} is an event bus's: the outbox sends such entries to the bus. */
    static boolean isBus(String arn) {
        return arn.startsWith("arn:aws:events:");
    }

    /** Whether S3 sends EventBridge an event for {@code eventName} (it has none for test, replication or lost-object events). */
    static boolean sends(String eventName) {
        return KINDS.containsKey(eventName);
    }

    /** The event for {@code change}, one that {@link #sends} names. Its id is new: retries keep it. */
    static String event(BucketMeta bucket, ObjectChange change, long sequencer, @Nullable RequestOrigin origin, Instant time) {
        Kind kind = KINDS.get(change.eventName());
        ObjectVersion version = change.version();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", version.key()); // unlike the notification records, not URL-encoded
        if (kind.deletionType() == null) {
            object.put("size", version.size());
            object.put("etag", version.etag().replace("\"", ""));
        }
        if (bucket.versioning() != null) {
            object.put("version-id", version.versionId());
        }
        object.put("sequencer", EventRecords.sequencer(sequencer));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", "0");
        detail.put("bucket", Map.of("name", bucket.name()));
        detail.put("object", object);
        detail.put("request-id", EventRecords.requestId(origin, sequencer));
        detail.put("requester", EventRecords.principal(change, origin));
        if (origin != null) {
            detail.put("source-ip-address", origin.sourceIpAddress());
        }
        if (kind.reason() != null) {
            detail.put("reason", kind.reason());
        }
        if (kind.deletionType() != null) {
            detail.put("deletion-type", kind.deletionType());
        }
        switch (change.eventName()) {
            case "ObjectRestore:Post" -> detail.put("source-storage-class", version.storageClass());
            case "ObjectRestore:Completed" -> {
                if (change.restoredUntil() != null) {
                    detail.put("restore-expiry-time", TIME.format(change.restoredUntil()));
                }
                detail.put("source-storage-class", version.storageClass());
            }
            case "LifecycleTransition" -> detail.put("destination-storage-class", version.storageClass());
            case "IntelligentTiering" -> {
                if (change.accessTier() != null) {
                    detail.put("destination-access-tier", change.accessTier());
                }
            }
            default -> { }
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", kind.detailType());
        e.put("source", "aws.s3");
        e.put("account", bucket.owner());
        e.put("time", TIME.format(time));
        e.put("region", bucket.region());
        e.put("resources", List.of("arn:aws:s3:::" + bucket.name()));
        e.put("detail", detail);
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }
}
