package io.tarn.firehose.engine.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.firehose.engine.partition.RecordPartitioner;
import io.tarn.firehose.engine.prefix.S3Prefixes;
import io.tarn.firehose.engine.processor.LambdaEndpoints;
import io.tarn.firehose.engine.processor.LambdaProcessorConfig;
import org.jspecify.annotations.Nullable;

/**
 * How one version of a stream's destination treats records, read once from its description:
 * prefixes, processors and dynamic partitioning ({@link RecordPartitioner}), the Lambda processor,
 * format conversion, where objects go, the backup of source records, and the buffer size and
 * interval of each {@link BufferRole}.
 *
 * @param objects where the stream's objects go: an S3 destination's bucket, or for an HTTP endpoint
 *     destination its S3 configuration, which keeps the records the endpoint never took
 * @param http the {@code HttpEndpointDestinationDescription} of an HTTP endpoint destination, else null
 * @param conversion the {@code DataFormatConversionConfiguration} when enabled, else null
 * @param fileExtension the destination's {@code FileExtension}, replacing AWS's default one; null for the default
 * @param backup where source records are copied as they arrive ({@code S3BackupMode} {@code Enabled}, or
 *     {@code AllData} for an HTTP endpoint), else null
 */
record DeliveryPlan(
        RecordPartitioner partitioner,
        Objects objects,
        @Nullable JsonNode http,
        @Nullable LambdaProcessorConfig lambda,
        @Nullable JsonNode conversion,
        @Nullable String fileExtension,
        @Nullable Objects backup,
        int sizeMiB,
        int intervalSeconds) {

    /** A bucket objects are written to, how, and its buffering. */
    record Objects(String bucket, S3Prefixes prefixes, Compression compression, @Nullable String kmsKeyArn, int sizeMiB,
            int intervalSeconds) {

        /** From an S3 destination's description ({@code S3DestinationDescription} and the like). */
        static Objects of(JsonNode s3, S3Prefixes prefixes) {
            String arn = s3.path("BucketARN").asText();
            JsonNode hints = s3.path("BufferingHints");
            JsonNode kms = s3.path("EncryptionConfiguration").path("KMSEncryptionConfig").get("AWSKMSKeyARN");
            return new Objects(arn.substring(arn.lastIndexOf(':') + 1), prefixes,
                    Compression.of(s3.path("CompressionFormat").asText("UNCOMPRESSED")), kms == null ? null : kms.asText(),
                    hints.path("SizeInMBs").asInt(5), hints.path("IntervalInSeconds").asInt(300));
        }
    }

    static DeliveryPlan of(DeliveryTarget target, LambdaEndpoints endpoints) {
        boolean toS3 = target.s3() != null;
        JsonNode d = toS3 ? target.s3().description() : target.httpEndpoint();
        RecordPartitioner partitioner = RecordPartitioner.of(d, endpoints);
        JsonNode conversion = d.path("DataFormatConversionConfiguration");
        boolean converts = conversion.isObject() && conversion.path("Enabled").asBoolean(true);
        String extension = d.path("FileExtension").asText("");
        Objects objects;
        Objects backup = null;
        if (toS3) {
            objects = Objects.of(d, partitioner.prefixes());
            if ("Enabled".equals(d.path("S3BackupMode").asText()) && d.path("S3BackupDescription").isObject()) {
                backup = Objects.of(d.get("S3BackupDescription"), S3Prefixes.of(d.get("S3BackupDescription")));
            }
        } else {
            JsonNode s3 = d.get("S3DestinationDescription");
            objects = Objects.of(s3, S3Prefixes.of(s3));
            if ("AllData".equals(d.path("S3BackupMode").asText())) {
                backup = objects;
            }
        }
        JsonNode hints = d.path("BufferingHints");
        return new DeliveryPlan(partitioner, objects, toS3 ? null : d, partitioner.lambda(), converts ? conversion : null,
                extension.isEmpty() ? null : extension, backup, hints.path("SizeInMBs").asInt(5), hints.path("IntervalInSeconds").asInt(300));
    }

    /** The bytes at which a buffer of {@code role} is sealed. */
    long sizeLimit(@Nullable String role) {
        if (BufferRole.PROCESSING.equals(role)) {
            return (long) (lambda.bufferSizeMiB() * (1 << 20));
        }
        return (long) (BufferRole.BACKUP.equals(role) ? backup.sizeMiB() : sizeMiB) << 20;
    }

    /** The seconds after which an open buffer of {@code role} is sealed. */
    int interval(@Nullable String role) {
        if (BufferRole.PROCESSING.equals(role)) {
            return lambda.bufferIntervalSeconds();
        }
        return BufferRole.BACKUP.equals(role) ? backup.intervalSeconds() : intervalSeconds;
    }
}
