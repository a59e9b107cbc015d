package io.tarn.glue.engine.crawler.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Hive type as the crawler writes it in a column ({@code bigint}, {@code decimal(10,2)},
 * {@code array<struct<a:int,b:string>>}...), parsed so that the types two files give one column can
 * be merged field by field. Text that does not parse is kept as an opaque primitive.
 */
sealed interface HiveType {

    /** The type as Hive writes it. */
    String text();

    /** {@code int}, {@code string}, {@code decimal(10,2)}...: anything without nested types. */
    record Primitive(String name) implements HiveType {
        @Override
        public String text() {
            return name;
        }
    }

    record ArrayOf(HiveType element) implements HiveType {
        @Override
        public String text() {
            return "array<" + element.text() + ">";
        }
    }

    record MapOf(HiveType key, HiveType value) implements HiveType {
        @Override
        public String text() {
            return "map<" + key.text() + "," + value.text() + ">";
        }
    }

    record Struct(List<Field> fields) implements HiveType {
        @Override
        public String text() {
            StringBuilder out = new StringBuilder("struct<");
            for (int i = 0; i < fields.size(); i++) {
                out.append(i == 0 ? "" : ",").append(fields.get(i).name()).append(':').append(fields.get(i).type().text());
            }
            return out.append('>').toString();
        }
    }

    record Field(String name, HiveType type) {}

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
                    return new ArrayOf(element);
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
                    List<Field> fields = new ArrayList<>();
                    if (!peek('>')) {
                        do {
                            String field = fieldName();
                            expect(':');
                            fields.add(new Field(field, type()));
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
