package io.tarn.firehose.engine.prefix;

import static io.tarn.firehose.engine.prefix.PrefixParser.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * An S3 destination's {@code Prefix} and {@code ErrorOutputPrefix}, checked together by AWS's
 * semantic rules and completed with its defaults.
 *
 * <p>The control plane calls {@link #validate} (or {@link #of(JsonNode)}) at CreateDeliveryStream
 * and UpdateDestination, which throws AWS's {@code InvalidArgumentException}; delivery keeps the
 * result (or builds it again from the stored destination, cheap) and calls {@link #dataPrefix}
 * and {@link #errorPrefix} for each object it writes.
 *
 * <p>Rules (AWS's "Custom prefixes for Amazon S3 objects", "Dynamic partitioning"):
 * <ul>
 *   <li>a Prefix without a {@code timestamp} (nor, with dynamic partitioning, any partition key)
 *       gets {@code !{timestamp:yyyy/MM/dd/HH/}} appended; no Prefix at all is {@code yyyy/MM/dd/HH/};
 *   <li>ErrorOutputPrefix may be absent only when Prefix has no expressions; it then is
 *       {@code <Prefix><error-output-type>/yyyy/MM/dd/HH/}, and so is a literal ErrorOutputPrefix;
 *   <li>an ErrorOutputPrefix with expressions needs {@code !{firehose:error-output-type}}; the
 *       Prefix must not use it; ErrorOutputPrefix cannot use partition keys;
 *   <li>partition keys need dynamic partitioning enabled; dynamic partitioning needs both prefixes
 *       and at least one partition key in the Prefix.
 * </ul>
 */
public final class S3Prefixes {

    /** AWS's default data prefix, and what it appends to a Prefix without a timestamp. */
    static final String DEFAULT_TIME_PATTERN = "yyyy/MM/dd/HH/";

    private final PrefixExpression data;
    private final PrefixExpression error;
    private final ZoneId zone;

    private S3Prefixes(PrefixExpression data, PrefixExpression error, ZoneId zone) {
        this.data = data;
        this.error = error;
        this.zone = zone;
    }

    /**
     * Checks and completes a destination's prefixes.
     *
     * @param prefix {@code Prefix}, null or empty for none
     * @param errorOutputPrefix {@code ErrorOutputPrefix}, null or empty for none
     * @param dynamicPartitioning {@code DynamicPartitioningConfiguration.Enabled}
     * @param customTimeZone {@code CustomTimeZone} (e.g. {@code Asia/Tokyo}), null or empty for UTC
     * @throws io.tarn.core.error.AwsException {@code InvalidArgumentException} as AWS answers
     */
    public static S3Prefixes validate(@Nullable String prefix, @Nullable String errorOutputPrefix,
            boolean dynamicPartitioning, @Nullable String customTimeZone) {
        ZoneId zone = zone(customTimeZone);
        PrefixExpression given = PrefixParser.parse(prefix == null ? "" : prefix, "Prefix");
        PrefixExpression givenError = isEmpty(errorOutputPrefix) ? null : PrefixParser.parse(errorOutputPrefix, "ErrorOutputPrefix");

        if (given.hasErrorOutputType()) {
            throw invalid("Prefix cannot contain !{firehose:error-output-type}");
        }
        if (givenError == null && given.hasExpressions()) {
            throw invalid("ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
        }
        if (givenError != null && givenError.hasPartitionKeys()) {
            throw invalid("ErrorOutputPrefix cannot contain partitionKeyFromQuery or partitionKeyFromLambda expressions");
        }
        if (givenError != null && givenError.hasExpressions() && !givenError.hasErrorOutputType()) {
            throw invalid("ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions");
        }
        if (given.hasPartitionKeys() && !dynamicPartitioning) {
            throw invalid("Prefix can contain partitionKeyFromQuery or partitionKeyFromLambda expressions only when dynamic partitioning is enabled");
        }
        if (dynamicPartitioning && !given.hasPartitionKeys()) {
            throw invalid("When dynamic partitioning is enabled, Prefix must contain at least one partitionKeyFromQuery or partitionKeyFromLambda expression");
        }

        PrefixExpression data = given.hasTimestamp() || given.hasPartitionKeys()
                ? given
                : PrefixParser.parse(given.source() + "!{timestamp:" + DEFAULT_TIME_PATTERN + "}", "Prefix");
        PrefixExpression error = givenError != null && givenError.hasExpressions()
                ? givenError
                : PrefixParser.parse((givenError != null ? givenError.source() : given.source())
                        + "!{firehose:error-output-type}/!{timestamp:" + DEFAULT_TIME_PATTERN + "}", "ErrorOutputPrefix");
        return new S3Prefixes(data, error, zone);
    }

    /**
     * The same, read from an {@code ExtendedS3DestinationConfiguration} (or its description, or an
     * {@code S3DestinationConfiguration}): {@code Prefix}, {@code ErrorOutputPrefix},
     * {@code DynamicPartitioningConfiguration.Enabled} and {@code CustomTimeZone}.
     */
    public static S3Prefixes of(JsonNode destination) {
        Objects.requireNonNull(destination, "destination");
        return validate(text(destination, "Prefix"), text(destination, "ErrorOutputPrefix"),
                destination.path("DynamicPartitioningConfiguration").path("Enabled").asBoolean(false),
                text(destination, "CustomTimeZone"));
    }

    /** The data prefix, completed with AWS's defaults. */
    public PrefixExpression data() {
        return data;
    }

    /** The error prefix, completed with AWS's defaults. */
    public PrefixExpression error() {
        return error;
    }

    /** The prefix of a data object whose buffer opened at {@code opened}, for records with {@code keys}. */
    public String dataPrefix(Instant opened, PartitionKeys keys, RandomGenerator random) {
        return data.evaluate(opened.atZone(zone), keys, null, random);
    }

    /** The prefix of an error object of {@code type} whose buffer opened at {@code opened}. */
    public String errorPrefix(Instant opened, ErrorOutputType type, RandomGenerator random) {
        Objects.requireNonNull(type, "type");
        return error.evaluate(opened.atZone(zone), PartitionKeys.NONE, type, random);
    }

    private static ZoneId zone(@Nullable String customTimeZone) {
        if (isEmpty(customTimeZone)) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(customTimeZone);
        } catch (DateTimeException e) {
            throw io.tarn.firehose.FirehoseErrors.INVALID_ARGUMENT.exception("CustomTimeZone %s is not a supported time zone", customTimeZone);
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean isEmpty(@Nullable String s) {
        return s == null || s.isEmpty();
    }
}
