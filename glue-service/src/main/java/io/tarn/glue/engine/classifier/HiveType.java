package io.tarn.glue.engine.classifier;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A column type inferred from sampled records (JSON, CSV, XML, grok), merged record by record as
 * the crawler merges them: a value seen as {@code int} and {@code bigint} is {@code bigint}, a
 * number seen also with a fraction {@code double}, structs take the union of their fields in the
 * order first seen, and any other disagreement is {@code string}. Types of self-describing formats
 * (Parquet, ORC, Avro) are written straight as Hive type names instead.
 */
sealed interface HiveType {

    /** A null, or an empty array's element: it takes the type of whatever it is merged with. */
    HiveType UNKNOWN = new Unknown();

    Primitive BOOLEAN = new Primitive("boolean");
    Primitive INT = new Primitive("int");
    Primitive BIGINT = new Primitive("bigint");
    Primitive DOUBLE = new Primitive("double");
    Primitive STRING = new Primitive("string");

    /** The Hive type name ({@code struct<a:int,b:array<string>>}); nothing known is {@code string}. */
    String hiveName();

    default HiveType merge(HiveType other) {
        return Merging.merge(this, other);
    }

    record Unknown() implements HiveType {
        @Override
        public String hiveName() {
            return "string";
        }
    }

    record Primitive(String hiveName) implements HiveType {}

    record Array(HiveType element) implements HiveType {
        @Override
        public String hiveName() {
            return "array<" + element.hiveName() + ">";
        }
    }

    /** Fields in the order first seen, named as the data names them. */
    record Struct(Map<String, HiveType> fields) implements HiveType {
        @Override
        public String hiveName() {
            return fields.entrySet().stream().map(f -> f.getKey() + ":" + f.getValue().hiveName())
                    .collect(Collectors.joining(",", "struct<", ">"));
        }
    }

    /** The widening rules, apart so the records above stay plain data. */
    final class Merging {

        private Merging() {}

        static HiveType merge(HiveType a, HiveType b) {
            if (a instanceof Unknown) {
                return b;
            }
            if (b instanceof Unknown || a.equals(b)) {
                return a;
            }
            if (a instanceof Struct sa && b instanceof Struct sb) {
                Map<String, HiveType> fields = new LinkedHashMap<>(sa.fields());
                sb.fields().forEach((name, type) -> fields.merge(name, type, HiveType::merge));
                return new Struct(fields);
            }
            if (a instanceof Array aa && b instanceof Array ab) {
                return new Array(aa.element().merge(ab.element()));
            }
            if (a instanceof Primitive pa && b instanceof Primitive pb) {
                return widen(pa, pb);
            }
            return STRING;
        }

        private static Primitive widen(Primitive a, Primitive b) {
            int ra = numericRank(a);
            int rb = numericRank(b);
            if (ra < 0 || rb < 0) {
                return STRING;
            }
            return ra >= rb ? a : b;
        }

        private static int numericRank(Primitive p) {
            return switch (Objects.requireNonNull(p.hiveName())) {
                case "int" -> 0;
                case "bigint" -> 1;
                case "double" -> 2;
                default -> -1;
            };
        }
    }
}
