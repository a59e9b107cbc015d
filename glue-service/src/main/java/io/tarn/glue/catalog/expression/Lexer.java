package io.tarn.glue.catalog.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Splits an expression into tokens; keywords are case-insensitive and come out upper-cased. */
final class Lexer {

    private static final Set<String> KEYWORDS =
            Set.of("AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "NULL");

    private final String source;
    private int pos;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        return new Lexer(source).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
                pos++;
            }
            if (pos >= source.length()) {
                tokens.add(new Token(Token.Kind.END, "", pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = source.charAt(pos);
        switch (c) {
            case '(': pos++; return new Token(Token.Kind.LPAREN, "(", start);
            case ')': pos++; return new Token(Token.Kind.RPAREN, ")", start);
            case ',': pos++; return new Token(Token.Kind.COMMA, ",", start);
            case '\'': return string(start);
            case '`': return quotedIdentifier(start, '`');
            case '"': return quotedIdentifier(start, '"');
            case '=': pos++; return new Token(Token.Kind.OPERATOR, "=", start);
            case '!': return bang(start);
            case '<': return lessOrGreater(start, "<=", "<>");
            case '>': return lessOrGreater(start, ">=");
            default: break;
        }
        if (Character.isDigit(c) || (c == '-' || c == '.') && startsNumber(pos + 1)) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < source.length() && isWordPart(source.charAt(pos))) {
                pos++;
            }
            String word = source.substring(start, pos);
            String upper = word.toUpperCase(Locale.ROOT);
            return KEYWORDS.contains(upper)
                    ? new Token(Token.Kind.KEYWORD, upper, start)
                    : new Token(Token.Kind.IDENTIFIER, word, start);
        }
        throw PartitionExpressionException.syntax(source, start, "token recognition error at: '" + c + "'");
    }

    private boolean startsNumber(int at) {
        return at < source.length() && (Character.isDigit(source.charAt(at)) || source.charAt(at) == '.');
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** A single-quoted literal; a doubled quote inside stands for one quote, as in SQL. */
    private Token string(int start) {
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < source.length()) {
            char c = source.charAt(pos++);
            if (c != '\'') {
                text.append(c);
            } else if (pos < source.length() && source.charAt(pos) == '\'') {
                text.append('\'');
                pos++;
            } else {
                return new Token(Token.Kind.STRING, text.toString(), start);
            }
        }
        throw PartitionExpressionException.syntax(source, start, "token recognition error at: '"
                + source.substring(start) + "'");
    }

    /** A key name in back quotes (or double quotes, which JSQLParser reads as a quoted name too). */
    private Token quotedIdentifier(int start, char quote) {
        int close = source.indexOf(quote, start + 1);
        if (close < 0 || close == start + 1) {
            throw PartitionExpressionException.syntax(source, start, "token recognition error at: '"
                    + source.substring(start) + "'");
        }
        pos = close + 1;
        return new Token(Token.Kind.IDENTIFIER, source.substring(start + 1, close), start);
    }

    private Token bang(int start) {
        if (pos + 1 < source.length() && source.charAt(pos + 1) == '=') {
            pos += 2;
            return new Token(Token.Kind.OPERATOR, "!=", start);
        }
        throw PartitionExpressionException.syntax(source, start, "token recognition error at: '!'");
    }

    private Token lessOrGreater(int start, String... twoCharOperators) {
        for (String op : twoCharOperators) {
            if (source.startsWith(op, pos)) {
                pos += 2;
                return new Token(Token.Kind.OPERATOR, op, start);
            }
        }
        pos++;
        return new Token(Token.Kind.OPERATOR, source.substring(start, pos), start);
    }

    private Token number(int start) {
        if (source.charAt(pos) == '-') {
            pos++;
        }
        boolean dot = false;
        while (pos < source.length()
                && (Character.isDigit(source.charAt(pos)) || source.charAt(pos) == '.' && !dot)) {
            dot |= source.charAt(pos) == '.';
            pos++;
        }
        if (pos < source.length() && isWordPart(source.charAt(pos))) {
            throw PartitionExpressionException.syntax(source, start, "token recognition error at: '"
                    + source.substring(start, pos + 1) + "'");
        }
        return new Token(Token.Kind.NUMBER, source.substring(start, pos), start);
    }
}
