package io.tarn.glue.catalog.expression;

import java.util.List;
import java.util.function.Predicate;

/**
 * A GetPartitions {@code Expression}, parsed against a table's partition keys: a predicate over a partition's
 * values (in key order) that compares each key by its declared type, and the range of values it allows a key,
 * for a partition index. Parsing refuses what Glue refuses, with Glue's message
 * ({@link PartitionExpressionException}).
 */
public final class PartitionExpression implements Predicate<List<String>> {

    private final List<PartitionKey> keys;
    private final List<KeyType> types;
    private final Condition condition;

    private PartitionExpression(List<PartitionKey> keys, Condition condition) {
        this.keys = List.copyOf(keys);
        this.types = keys.stream().map(k -> {
            try {
                return KeyType.of(k.type());
            } catch (PartitionExpressionException e) {
                return null; // a key the expression does not use may have any type
            }
        }).toList();
        this.condition = condition;
    }

    /**
     * Parses {@code expression} against the table's partition keys. A blank expression matches every partition,
     * as Glue treats it as no filter (the Hive metastore client sends {@code Expression=""} to list them all).
     *
     * @throws PartitionExpressionException what Glue answers with InvalidInputException
     */
    public static PartitionExpression parse(String expression, List<PartitionKey> keys) {
        Condition condition = expression.isBlank() ? new Condition.Always() : Parser.parse(expression, keys);
        return new PartitionExpression(keys, condition);
    }

    /**
     * Whether a partition with these values (in key order) matches.
     *
     * @throws PartitionExpressionException of kind INVALID_STATE when a value the expression reads does not fit
     *         its key's type, as Glue answers for partitions written before a key's type changed
     */
    @Override
    public boolean test(List<String> values) {
        return condition.test(new Condition.Values() {
            @Override
            public Comparable<?> typed(int key) {
                String value = raw(key);
                if (value == null) {
                    return null;
                }
                try {
                    return types.get(key).parse(value);
                } catch (IllegalArgumentException e) {
                    throw PartitionExpressionException.invalidState(e.getMessage());
                }
            }

            @Override
            public String raw(int key) {
                return key < values.size() ? values.get(key) : null;
            }
        });
    }

    /**
     * The range of {@code keyName}'s values a matching partition can have: the intersection of the expression's
     * top-level conjuncts that bound that key ({@code =}, {@code <}, {@code <=}, {@code >}, {@code >=},
     * {@code BETWEEN}, and {@code IN} as the span of its values). Anything else (OR, NOT, {@code <>}, LIKE) leaves
     * the key unbounded, which is always safe.
     */
    public KeyRange keyRange(String keyName) {
        int key = indexOf(keyName);
        return rangeOf(condition, key);
    }

    private static KeyRange rangeOf(Condition condition, int key) {
        if (condition instanceof Condition.And and) {
            return rangeOf(and.left(), key).intersect(rangeOf(and.right(), key));
        }
        if (condition instanceof Condition.Comparison c && c.key() == key) {
            KeyRange.Bound inclusive = new KeyRange.Bound(c.literal(), true);
            KeyRange.Bound exclusive = new KeyRange.Bound(c.literal(), false);
            return switch (c.operator()) {
                case EQ -> KeyRange.exactly(c.literal());
                case LT -> new KeyRange(null, exclusive);
                case LE -> new KeyRange(null, inclusive);
                case GT -> new KeyRange(exclusive, null);
                case GE -> new KeyRange(inclusive, null);
                case NE -> KeyRange.ALL;
            };
        }
        if (condition instanceof Condition.Between b && b.key() == key) {
            return new KeyRange(new KeyRange.Bound(b.low(), true), new KeyRange.Bound(b.high(), true));
        }
        if (condition instanceof Condition.In in && in.key() == key) {
            Comparable<?> min = in.literals().get(0);
            Comparable<?> max = min;
            for (Comparable<?> literal : in.literals()) {
                min = Condition.compare(literal, min) < 0 ? literal : min;
                max = Condition.compare(literal, max) > 0 ? literal : max;
            }
            return new KeyRange(new KeyRange.Bound(min, true), new KeyRange.Bound(max, true));
        }
        return KeyRange.ALL;
    }

    private int indexOf(String keyName) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).name().equalsIgnoreCase(keyName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a partition key: " + keyName);
    }
}
