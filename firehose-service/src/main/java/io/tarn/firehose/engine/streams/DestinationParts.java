package io.tarn.firehose.engine.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.firehose.FirehoseErrors;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The parts S3 and HTTP endpoint destinations share, checked against the model and described with
 * AWS's defaults: buffering hints (5 MiB and 300 s unless given), CloudWatch logging options
 * (described {@code Enabled: false} when absent), processing configurations, S3 encryption.
 */
final class DestinationParts {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final int DEFAULT_SIZE_MIB = 5;
    static final int DEFAULT_INTERVAL_SECONDS = 300;

    static final List<String> PROCESSOR_TYPES = List.of("RecordDeAggregation", "Decompression", "CloudWatchLogProcessing", "Lambda",
            "MetadataExtraction", "AppendDelimiterToRecord");
    static final List<String> PARAMETER_NAMES = List.of("LambdaArn", "NumberOfRetries", "MetadataExtractionQuery", "JsonParsingEngine",
            "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds", "SubRecordType", "Delimiter", "CompressionFormat",
            "DataMessageExtraction");
    private static final Pattern LOG_GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]*");
    private static final Pattern LOG_STREAM = Pattern.compile("[^:*]*");

    private DestinationParts() {}

    /** BufferingHints with {@code maxSize} MiB at most (128 for S3, 64 for HTTP endpoints), defaults filled in. */
    static ObjectNode bufferingHints(ObjectNode cfg, String path, int maxSize, int defaultSize) {
        ObjectNode hints = Fields.object(cfg, "BufferingHints", path, false);
        Integer size = null;
        Integer interval = null;
        if (hints != null) {
            String p = Fields.path(path, "BufferingHints");
            size = Fields.integer(hints, "SizeInMBs", p, false, 1, maxSize);
            interval = Fields.integer(hints, "IntervalInSeconds", p, false, 0, 900);
        }
        ObjectNode out = JSON.objectNode();
        out.put("SizeInMBs", size == null ? defaultSize : size);
        out.put("IntervalInSeconds", interval == null ? DEFAULT_INTERVAL_SECONDS : interval);
        return out;
    }

    static ObjectNode cloudWatch(ObjectNode cfg, String path) {
        ObjectNode options = Fields.object(cfg, "CloudWatchLoggingOptions", path, false);
        if (options == null) {
            return JSON.objectNode().put("Enabled", false);
        }
        String p = Fields.path(path, "CloudWatchLoggingOptions");
        Fields.bool(options, "Enabled", p);
        Fields.string(options, "LogGroupName", p, false, 0, 512, LOG_GROUP);
        Fields.string(options, "LogStreamName", p, false, 0, 512, LOG_STREAM);
        return options.deepCopy();
    }

    /** The ProcessingConfiguration as given (null when absent), each processor's type and parameters checked. */
    static @Nullable ObjectNode processing(ObjectNode cfg, String path) {
        ObjectNode processing = Fields.object(cfg, "ProcessingConfiguration", path, false);
        if (processing == null) {
            return null;
        }
        String p = Fields.path(path, "ProcessingConfiguration");
        Fields.bool(processing, "Enabled", p);
        String listPath = Fields.path(p, "Processors");
        ArrayNode processors = Fields.list(processing, "Processors", p, Integer.MAX_VALUE);
        for (int i = 0; i < processors.size(); i++) {
            ObjectNode processor = Fields.entry(processors, i, listPath);
            String pp = Fields.entryPath(listPath, i);
            Fields.oneOf(processor, "Type", pp, true, PROCESSOR_TYPES);
            String paramsPath = Fields.path(pp, "Parameters");
            ArrayNode params = Fields.list(processor, "Parameters", pp, Integer.MAX_VALUE);
            for (int j = 0; j < params.size(); j++) {
                ObjectNode param = Fields.entry(params, j, paramsPath);
                String ppp = Fields.entryPath(paramsPath, j);
                Fields.oneOf(param, "ParameterName", ppp, true, PARAMETER_NAMES);
                Fields.string(param, "ParameterValue", ppp, true, 1, 5120, Fields.NON_BLANK);
            }
        }
        return processing.deepCopy();
    }

    /** An S3 EncryptionConfiguration: NoEncryption (the default) or a KMS key ARN, not both. */
    static ObjectNode s3Encryption(ObjectNode cfg, String path) {
        ObjectNode enc = Fields.object(cfg, "EncryptionConfiguration", path, false);
        if (enc == null) {
            return JSON.objectNode().put("NoEncryptionConfig", "NoEncryption");
        }
        String p = Fields.path(path, "EncryptionConfiguration");
        String none = Fields.oneOf(enc, "NoEncryptionConfig", p, false, List.of("NoEncryption"));
        ObjectNode kms = Fields.object(enc, "KMSEncryptionConfig", p, false);
        if (kms != null) {
            Fields.string(kms, "AWSKMSKeyARN", Fields.path(p, "KMSEncryptionConfig"), true, 1, 512, Fields.KMS_KEY_ARN);
            if (none != null) {
                throw FirehoseErrors.INVALID_ARGUMENT.exception(
                        "EncryptionConfiguration can specify either NoEncryptionConfig or KMSEncryptionConfig, not both.");
            }
            return JSON.objectNode().set("KMSEncryptionConfig", kms.deepCopy());
        }
        return JSON.objectNode().put("NoEncryptionConfig", "NoEncryption");
    }
}
