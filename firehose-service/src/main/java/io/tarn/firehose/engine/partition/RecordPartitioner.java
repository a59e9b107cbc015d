package io.tarn.firehose.engine.partition;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.firehose.FirehoseErrors;
import io.tarn.firehose.engine.prefix.ErrorOutputType;
import io.tarn.firehose.engine.prefix.PartitionKeys;
import io.tarn.firehose.engine.prefix.S3Prefixes;
import io.tarn.firehose.engine.processor.ErrorRecord;
import io.tarn.firehose.engine.processor.LambdaEndpoints;
import io.tarn.firehose.engine.processor.LambdaProcessorConfig;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An S3 destination's record processing, as dynamic partitioning runs it: built once per
 * destination configuration by {@link #of} (which checks it as AWS does: the control plane calls
 * it at CreateDeliveryStream and UpdateDestination for its {@code InvalidArgumentException}s), then
 * used by delivery for each put record:
 * <ol>
 *   <li>{@link #deAggregate}: a KPL aggregated record, and with {@code RecordDeAggregation} JSON or
 *       delimited sub-records, become several records (on failure, {@link #deAggregationFailed});
 *   <li>the Lambda processor, when {@link #lambda()} is set: delivery runs
 *       {@code processor.LambdaTransformer} on the records and keeps the {@code Ok} ones, with
 *       their {@code partitionKeys};
 *   <li>{@link #route}: the {@code MetadataExtraction} query's keys and the Lambda's make the
 *       record's partition (one buffer each, named by {@link Routed#partitionId()}), within the
 *       stream's limit of active partitions; {@code AppendDelimiterToRecord} adds its delimiter.
 * </ol>
 * Records that fail go to the error prefix as {@link ErrorRecord}s of type
 * {@code partitioning-failed}. Without dynamic partitioning every record routes to the one
 * partition {@code ""}.
 */
public final class RecordPartitioner {

    /** AWS's default quota of active partitions per stream (a partition is active while its buffer is open). */
    public static final int DEFAULT_ACTIVE_PARTITION_LIMIT = 500;

    static final String EXTRACTION_FAILED = "DynamicPartitioning.MetadataExtractionFailed";
    static final String PARTITIONS_EXCEEDED = "DynamicPartitioning.ActivePartitionsLimitExceeded";
    static final String PARTITIONS_EXCEEDED_MESSAGE = "The number of active partitions has exceeded the configured limit";

    /** What delivery knows of a stream's open partitions. */
    public interface ActivePartitions {
        boolean isActive(String partitionId);

        int count();
    }

    /** Where a record goes. */
    public sealed interface Outcome permits Routed, Failed {}

    /** Into the buffer of {@code partitionId}, as {@code data} (its delimiter appended), under the prefix {@code keys} make. */
    public record Routed(String partitionId, PartitionKeys keys, byte[] data) implements Outcome {}

    /** To the error prefix. */
    public record Failed(ErrorRecord error) implements Outcome {}

    private final S3Prefixes prefixes;
    private final boolean dynamicPartitioning;
    private final @Nullable RecordDeAggregation deAggregation;
    private final @Nullable MetadataExtraction extraction;
    private final @Nullable LambdaProcessorConfig lambda;
    private final byte @Nullable [] appendedDelimiter;
    private final int activePartitionLimit;

    private RecordPartitioner(S3Prefixes prefixes, boolean dynamicPartitioning, @Nullable RecordDeAggregation deAggregation,
            @Nullable MetadataExtraction extraction, @Nullable LambdaProcessorConfig lambda,
            byte @Nullable [] appendedDelimiter, int activePartitionLimit) {
        this.prefixes = prefixes;
        this.dynamicPartitioning = dynamicPartitioning;
        this.deAggregation = deAggregation;
        this.extraction = extraction;
        this.lambda = lambda;
        this.appendedDelimiter = appendedDelimiter;
        this.activePartitionLimit = activePartitionLimit;
    }

    /** {@link #of(JsonNode, LambdaEndpoints, int)} with AWS's default limit of active partitions. */
    public static RecordPartitioner of(JsonNode destination, LambdaEndpoints endpoints) {
        return of(destination, endpoints, DEFAULT_ACTIVE_PARTITION_LIMIT);
    }

    /**
     * Reads and checks an {@code ExtendedS3DestinationConfiguration} (or its description): its
     * prefixes ({@link S3Prefixes}), {@code DynamicPartitioningConfiguration} and
     * {@code ProcessingConfiguration}.
     *
     * @throws io.tarn.core.error.AwsException {@code InvalidArgumentException}: a bad prefix or
     *     processor parameter, a processor type Tarn does not run, a Lambda ARN the init file does
     *     not map, or a partition key namespace without the processor that makes its keys
     */
    public static RecordPartitioner of(JsonNode destination, LambdaEndpoints endpoints, int activePartitionLimit) {
        Objects.requireNonNull(destination, "destination");
        S3Prefixes prefixes = S3Prefixes.of(destination);
        boolean dynamic = destination.path("DynamicPartitioningConfiguration").path("Enabled").asBoolean(false);
        RecordDeAggregation deAggregation = null;
        MetadataExtraction extraction = null;
        LambdaProcessorConfig lambda = null;
        byte[] delimiter = null;
        JsonNode processing = destination.path("ProcessingConfiguration");
        if (processing.path("Enabled").asBoolean(false)) {
            for (JsonNode processor : processing.path("Processors")) {
                String type = processor.path("Type").asText();
                Map<String, String> parameters = parameters(processor.path("Parameters"));
                switch (type) {
                    case "RecordDeAggregation" -> deAggregation = RecordDeAggregation.of(parameters);
                    case "MetadataExtraction" -> extraction = MetadataExtraction.of(parameters);
                    case "AppendDelimiterToRecord" -> delimiter = appendedDelimiter(parameters);
                    case "Lambda" -> {
                        lambda = LambdaProcessorConfig.of(parameters);
                        endpoints.requireMapped(lambda.lambdaArn());
                    }
                    default -> throw FirehoseErrors.INVALID_ARGUMENT.exception(
                            "Processor type %s is not supported by Tarn (supported: Lambda, MetadataExtraction, RecordDeAggregation, AppendDelimiterToRecord)", type);
                }
            }
        }
        if (!prefixes.data().queryKeys().isEmpty() && extraction == null) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(
                    "Prefix uses partitionKeyFromQuery, which needs a MetadataExtraction processor in the ProcessingConfiguration");
        }
        if (!prefixes.data().lambdaKeys().isEmpty() && lambda == null) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(
                    "Prefix uses partitionKeyFromLambda, which needs a Lambda processor in the ProcessingConfiguration");
        }
        return new RecordPartitioner(prefixes, dynamic, deAggregation, extraction, lambda, delimiter, activePartitionLimit);
    }

    private static Map<String, String> parameters(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : list) {
            out.put(p.path("ParameterName").asText(), p.path("ParameterValue").asText());
        }
        return out;
    }

    /** {@code AppendDelimiterToRecord} takes no parameter: a newline; a base64 {@code Delimiter} if given. */
    private static byte[] appendedDelimiter(Map<String, String> parameters) {
        String delimiter = parameters.get("Delimiter");
        if (delimiter == null) {
            return new byte[] {'\n'};
        }
        try {
            return Base64.getDecoder().decode(delimiter);
        } catch (IllegalArgumentException e) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("Delimiter %s must be base64-encoded", delimiter);
        }
    }

    public S3Prefixes prefixes() {
        return prefixes;
    }

    /** The Lambda processor delivery runs between {@link #deAggregate} and {@link #route}, or null. */
    public @Nullable LambdaProcessorConfig lambda() {
        return lambda;
    }

    /** Whether a {@code RecordDeAggregation} processor opens put records (a direct put is otherwise taken as sent). */
    public boolean deAggregates() {
        return deAggregation != null;
    }

    /** The records inside one put record (itself alone when nothing aggregates it). */
    public List<byte[]> deAggregate(byte[] data) throws RecordDeAggregation.DeAggregationException {
        if (deAggregation != null) {
            return deAggregation.split(data);
        }
        // the KPL's aggregation is opened even without the processor, as Firehose does for Kinesis sources
        List<byte[]> kpl = KplAggregation.userRecords(data);
        return kpl == null ? List.of(data) : kpl;
    }

    /** The error record of a put record {@link #deAggregate} could not split. */
    public Failed deAggregationFailed(byte[] data, Instant arrival, Instant now, String message) {
        return failed(data, arrival, now, EXTRACTION_FAILED, message);
    }

    /**
     * Where one record goes.
     *
     * @param lambdaKeys the {@code metadata.partitionKeys} the Lambda processor answered, empty without one
     * @param arrival when Firehose received the record
     * @param now the emulator clock's time, for the error record's {@code attemptEndingTimestamp}
     */
    public Outcome route(byte[] data, Map<String, String> lambdaKeys, Instant arrival, Instant now, ActivePartitions active) {
        if (!dynamicPartitioning) {
            return new Routed("", PartitionKeys.NONE, withDelimiter(data));
        }
        Map<String, String> queryKeys = Map.of();
        if (extraction != null) {
            try {
                queryKeys = extraction.extract(data);
            } catch (MetadataExtraction.ExtractionException e) {
                return failed(data, arrival, now, EXTRACTION_FAILED, e.getMessage());
            }
        }
        PartitionKeys keys = new PartitionKeys(queryKeys, lambdaKeys).restrictedTo(prefixes.data());
        String missing = prefixes.data().missingKey(keys);
        if (missing != null) {
            return failed(data, arrival, now, EXTRACTION_FAILED, "The record has no value for the prefix expression !{" + missing + "}");
        }
        String id = keys.id();
        if (!active.isActive(id) && active.count() >= activePartitionLimit) {
            return failed(data, arrival, now, PARTITIONS_EXCEEDED, PARTITIONS_EXCEEDED_MESSAGE);
        }
        return new Routed(id, keys, withDelimiter(data));
    }

    private byte[] withDelimiter(byte[] data) {
        if (appendedDelimiter == null) {
            return data;
        }
        byte[] out = java.util.Arrays.copyOf(data, data.length + appendedDelimiter.length);
        System.arraycopy(appendedDelimiter, 0, out, data.length, appendedDelimiter.length);
        return out;
    }

    private static Failed failed(byte[] data, Instant arrival, Instant now, String code, String message) {
        return new Failed(new ErrorRecord(ErrorOutputType.PARTITIONING_FAILED, 1, arrival, code, message, now, data, null));
    }
}
