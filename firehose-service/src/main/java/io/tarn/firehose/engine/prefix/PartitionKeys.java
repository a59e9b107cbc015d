package io.tarn.firehose.engine.prefix;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A record's dynamic partitioning keys: those its {@code MetadataExtraction} query gave
 * ({@code !{partitionKeyFromQuery:name}}) and those a Lambda processor answered in
 * {@code metadata.partitionKeys} ({@code !{partitionKeyFromLambda:name}}).
 */
public record PartitionKeys(Map<String, String> fromQuery, Map<String, String> fromLambda) {

    public static final PartitionKeys NONE = new PartitionKeys(Map.of(), Map.of());

    public PartitionKeys {
        fromQuery = Map.copyOf(fromQuery);
        fromLambda = Map.copyOf(fromLambda);
    }

    /**
     * A stable name of the partition these keys make, for delivery's buffer key: records with the
     * same keys share one buffer. Sorted, and each name and value length-prefixed, so that no two
     * different key sets give the same id.
     */
    public String id() {
        StringBuilder id = new StringBuilder();
        append(id, 'q', fromQuery);
        append(id, 'l', fromLambda);
        return id.toString();
    }

    /** The keys whose {@link #id()} is {@code id}: a stored buffer's partition back into keys for its prefix. */
    public static PartitionKeys parse(String id) {
        Map<String, String> query = new TreeMap<>();
        Map<String, String> lambda = new TreeMap<>();
        int[] at = {0};
        while (at[0] < id.length()) {
            char source = id.charAt(at[0]++);
            String name = lengthPrefixed(id, at);
            String value = lengthPrefixed(id, at);
            (source == 'q' ? query : lambda).put(name, value);
        }
        return new PartitionKeys(query, lambda);
    }

    private static String lengthPrefixed(String id, int[] at) {
        int colon = id.indexOf(':', at[0]);
        int length = Integer.parseInt(id.substring(at[0], colon));
        at[0] = colon + 1 + length;
        return id.substring(colon + 1, at[0]);
    }

    private static void append(StringBuilder id, char source, Map<String, String> keys) {
        new TreeMap<>(keys).forEach((name, value) -> id.append(source)
                .append(name.length()).append(':').append(name)
                .append(value.length()).append(':').append(value));
    }

    /** Only the keys a prefix uses: extracted keys the prefix never names must not split buffers. */
    public PartitionKeys restrictedTo(PrefixExpression prefix) {
        Objects.requireNonNull(prefix, "prefix");
        Map<String, String> query = new TreeMap<>(fromQuery);
        query.keySet().retainAll(prefix.queryKeys());
        Map<String, String> lambda = new TreeMap<>(fromLambda);
        lambda.keySet().retainAll(prefix.lambdaKeys());
        return new PartitionKeys(query, lambda);
    }
}
