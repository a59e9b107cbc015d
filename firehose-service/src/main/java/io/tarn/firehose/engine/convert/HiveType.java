package io.tarn.firehose.engine.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Hive type as a Glue column declares it ({@code int}, {@code decimal(10,2)},
 * {@code array<struct<k:string,v:map<string,bigint>>>}), parsed once per schema.
 *
 * @param children an array's element, a map's key and value, a struct's fields (in order)
 * @param fieldNames a struct's field names, lower-cased as Hive keeps them; empty otherwise
 */
record HiveType(Kind kind, int precision, int scale, List<HiveType> children, List<String> fieldNames) {

    enum Kind { BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, STRING, BINARY, TIMESTAMP, DATE, ARRAY, MAP, STRUCT }

    /** Hive's default decimal, {@code decimal} alone. */
    private static final int DEFAULT_PRECISION = 10;
    private static final int MAX_PRECISION = 38;

    static HiveType parse(String text) {
        Parser p = new Parser(text);
        HiveType type = p.type();
        p.skipSpaces();
        if (p.pos != text.length()) {
            throw p.error();
        }
        return type;
    }

    /** A struct of the table's columns, the row type. */
    static HiveType struct(List<String> names, List<HiveType> types) {
        return new HiveType(Kind.STRUCT, 0, 0, List.copyOf(types), names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }

    HiveType element() {
        return children.get(0);
    }

    HiveType key() {
        return children.get(0);
    }

    HiveType value() {
        return children.get(1);
    }

    /** The type as Hive writes it, for error messages. */
    @Override
    public String toString() {
        switch (kind) {
            case DECIMAL:
                return "decimal(" + precision + "," + scale + ")";
            case ARRAY:
                return "array<" + element() + ">";
            case MAP:
                return "map<" + key() + "," + value() + ">";
            case STRUCT:
                StringBuilder b = new StringBuilder("struct<");
                for (int i = 0; i < children.size(); i++) {
                    b.append(i == 0 ? "" : ",").append(fieldNames.get(i)).append(':').append(children.get(i));
                }
                return b.append('>').toString();
            default:
                return kind.name().toLowerCase(Locale.ROOT);
        }
    }

    private static HiveType of(Kind kind) {
        return new HiveType(kind, 0, 0, List.of(), List.of());
    }

    /** A recursive-descent reader of Hive's type grammar. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        HiveType type() {
            skipSpaces();
            String word = word().toLowerCase(Locale.ROOT);
            switch (word) {
                case "boolean":
                    return of(Kind.BOOLEAN);
                case "tinyint":
                    return of(Kind.TINYINT);
                case "smallint":
                    return of(Kind.SMALLINT);
                case "int":
                case "integer":
                    return of(Kind.INT);
                case "bigint":
                    return of(Kind.BIGINT);
                case "float":
                    return of(Kind.FLOAT);
                case "double":
                    return of(Kind.DOUBLE);
                case "string":
                    return of(Kind.STRING);
                case "varchar":
                case "char":
                    lengthArguments(); // the length does not change how a value is stored
                    return of(Kind.STRING);
                case "binary":
                    return of(Kind.BINARY);
                case "timestamp":
                    return of(Kind.TIMESTAMP);
                case "date":
                    return of(Kind.DATE);
                case "decimal":
                    return decimal();
                case "array":
                    expect('<');
                    HiveType element = type();
                    expect('>');
                    return new HiveType(Kind.ARRAY, 0, 0, List.of(element), List.of());
                case "map":
                    expect('<');
                    HiveType key = type();
                    expect(',');
                    HiveType value = type();
                    expect('>');
                    return new HiveType(Kind.MAP, 0, 0, List.of(key, value), List.of());
                case "struct":
                    return structType();
                default:
                    throw error();
            }
        }

        private HiveType decimal() {
            List<Integer> args = lengthArguments();
            int precision = args.isEmpty() ? DEFAULT_PRECISION : args.get(0);
            int scale = args.size() < 2 ? 0 : args.get(1);
            if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision || args.size() > 2) {
                throw error();
            }
            return new HiveType(Kind.DECIMAL, precision, scale, List.of(), List.of());
        }

        private HiveType structType() {
            expect('<');
            List<String> names = new ArrayList<>();
            List<HiveType> types = new ArrayList<>();
            skipSpaces();
            while (peek() != '>') {
                if (!names.isEmpty()) {
                    expect(',');
                    skipSpaces();
                }
                names.add(fieldName().toLowerCase(Locale.ROOT));
                expect(':');
                types.add(type());
                skipSpaces();
            }
            expect('>');
            return new HiveType(Kind.STRUCT, 0, 0, List.copyOf(types), List.copyOf(names));
        }

        private List<Integer> lengthArguments() {
            List<Integer> args = new ArrayList<>();
            skipSpaces();
            if (peek() != '(') {
                return args;
            }
            pos++;
            do {
                skipSpaces();
                String digits = word();
                try {
                    args.add(Integer.parseInt(digits));
                } catch (NumberFormatException e) {
                    throw error();
                }
                skipSpaces();
            } while (peek() == ',' && pos++ >= 0);
            expect(')');
            return args;
        }

        private String fieldName() {
            if (peek() == '`') {
                int end = text.indexOf('`', pos + 1);
                if (end < 0) {
                    throw error();
                }
                String name = text.substring(pos + 1, end);
                pos = end + 1;
                return name;
            }
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != ':' && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error();
            }
            return text.substring(start, pos);
        }

        private String word() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private void expect(char c) {
            skipSpaces();
            if (peek() != c) {
                throw error();
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error() {
            return new IllegalArgumentException("Unsupported Hive type " + text + " (at character " + pos + ")");
        }
    }
}
