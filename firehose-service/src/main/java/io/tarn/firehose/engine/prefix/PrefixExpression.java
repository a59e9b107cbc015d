package io.tarn.firehose.engine.prefix;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One parsed {@code Prefix} or {@code ErrorOutputPrefix}: literal text and
 * {@code !{namespace:value}} expressions, parsed once by {@link PrefixParser} and evaluated for
 * each object written.
 */
public final class PrefixExpression {

    /** A piece of a prefix. */
    sealed interface Part permits Literal, Timestamp, RandomString, ErrorOutput, PartitionKey {}

    record Literal(String text) implements Part {}

    /** {@code !{timestamp:pattern}}: a Java {@link DateTimeFormatter} pattern. */
    record Timestamp(String pattern, DateTimeFormatter formatter) implements Part {}

    /** {@code !{firehose:random-string}}. */
    record RandomString() implements Part {}

    /** {@code !{firehose:error-output-type}}. */
    record ErrorOutput() implements Part {}

    /** {@code !{partitionKeyFromQuery:name}} ({@code fromLambda} false) or {@code !{partitionKeyFromLambda:name}}. */
    record PartitionKey(boolean fromLambda, String name) implements Part {}

    /** AWS's random string is 11 characters (its example: {@code 046b6c7f-0b}, a UUID's start). */
    static final int RANDOM_STRING_LENGTH = 11;

    private final String source;
    private final List<Part> parts;

    PrefixExpression(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** The text as the user gave it. */
    public String source() {
        return source;
    }

    List<Part> parts() {
        return parts;
    }

    /** Whether any {@code !{...}} expression appears. */
    public boolean hasExpressions() {
        return parts.stream().anyMatch(p -> !(p instanceof Literal));
    }

    public boolean hasTimestamp() {
        return parts.stream().anyMatch(p -> p instanceof Timestamp);
    }

    public boolean hasErrorOutputType() {
        return parts.stream().anyMatch(p -> p instanceof ErrorOutput);
    }

    public boolean hasPartitionKeys() {
        return !queryKeys().isEmpty() || !lambdaKeys().isEmpty();
    }

    /** The names of {@code !{partitionKeyFromQuery:...}}, in order of appearance. */
    public Set<String> queryKeys() {
        return keys(false);
    }

    /** The names of {@code !{partitionKeyFromLambda:...}}, in order of appearance. */
    public Set<String> lambdaKeys() {
        return keys(true);
    }

    private Set<String> keys(boolean fromLambda) {
        Set<String> names = new LinkedHashSet<>();
        for (Part p : parts) {
            if (p instanceof PartitionKey k && k.fromLambda() == fromLambda) {
                names.add(k.name());
            }
        }
        return names;
    }

    /**
     * The first key this prefix names that {@code keys} lacks, as it appears in the prefix
     * ({@code partitionKeyFromQuery:name}), or null when every key is there. A record without all
     * of its keys cannot be delivered under this prefix: it goes to the error output.
     */
    public @Nullable String missingKey(PartitionKeys keys) {
        for (Part p : parts) {
            if (p instanceof PartitionKey k && !(k.fromLambda() ? keys.fromLambda() : keys.fromQuery()).containsKey(k.name())) {
                return (k.fromLambda() ? "partitionKeyFromLambda:" : "partitionKeyFromQuery:") + k.name();
            }
        }
        return null;
    }

    /**
     * The prefix for one object.
     *
     * @param time the instant every {@code timestamp} expression shows (AWS: the oldest record's
     *     arrival, i.e. when the buffer opened), in the stream's time zone
     * @param keys the partition keys of the object's records (see {@link #missingKey})
     * @param errorType what {@code !{firehose:error-output-type}} shows; null for a data prefix
     * @param random the source of {@code !{firehose:random-string}}: a new string at each use
     * @throws IllegalStateException when a key is missing or an error type is needed and not given
     */
    public String evaluate(ZonedDateTime time, PartitionKeys keys, @Nullable ErrorOutputType errorType, RandomGenerator random) {
        Objects.requireNonNull(time, "time");
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                out.append(l.text());
            } else if (p instanceof Timestamp t) {
                out.append(t.formatter().format(time));
            } else if (p instanceof RandomString) {
                out.append(randomString(random));
            } else if (p instanceof ErrorOutput) {
                if (errorType == null) {
                    throw new IllegalStateException("no error output type for " + source);
                }
                out.append(errorType.value());
            } else {
                PartitionKey k = (PartitionKey) p;
                String value = (k.fromLambda() ? keys.fromLambda() : keys.fromQuery()).get(k.name());
                if (value == null) {
                    throw new IllegalStateException("no partition key " + k.name() + " for " + source);
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    private static String randomString(RandomGenerator random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString().substring(0, RANDOM_STRING_LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrefixExpression other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
