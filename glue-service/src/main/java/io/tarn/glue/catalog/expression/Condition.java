package io.tarn.glue.catalog.expression;

import java.util.List;
import java.util.regex.Pattern;

/** The parsed form of an expression: a tree of conditions on partition keys, each key by its index. */
sealed interface Condition {

    /** A partition's values, parsed by their keys' types only when a condition reads them. */
    interface Values {
        /** The key's value parsed by its type, or null when the partition has none. */
        Comparable<?> typed(int key);

        /** The key's value as stored, or null. */
        String raw(int key);
    }

    boolean test(Values values);

    enum Operator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Operator of(String symbol) {
            return switch (symbol) {
                case "=" -> EQ;
                case "<>", "!=" -> NE;
                case "<" -> LT;
                case "<=" -> LE;
                case ">" -> GT;
                case ">=" -> GE;
                default -> throw new IllegalArgumentException(symbol);
            };
        }

        /** The operator with its operands swapped: {@code 5 < k} is {@code k > 5}. */
        Operator flipped() {
            return switch (this) {
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
                default -> this;
            };
        }

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }
    }

    /** Compares two values of one key type (both parsed by the same {@link KeyType}). */
    @SuppressWarnings("unchecked")
    static int compare(Comparable<?> a, Comparable<?> b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    record Comparison(int key, Operator operator, Comparable<?> literal) implements Condition {
        @Override
        public boolean test(Values values) {
            Comparable<?> value = values.typed(key);
            return value != null && operator.holds(compare(value, literal));
        }
    }

    record In(int key, List<Comparable<?>> literals) implements Condition {
        @Override
        public boolean test(Values values) {
            Comparable<?> value = values.typed(key);
            return value != null && literals.stream().anyMatch(l -> compare(value, l) == 0);
        }
    }

    record Between(int key, Comparable<?> low, Comparable<?> high) implements Condition {
        @Override
        public boolean test(Values values) {
            Comparable<?> value = values.typed(key);
            return value != null && compare(value, low) >= 0 && compare(value, high) <= 0;
        }
    }

    /** SQL LIKE over the stored text: {@code %} any run of characters, {@code _} any one character. */
    record Like(int key, Pattern pattern) implements Condition {
        static Like of(int key, String likePattern) {
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char c : likePattern.toCharArray()) {
                if (c == '%' || c == '_') {
                    regex.append(Pattern.quote(literal.toString())).append(c == '%' ? ".*" : ".");
                    literal.setLength(0);
                } else {
                    literal.append(c);
                }
            }
            regex.append(Pattern.quote(literal.toString()));
            return new Like(key, Pattern.compile(regex.toString(), Pattern.DOTALL));
        }

        @Override
        public boolean test(Values values) {
            String value = values.raw(key);
            return value != null && pattern.matcher(value).matches();
        }
    }

    record IsNull(int key) implements Condition {
        @Override
        public boolean test(Values values) {
            return values.raw(key) == null;
        }
    }

    /** What a blank expression means: no filter. */
    record Always() implements Condition {
        @Override
        public boolean test(Values values) {
            return true;
        }
    }

    record Not(Condition operand) implements Condition {
        @Override
        public boolean test(Values values) {
            return !operand.test(values);
        }
    }

    record And(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(Values values) {
            return left.test(values) && right.test(values);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(Values values) {
            return left.test(values) || right.test(values);
        }
    }
}
