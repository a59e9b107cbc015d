package io.tarn.glue.catalog.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * How values of a partition key are compared, by its declared Hive type: the types Glue documents as supported
 * for filtering. Each parses a partition value (always stored as a string) or a literal into a comparable value.
 */
public enum KeyType {
    /** string, char(n), varchar(n): compared as text. */
    STRING,
    /** tinyint, smallint, int, bigint, long: compared as whole numbers (no width is enforced, as in Glue). */
    INTEGRAL,
    /** decimal, decimal(p,s): compared numerically ({@code 1.50 = 1.5}). */
    DECIMAL,
    /** date: {@code yyyy-mm-dd}. */
    DATE,
    /** timestamp: {@code yyyy-mm-dd hh:mm:ss[.fffffffff]}. */
    TIMESTAMP;

    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    /** The comparison type of a declared Hive type; Glue refuses a filter on any other type. */
    public static KeyType of(String hiveType) {
        String base = hiveType.strip().toLowerCase(Locale.ROOT);
        int paren = base.indexOf('(');
        if (paren >= 0) {
            base = base.substring(0, paren).strip();
        }
        return switch (base) {
            case "string", "char", "varchar" -> STRING;
            case "tinyint", "smallint", "int", "integer", "bigint", "long" -> INTEGRAL;
            case "decimal" -> DECIMAL;
            case "date" -> DATE;
            case "timestamp" -> TIMESTAMP;
            default -> throw PartitionExpressionException.invalidInput("Unknown type : '" + hiveType + "'");
        };
    }

    /**
     * The comparable value of {@code text} under this type.
     *
     * @throws IllegalArgumentException with Glue's wording when the text does not fit the type
     */
    public Comparable<?> parse(String text) {
        switch (this) {
            case STRING:
                return text;
            case INTEGRAL:
                try {
                    return new BigInteger(text);
                } catch (NumberFormatException e) {
                    // Glue's wording, quoted from a real response (aws/aws-sdk#670)
                    throw new IllegalArgumentException("For input string: \"" + text + "\" is not an integer.");
                }
            case DECIMAL:
                try {
                    // stripped of trailing zeros so that equal numbers are equal objects (1.50 and 1.5)
                    return new BigDecimal(text).stripTrailingZeros();
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(text + " is not a decimal.");
                }
            case DATE:
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(text + " is not a date.");
                }
            case TIMESTAMP:
                try {
                    return LocalDateTime.parse(text, TIMESTAMP_FORMAT);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            "Timestamp format must be yyyy-mm-dd hh:mm:ss[.fffffffff] " + text + " is not a timestamp.");
                }
            default:
                throw new AssertionError(this);
        }
    }

    /** Glue's refusal of LIKE on a non-text key, or null when LIKE applies. */
    String likeRefusal() {
        return switch (this) {
            case STRING -> null;
            case INTEGRAL -> "Integral data type doesn't support operation 'LIKE'";
            case DECIMAL -> "Decimal data type doesn't support operation 'LIKE'";
            case DATE -> "Date data type doesn't support operation 'LIKE'";
            case TIMESTAMP -> "Timestamp data type doesn't support operation 'LIKE'";
        };
    }
}
