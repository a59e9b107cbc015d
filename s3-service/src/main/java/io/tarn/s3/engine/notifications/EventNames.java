package io.tarn.s3.engine.notifications;

import java.util.List;
import java.util.Set;

/**
 * The event types a notification configuration may name ("Supported event types", S3 User
 * Guide), with their {@code s3:} prefix, and how a configured name (possibly {@code :*}) matches
 * an event.
 */
public final class EventNames {

    private EventNames() {}

    /** Every event S3 can notify of; the {@code *} ones stand for their group. */
    public static final Set<String> SUPPORTED = Set.of(
            "s3:TestEvent",
            "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
            "s3:ObjectCreated:CompleteMultipartUpload",
            "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
            "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
            "s3:ReducedRedundancyLostObject",
            "s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationNotTracked",
            "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
            "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
            "s3:LifecycleTransition",
            "s3:IntelligentTiering",
            "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
            "s3:ObjectAcl:Put");

    /**
     * Events whose records carry eventVersion 2.3 ("Event message structure": S3 Lifecycle,
     * Intelligent-Tiering, object ACL, object tagging and restoration delete events); others 2.1.
     */
    private static final List<String> VERSION_2_3 = List.of("Lifecycle", "IntelligentTiering", "ObjectAcl:", "ObjectTagging:",
            "ObjectRestore:Delete");

    /** Whether a configured name ({@code s3:ObjectCreated:*}) covers {@code event} ({@code ObjectCreated:Put}). */
    public static boolean covers(String configured, String event) {
        String name = configured.substring(3); // without "s3:"
        if (name.endsWith(":*")) {
            return event.startsWith(name.substring(0, name.length() - 1));
        }
        return name.equals(event);
    }

    /** Whether a change of {@code key} that is {@code event} is to be told to {@code d}: its filters and events. */
    public static boolean wanted(io.tarn.s3.model.NotificationConfig.Destination d, String event, String key) {
        return (d.prefix() == null || key.startsWith(d.prefix())) && (d.suffix() == null || key.endsWith(d.suffix()))
                && d.events().stream().anyMatch(e -> covers(e, event));
    }

    /** Whether two configured names can match one event. */
    public static boolean overlap(String a, String b) {
        return covers(a, b.endsWith(":*") ? b.substring(3, b.length() - 1) + "x" : b.substring(3))
                || covers(b, a.endsWith(":*") ? a.substring(3, a.length() - 1) + "x" : a.substring(3));
    }

    public static String eventVersion(String event) {
        for (String v : VERSION_2_3) {
            if (event.startsWith(v)) {
                return "2.3";
            }
        }
        return "2.1";
    }
}
