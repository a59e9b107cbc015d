package io.tarn.firehose.engine.prefix;

import io.tarn.core.error.AwsException;
import io.tarn.firehose.FirehoseErrors;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses the {@code !{namespace:value}} expressions of a prefix (AWS's "Custom prefixes for Amazon
 * S3 objects"): {@code timestamp} (a Java {@link DateTimeFormatter} pattern, whose quoted text is
 * literal), {@code firehose} ({@code random-string}, {@code error-output-type}),
 * {@code partitionKeyFromQuery} and {@code partitionKeyFromLambda}. Anything else, and a
 * {@code !{} outside an expression, is AWS's {@code InvalidArgumentException}.
 */
public final class PrefixParser {

    static final String CONSTRAINT = "The supplied prefix(es) do not satisfy the following constraint: ";

    private PrefixParser() {}

    /**
     * @param text the prefix as given (not null: an absent prefix is handled by {@link S3Prefixes})
     * @param field {@code Prefix} or {@code ErrorOutputPrefix}, named in the error message
     */
    public static PrefixExpression parse(String text, String field) {
        Objects.requireNonNull(text, "text");
        List<PrefixExpression.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("!{", i);
            if (start < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, start);
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                throw invalid("The sequence '!{' in %s can only appear in !{namespace:value} expressions", field);
            }
            String body = text.substring(start + 2, end);
            if (body.contains("!{")) {
                throw invalid("The sequence '!{' in %s can only appear in !{namespace:value} expressions", field);
            }
            if (!literal.isEmpty()) {
                parts.add(new PrefixExpression.Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(expression(body, field));
            i = end + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new PrefixExpression.Literal(literal.toString()));
        }
        return new PrefixExpression(text, parts);
    }

    private static PrefixExpression.Part expression(String body, String field) {
        int colon = body.indexOf(':');
        if (colon < 0) {
            throw invalid("Expression !{%s} in %s must have the form !{namespace:value}", body, field);
        }
        String namespace = body.substring(0, colon);
        String value = body.substring(colon + 1);
        if (value.isEmpty()) {
            throw invalid("Expression !{%s} in %s has an empty value", body, field);
        }
        switch (namespace) {
            case "timestamp":
                return new PrefixExpression.Timestamp(value, formatter(value, field));
            case "firehose":
                if (value.equals("random-string")) {
                    return new PrefixExpression.RandomString();
                }
                if (value.equals("error-output-type")) {
                    return new PrefixExpression.ErrorOutput();
                }
                throw invalid("The value '%s' of the firehose namespace in %s must be one of [random-string, error-output-type]", value, field);
            case "partitionKeyFromQuery":
                return new PrefixExpression.PartitionKey(false, value);
            case "partitionKeyFromLambda":
                return new PrefixExpression.PartitionKey(true, value);
            default:
                throw invalid("Unknown namespace '%s' in %s: it must be one of [timestamp, firehose, partitionKeyFromQuery, partitionKeyFromLambda]", namespace, field);
        }
    }

    private static DateTimeFormatter formatter(String pattern, String field) {
        try {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern);
            // a pattern can parse yet name a field a date-time lacks at format time: try it once
            formatter.format(Instant.EPOCH.atZone(ZoneOffset.UTC));
            return formatter;
        } catch (IllegalArgumentException | DateTimeException e) {
            throw invalid("The timestamp pattern '%s' in %s is not a valid Java DateTimeFormatter pattern", pattern, field);
        }
    }

    static AwsException invalid(String format, Object... args) {
        return FirehoseErrors.INVALID_ARGUMENT.exception(CONSTRAINT + String.format(format, args));
    }
}
