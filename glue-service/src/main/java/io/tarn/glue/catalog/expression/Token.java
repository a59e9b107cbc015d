package io.tarn.glue.catalog.expression;

/** One token of an expression; {@code column} is its 0-based offset, which syntax errors report. */
record Token(Kind kind, String text, int column) {

    enum Kind { IDENTIFIER, KEYWORD, STRING, NUMBER, OPERATOR, LPAREN, RPAREN, COMMA, END }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isKeyword(String keyword) {
        return is(Kind.KEYWORD, keyword);
    }

    /** How a syntax error quotes this token. */
    String quoted() {
        return kind == Kind.END ? "<EOF>" : "'" + text + "'";
    }
}
