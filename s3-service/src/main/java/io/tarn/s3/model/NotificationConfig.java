package io.tarn.s3.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's notification configuration as stored (schema 1), at {@code ("nc", bucket)}. It names
 * the bucket's creation instant, so a configuration left by a deleted bucket of the same name is
 * never taken for the new bucket's.
 *
 * @param eventBridge whether {@code EventBridgeConfiguration} was given (stored and returned)
 */
public record NotificationConfig(int schema, Instant bucketCreated, List<Destination> destinations, boolean eventBridge) {

    public static final int SCHEMA = 1;

    public NotificationConfig {
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
    }

    /**
     * One Queue, Topic or LambdaFunction configuration.
     *
     * @param kind {@code Queue}, {@code Topic} or {@code CloudFunction} (the XML element's name)
     * @param events configured names, with the {@code s3:} prefix
     * @param prefix the key prefix filter, or null
     * @param suffix the key suffix filter, or null
     */
    public record Destination(String id, String kind, String arn, List<String> events, @Nullable String prefix,
            @Nullable String suffix) {

        public Destination {
            events = List.copyOf(events);
        }
    }
}
