package io.tarn.firehose.engine.streams;

import static io.tarn.firehose.engine.streams.DestinationParts.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.firehose.FirehoseErrors;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * S3 destinations: an {@code ExtendedS3DestinationConfiguration} (or the older
 * {@code S3DestinationConfiguration}, which AWS keeps as an extended one with S3 backup disabled)
 * checked as AWS checks it at creation, and described as DescribeDeliveryStream answers it, every
 * default filled in. UpdateDestination merges an update into the description at the top level of
 * the structure: a member the update omits keeps its value, as AWS documents.
 */
final class S3Destinations {

    static final List<String> COMPRESSION = List.of("UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY");
    static final int MIN_SIZE_FOR_PARTITIONING_OR_CONVERSION = 64;
    /** The buffer size AWS gives streams that convert formats or partition dynamically when none is set. */
    static final int DEFAULT_SIZE_CONVERTING = 128;
    static final int DEFAULT_RETRY_SECONDS = 300;
    private static final Pattern FILE_EXTENSION = Pattern.compile("^$|\\.[0-9a-z!\\-_.*'()]+");
    private static final Pattern TIME_ZONE = Pattern.compile("^$|[a-zA-Z/_]+");
    /** The members of an S3DestinationDescription, in AWS's order. */
    private static final List<String> S3_MEMBERS = List.of("RoleARN", "BucketARN", "Prefix", "ErrorOutputPrefix", "BufferingHints",
            "CompressionFormat", "EncryptionConfiguration", "CloudWatchLoggingOptions");

    private S3Destinations() {}

    /** An S3DestinationConfiguration (also the S3 part of other destinations) as its S3DestinationDescription. */
    static ObjectNode describeS3(ObjectNode cfg, String path) {
        ObjectNode out = JSON.objectNode();
        out.put("RoleARN", Fields.string(cfg, "RoleARN", path, true, 1, 512, Fields.ROLE_ARN));
        out.put("BucketARN", Fields.string(cfg, "BucketARN", path, true, 1, 2048, Fields.BUCKET_ARN));
        putIfSet(out, "Prefix", Fields.string(cfg, "Prefix", path, false, 0, 1024, null));
        putIfSet(out, "ErrorOutputPrefix", Fields.string(cfg, "ErrorOutputPrefix", path, false, 0, 1024, null));
        out.set("BufferingHints", DestinationParts.bufferingHints(cfg, path, 128, DestinationParts.DEFAULT_SIZE_MIB));
        String compression = Fields.oneOf(cfg, "CompressionFormat", path, false, COMPRESSION);
        out.put("CompressionFormat", compression == null ? "UNCOMPRESSED" : compression);
        out.set("EncryptionConfiguration", DestinationParts.s3Encryption(cfg, path));
        out.set("CloudWatchLoggingOptions", DestinationParts.cloudWatch(cfg, path));
        return out;
    }

    /** The description of a stream created with the older S3DestinationConfiguration. */
    static ObjectNode describeOlder(ObjectNode cfg, String path, DestinationRules rules) {
        ObjectNode out = describeS3(cfg, path);
        out.put("S3BackupMode", "Disabled");
        rules.check(out);
        return out;
    }

    /** An ExtendedS3DestinationConfiguration as its ExtendedS3DestinationDescription. */
    static ObjectNode describeExtended(ObjectNode cfg, String path, DestinationRules rules) {
        ObjectNode conversion = Fields.object(cfg, "DataFormatConversionConfiguration", path, false);
        ObjectNode partitioning = Fields.object(cfg, "DynamicPartitioningConfiguration", path, false);
        // format conversion is on unless it says Enabled false (AWS's default is true); dynamic partitioning only when it says true
        boolean converting = conversion != null
                && !Boolean.FALSE.equals(Fields.bool(conversion, "Enabled", Fields.path(path, "DataFormatConversionConfiguration")));
        boolean partitioned = partitioning != null
                && Boolean.TRUE.equals(Fields.bool(partitioning, "Enabled", Fields.path(path, "DynamicPartitioningConfiguration")));

        ObjectNode s3 = describeS3(cfg, path);
        ObjectNode out = JSON.objectNode();
        for (String member : S3_MEMBERS) {
            if (s3.has(member)) {
                out.set(member, s3.get(member));
            }
        }
        if ((converting || partitioned) && !hasMember(cfg, "BufferingHints", "SizeInMBs")) {
            ((ObjectNode) out.get("BufferingHints")).put("SizeInMBs", DEFAULT_SIZE_CONVERTING);
        }
        ObjectNode processing = DestinationParts.processing(cfg, path);
        if (processing != null) {
            out.set("ProcessingConfiguration", processing);
        }
        String backupMode = Fields.oneOf(cfg, "S3BackupMode", path, false, List.of("Disabled", "Enabled"));
        out.put("S3BackupMode", backupMode == null ? "Disabled" : backupMode);
        ObjectNode backup = Fields.object(cfg, "S3BackupConfiguration", path, false);
        if (backup != null) {
            out.set("S3BackupDescription", describeS3(backup, Fields.path(path, "S3BackupConfiguration")));
        } else if ("Enabled".equals(backupMode)) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
        }
        if (conversion != null) {
            out.set("DataFormatConversionConfiguration", conversion.deepCopy());
        }
        if (partitioning != null) {
            out.set("DynamicPartitioningConfiguration", describePartitioning(partitioning, Fields.path(path, "DynamicPartitioningConfiguration")));
        }
        putIfSet(out, "FileExtension", Fields.string(cfg, "FileExtension", path, false, 0, 128, FILE_EXTENSION));
        putIfSet(out, "CustomTimeZone", Fields.string(cfg, "CustomTimeZone", path, false, 0, 50, TIME_ZONE));

        int size = out.get("BufferingHints").get("SizeInMBs").intValue();
        if (converting) {
            if (size < MIN_SIZE_FOR_PARTITIONING_OR_CONVERSION) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception(
                        "BufferingHints.SizeInMBs must be at least 64 when data format conversion is enabled.");
            }
            if (!"UNCOMPRESSED".equals(out.get("CompressionFormat").textValue())) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception(
                        "CompressionFormat must be set to UNCOMPRESSED when data format conversion is enabled.");
            }
        }
        if (partitioned) {
            if (size < MIN_SIZE_FOR_PARTITIONING_OR_CONVERSION) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception(
                        "BufferingHints.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled.");
            }
            String errorPrefix = text(out, "ErrorOutputPrefix");
            if (errorPrefix == null || errorPrefix.isEmpty()) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception(
                        "ErrorOutputPrefix cannot be null or empty when Dynamic Partitioning is enabled.");
            }
        }
        rules.check(out);
        return out;
    }

    /** Whether an extended description partitions dynamically. */
    static boolean partitioned(ObjectNode description) {
        JsonNode p = description.get("DynamicPartitioningConfiguration");
        return p != null && p.path("Enabled").asBoolean(false);
    }

    /**
     * {@code update} (an ExtendedS3DestinationUpdate or S3DestinationUpdate) applied to a current
     * extended description, as the configuration it then amounts to: members given replace the
     * current ones, {@code S3BackupUpdate} likewise inside the backup's configuration.
     */
    static ObjectNode merge(ObjectNode current, ObjectNode update, String path) {
        ObjectNode cfg = current.deepCopy();
        JsonNode backup = cfg.remove("S3BackupDescription");
        if (backup != null) {
            cfg.set("S3BackupConfiguration", backup);
        }
        for (Map.Entry<String, JsonNode> member : update.properties()) {
            if (member.getValue().isNull()) {
                continue;
            }
            if ("S3BackupUpdate".equals(member.getKey())) {
                ObjectNode backupUpdate = Fields.object(update, "S3BackupUpdate", path, false);
                ObjectNode merged = cfg.has("S3BackupConfiguration") ? (ObjectNode) cfg.get("S3BackupConfiguration") : JSON.objectNode();
                backupUpdate.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
                cfg.set("S3BackupConfiguration", merged);
            } else {
                cfg.set(member.getKey(), member.getValue());
            }
        }
        return cfg;
    }

    /** The S3DestinationDescription AWS shows beside an extended one: its S3 members only. */
    static ObjectNode s3View(ObjectNode extended) {
        ObjectNode out = JSON.objectNode();
        for (String member : S3_MEMBERS) {
            if (extended.has(member)) {
                out.set(member, extended.get(member));
            }
        }
        return out;
    }

    private static ObjectNode describePartitioning(ObjectNode partitioning, String path) {
        ObjectNode out = JSON.objectNode();
        ObjectNode retry = Fields.object(partitioning, "RetryOptions", path, false);
        Integer seconds = retry == null ? null : Fields.integer(retry, "DurationInSeconds", Fields.path(path, "RetryOptions"), false, 0, 7200);
        out.set("RetryOptions", JSON.objectNode().put("DurationInSeconds", seconds == null ? DEFAULT_RETRY_SECONDS : seconds));
        out.put("Enabled", partitioning.path("Enabled").asBoolean(false));
        return out;
    }

    private static boolean hasMember(ObjectNode cfg, String structure, String member) {
        JsonNode s = cfg.get(structure);
        return s != null && s.hasNonNull(member);
    }

    static @Nullable String text(ObjectNode node, String member) {
        JsonNode v = node.get(member);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void putIfSet(ObjectNode out, String member, @Nullable String value) {
        if (value != null) {
            out.put(member, value);
        }
    }
}
