package io.tarn.glue.catalog.expression;

/**
 * A GetPartitions {@code Expression} Glue refuses, with the message Glue answers. {@link Kind#INVALID_INPUT}
 * is the caller's mistake (syntax, unknown key, a literal that does not fit the key's type) and maps to
 * {@code InvalidInputException}; {@link Kind#INVALID_STATE} is a stored partition value that no longer fits
 * its key's declared type (the table's schema changed under it), which Glue answers with
 * {@code InvalidStateException}.
 */
public final class PartitionExpressionException extends RuntimeException {

    public enum Kind { INVALID_INPUT, INVALID_STATE }

    private final Kind kind;

    private PartitionExpressionException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static PartitionExpressionException invalidInput(String message) {
        return new PartitionExpressionException(Kind.INVALID_INPUT, message);
    }

    /**
     * A syntax error: names the whole expression and where reading stopped, as {@code line 1:7} (1-based line,
     * 0-based column; an Expression may hold line breaks).
     */
    static PartitionExpressionException syntax(String expression, int offset, String detail) {
        int lineStart = expression.lastIndexOf('\n', offset - 1) + 1;
        long line = 1 + expression.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        return invalidInput("Unsupported expression '" + expression + "': line " + line + ":"
                + (offset - lineStart) + " " + detail);
    }

    static PartitionExpressionException invalidState(String message) {
        return new PartitionExpressionException(Kind.INVALID_STATE, message);
    }

    /** A key the table is not partitioned by: Glue does not name it. */
    static PartitionExpressionException unknownKey() {
        return invalidInput("Invalid partition expression!");
    }

    public Kind kind() {
        return kind;
    }
}
