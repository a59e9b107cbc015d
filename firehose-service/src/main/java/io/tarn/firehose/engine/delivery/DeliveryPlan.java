package io.tarn.firehose.engine.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.firehose.engine.partition.RecordPartitioner;
import io.tarn.firehose.engine.prefix.S3Prefixes;
import io.tarn.firehose.engine.processor.LambdaEndpoints;
import io.tarn.firehose.engine.processor.LambdaProcessorConfig;
import org.jspecify.annotations.Nullable;

/**
 * How one version of a stream's S3 destination treats records, read once from its description:
 * prefixes, processors and dynamic partitioning ({@link RecordPartitioner}), the Lambda processor,
 * format conversion, the backup of source records, and the buffer size and interval of each
 * {@link BufferRole}.
 *
 * @param conversion the {@code DataFormatConversionConfiguration} when enabled, else null
 * @param fileExtension the destination's {@code FileExtension}, replacing AWS's default one; null for the default
 * @param backup the {@code S3BackupDescription} when {@code S3BackupMode} is {@code Enabled}, else null
 */
record DeliveryPlan(
        RecordPartitioner partitioner,
        @Nullable LambdaProcessorConfig lambda,
        @Nullable JsonNode conversion,
        @Nullable String fileExtension,
        @Nullable Backup backup,
        int sizeMiB,
        int intervalSeconds) {

    /** Where source records are copied as they arrive ({@code S3BackupMode: Enabled}). */
    record Backup(String bucket, S3Prefixes prefixes, Compression compression, @Nullable String kmsKeyArn, int sizeMiB,
            int intervalSeconds) {}

    static DeliveryPlan of(DeliveryTarget.S3Delivery s3, LambdaEndpoints endpoints) {
        JsonNode d = s3.description();
        RecordPartitioner partitioner = RecordPartitioner.of(d, endpoints);
        JsonNode conversion = d.path("DataFormatConversionConfiguration");
        boolean converts = conversion.isObject() && conversion.path("Enabled").asBoolean(true);
        String extension = d.path("FileExtension").asText("");
        Backup backup = null;
        if ("Enabled".equals(d.path("S3BackupMode").asText()) && d.path("S3BackupDescription").isObject()) {
            JsonNode b = d.get("S3BackupDescription");
            JsonNode hints = b.path("BufferingHints");
            String arn = b.path("BucketARN").asText();
            JsonNode kms = b.path("EncryptionConfiguration").path("KMSEncryptionConfig").get("AWSKMSKeyARN");
            backup = new Backup(arn.substring(arn.lastIndexOf(':') + 1), S3Prefixes.of(b),
                    Compression.of(b.path("CompressionFormat").asText("UNCOMPRESSED")), kms == null ? null : kms.asText(),
                    hints.path("SizeInMBs").asInt(5), hints.path("IntervalInSeconds").asInt(300));
        }
        return new DeliveryPlan(partitioner, partitioner.lambda(), converts ? conversion : null, extension.isEmpty() ? null : extension,
                backup, s3.bufferSizeMiB(), s3.bufferIntervalSeconds());
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
