package io.tarn.glue.engine.classifier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Hive column type as the crawler infers, writes and merges it: built from sampled records (JSON,
 * CSV, XML, grok) value by value, or parsed from the text a classifier wrote ({@code bigint},
 * {@code decimal(10,2)}, {@code array<struct<a:int,b:string>>}...) when the layout merges the schemas of
 * a table's files. Merging follows AWS's crawler: integers widen to the larger integer, an integer and a
 * floating type to {@code double}, decimals to a precision and scale holding both, structs take the
 * union of their fields in the order first seen, arrays and maps merge their element types, and any
 * other disagreement is {@code string}.
 */
public sealed interface HiveType {

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

    /** The type a column's text names; text that does not parse is kept as an opaque primitive. */
    static HiveType parse(String text) {
        String trimmed = text.trim();
        try {
            Parser parser = new Parser(trimmed);
            HiveType type = parser.type();
            return parser.atEnd() ? type : new Primitive(trimmed.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new Primitive(trimmed.toLowerCase(Locale.ROOT));
        }
    }

    record Unknown() implements HiveType {
        @Override
        public String hiveName() {
            return "string";
        }
    }

    /** {@code int}, {@code string}, {@code decimal(10,2)}...: anything without nested types. */
    record Primitive(String hiveName) implements HiveType {}

    record Array(HiveType element) implements HiveType {
        @Override
        public String hiveName() {
            return "array<" + element.hiveName() + ">";
        }
    }

    record MapOf(HiveType key, HiveType value) implements HiveType {
        @Override
        public String hiveName() {
            return "map<" + key.hiveName() + "," + value.hiveName() + ">";
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

        /** Integer types from narrowest to widest. */
        private static final List<String> INTEGERS = List.of("tinyint", "smallint", "int", "bigint");
        private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");
        /** Hive's largest decimal precision. */
        private static final int MAX_PRECISION = 38;

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
            if (a instanceof MapOf ma && b instanceof MapOf mb) {
                return new MapOf(ma.key().merge(mb.key()), ma.value().merge(mb.value()));
            }
            if (a instanceof Primitive pa && b instanceof Primitive pb) {
                return new Primitive(widen(pa.hiveName(), pb.hiveName()));
            }
            return STRING;
        }

        private static String widen(String a, String b) {
            int ia = INTEGERS.indexOf(a);
            int ib = INTEGERS.indexOf(b);
            if (ia >= 0 && ib >= 0) {
                return INTEGERS.get(Math.max(ia, ib));
            }
            if ((isFloating(a) || ia >= 0) && (isFloating(b) || ib >= 0)) {
                return "double";
            }
            Matcher da = DECIMAL.matcher(a);
            Matcher db = DECIMAL.matcher(b);
            if (da.matches() && db.matches()) {
                int scale = Math.max(Integer.parseInt(da.group(2)), Integer.parseInt(db.group(2)));
                int digits = Math.max(Integer.parseInt(da.group(1)) - Integer.parseInt(da.group(2)),
                        Integer.parseInt(db.group(1)) - Integer.parseInt(db.group(2)));
                return "decimal(" + Math.min(MAX_PRECISION, digits + scale) + "," + scale + ")";
            }
            return "string";
        }

        private static boolean isFloating(String type) {
            return type.equals("double") || type.equals("float");
        }
    }

    /** Recursive descent over Hive's type grammar; commas inside {@code decimal(p,s)} belong to the primitive. */
    final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            skipSpaces();
            return pos == text.length();
        }

        HiveType type() {
            String name = word().toLowerCase(Locale.ROOT);
            switch (name) {
                case "array": {
                    expect('<');
                    HiveType element = type();
                    expect('>');
                    return new Array(element);
                }
                case "map": {
                    expect('<');
                    HiveType key = type();
                    expect(',');
                    HiveType value = type();
                    expect('>');
                    return new MapOf(key, value);
                }
                case "struct": {
                    expect('<');
                    Map<String, HiveType> fields = new LinkedHashMap<>();
                    if (!peek('>')) {
                        do {
                            String field = fieldName();
                            expect(':');
                            fields.merge(field, type(), HiveType::merge);
                        } while (accept(','));
                    }
                    expect('>');
                    return new Struct(fields);
                }
                default:
                    if (peek('(')) {
                        int start = pos;
                        int close = text.indexOf(')', start);
                        if (close < 0) {
                            throw new IllegalArgumentException("unclosed parameters");
                        }
                        pos = close + 1;
                        return new Primitive(name + text.substring(start, pos).replace(" ", ""));
                    }
                    return new Primitive(name);
            }
        }

        private String word() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("type expected at " + pos);
            }
            return text.substring(start, pos);
        }

        /** A struct field name: anything up to the colon, since JSON keys may hold spaces, dashes or dots. */
        private String fieldName() {
            skipSpaces();
            int colon = text.indexOf(':', pos);
            if (colon <= pos) {
                throw new IllegalArgumentException("field name expected at " + pos);
            }
            String name = text.substring(pos, colon).trim();
            pos = colon;
            return name;
        }

        private boolean peek(char c) {
            skipSpaces();
            return pos < text.length() && text.charAt(pos) == c;
        }

        private boolean accept(char c) {
            if (peek(c)) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw new IllegalArgumentException("'" + c + "' expected at " + pos);
            }
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }
    }
}
