package io.tarn.glue.catalog.expression;

import java.util.Optional;

/**
 * The values of one partition key an expression can accept, for a partition index to scan instead of reading
 * every partition. It over-approximates: every partition the expression matches has its value in the range, but
 * not every value in the range matches (so the scan's partitions still go through the expression). A null bound
 * is unbounded; values are those of the key's {@link KeyType#parse}.
 */
public record KeyRange(Bound lower, Bound upper) {

    /** One end of a range; {@code inclusive} says whether the value itself is in it. */
    public record Bound(Comparable<?> value, boolean inclusive) {}

    public static final KeyRange ALL = new KeyRange(null, null);

    public static KeyRange exactly(Comparable<?> value) {
        return new KeyRange(new Bound(value, true), new Bound(value, true));
    }

    public boolean isUnbounded() {
        return lower == null && upper == null;
    }

    /** The one value the range holds, when it is an equality. */
    public Optional<Comparable<?>> equality() {
        return lower != null && upper != null && lower.inclusive() && upper.inclusive()
                && Condition.compare(lower.value(), upper.value()) == 0
                ? Optional.of(lower.value()) : Optional.empty();
    }

    /** Whether no value can be in the range (e.g. {@code k > 5 AND k < 3}), so the scan can be skipped. */
    public boolean isEmpty() {
        if (lower == null || upper == null) {
            return false;
        }
        int c = Condition.compare(lower.value(), upper.value());
        return c > 0 || c == 0 && !(lower.inclusive() && upper.inclusive());
    }

    public boolean contains(Comparable<?> value) {
        if (lower != null) {
            int c = Condition.compare(value, lower.value());
            if (c < 0 || c == 0 && !lower.inclusive()) {
                return false;
            }
        }
        if (upper != null) {
            int c = Condition.compare(value, upper.value());
            return c < 0 || c == 0 && upper.inclusive();
        }
        return true;
    }

    /** The values in both ranges: the tighter bound of each end. */
    KeyRange intersect(KeyRange other) {
        return new KeyRange(tighter(lower, other.lower, 1), tighter(upper, other.upper, -1));
    }

    /** Of two bounds of the same end, the one that excludes more; {@code direction} 1 for lower, -1 for upper. */
    private static Bound tighter(Bound a, Bound b, int direction) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int c = Condition.compare(a.value(), b.value()) * direction;
        if (c != 0) {
            return c > 0 ? a : b;
        }
        return a.inclusive() ? b : a;
    }
}
