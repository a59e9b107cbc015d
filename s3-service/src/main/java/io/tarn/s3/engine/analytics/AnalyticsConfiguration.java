package io.tarn.s3.engine.analytics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's storage class analysis configuration as stored (schema 1) under {@code S3Keys.analytics(bucket, id)}.
 *
 * @param filter which objects it analyses: null for the whole bucket
 * @param export where the daily CSV goes; null when the analysis is not exported
 * @param created when the observation began (a replaced configuration starts over)
 * @param bucketCreated the bucket's creation, so a deleted namesake's configurations are never a new bucket's
 */
public record AnalyticsConfiguration(int schema, String id, @Nullable Filter filter, @Nullable DataExport export, Instant created,
        Instant bucketCreated) {

    public static final int SCHEMA = 1;

    /**
     * {@code Prefix}, {@code Tag} or {@code And} (a prefix and any number of tags, all of which must hold), kept in the form
     * it was given so that it reads back the same.
     */
    public record Filter(String form, @Nullable String prefix, Map<String, String> tags) {
        public static final String PREFIX = "Prefix";
        public static final String TAG = "Tag";
        public static final String AND = "And";

        public Filter {
            tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }

        boolean matches(String key, Map<String, String> objectTags) {
            if (prefix != null && !key.startsWith(prefix)) {
                return false;
            }
            for (Map.Entry<String, String> t : tags.entrySet()) {
                if (!t.getValue().equals(objectTags.get(t.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        /** The filter as the export's Filter column names it. */
        String describe() {
            StringBuilder s = new StringBuilder();
            if (prefix != null) {
                s.append("Prefix=").append(prefix);
            }
            tags.forEach((k, v) -> s.append(s.length() > 0 ? " AND " : "").append("Tag=").append(k).append(':').append(v));
            return s.toString();
        }
    }

    /** {@code DataExport}: OutputSchemaVersion V_1 to an S3 bucket ({@code arn:aws:s3:::name}) in CSV. */
    public record DataExport(String outputSchemaVersion, String format, String bucketArn, @Nullable String bucketAccountId,
            @Nullable String prefix) {

        public String bucket() {
            return bucketArn.substring(AnalyticsConfigurations.BUCKET_ARN_PREFIX.length());
        }
    }

    /** Whether this is a configuration of the bucket created at {@code created} (stored instants keep milliseconds). */
    boolean ofBucketCreated(Instant created) {
        return bucketCreated.toEpochMilli() == created.toEpochMilli();
    }

    boolean matches(String key, Map<String, String> tags) {
        return filter == null || filter.matches(key, tags);
    }
}
