package io.tarn.glue.catalog.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionExpressionTest {

    /** year string, month int, day date, ts timestamp, amount decimal(10,2), code varchar(8). */
    private static final List<PartitionKey> KEYS = List.of(
            new PartitionKey("year", "string"),
            new PartitionKey("month", "int"),
            new PartitionKey("day", "date"),
            new PartitionKey("ts", "timestamp"),
            new PartitionKey("amount", "decimal(10,2)"),
            new PartitionKey("code", "varchar(8)"));

    private static List<String> partition(String year, String month, String day) {
        return List.of(year, month, day, "2024-05-01 10:00:00", "1.50", "ab_c");
    }

    private static boolean matches(String expression, List<String> values) {
        return PartitionExpression.parse(expression, KEYS).test(values);
    }

    /** Which of month 1..12 (year 2024, day 2024-05-01) an expression on {@code month} selects. */
    private static List<Integer> months(String expression) {
        PartitionExpression e = PartitionExpression.parse(expression, KEYS);
        return Stream.iterate(1, m -> m <= 12, m -> m + 1)
                .filter(m -> e.test(partition("2024", Integer.toString(m), "2024-05-01")))
                .toList();
    }

    private static List<String> years(String expression, String... years) {
        PartitionExpression e = PartitionExpression.parse(expression, KEYS);
        return Stream.of(years).filter(y -> e.test(partition(y, "1", "2024-05-01"))).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "month = 10   | 10",
        "month <> 10  | 1,2,3,4,5,6,7,8,9,11,12",
        "month != 10  | 1,2,3,4,5,6,7,8,9,11,12",
        "month < 3    | 1,2",
        "month <= 3   | 1,2,3",
        "month > 10   | 11,12",
        "month >= 10  | 10,11,12",
        "10 < month   | 11,12",
        "3 >= month   | 1,2,3",
        "'10' = month | 10",
    })
    void everyComparisonOperatorOnAnIntKey(String expression, String expected) {
        assertThat(months(expression)).containsExactlyElementsOf(ints(expected));
    }

    @Test
    void anIntKeyComparesNumericallyAndAStringKeyLexically() {
        assertThat(months("month < 10")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        // as text, "10" < "9" and "100" < "9"
        assertThat(years("year < '9'", "10", "9", "100", "8")).containsExactly("10", "100", "8");
        assertThat(years("year > '2023'", "2022", "2023", "2024", "2024a")).containsExactly("2024", "2024a");
    }

    @Test
    void aNumberComparedWithAStringKeyComparesAsText() {
        assertThat(years("year = 2024", "2023", "2024")).containsExactly("2024");
        assertThat(years("year >= 2024", "2023", "2024", "3")).containsExactly("2024", "3");
    }

    @Test
    void integralValuesWithLeadingZerosAreNumbers() {
        assertThat(matches("month = 5", partition("2024", "05", "2024-05-01"))).isTrue();
        assertThat(matches("month = '005'", partition("2024", "5", "2024-05-01"))).isTrue();
        assertThat(matches("month between 4 and 6", partition("2024", "05", "2024-05-01"))).isTrue();
    }

    @Test
    void datesCompareAsDates() {
        List<String> may = partition("2024", "5", "2024-05-01");
        assertThat(matches("day = '2024-05-01'", may)).isTrue();
        assertThat(matches("day > '2024-04-30'", may)).isTrue();
        assertThat(matches("day < '2024-05-01'", may)).isFalse();
        assertThat(matches("day BETWEEN '2024-01-01' AND '2024-12-31'", may)).isTrue();
        assertThat(matches("day IN ('2023-05-01', '2024-05-01')", may)).isTrue();
    }

    @Test
    void timestampsCompareToTheNanosecond() {
        List<String> p = List.of("2024", "1", "2024-05-01", "2024-05-01 10:00:00.000000001", "1", "x");
        assertThat(matches("ts > '2024-05-01 10:00:00'", p)).isTrue();
        assertThat(matches("ts = '2024-05-01 10:00:00.000000001'", p)).isTrue();
        assertThat(matches("ts < '2024-05-01 10:00:00.1'", p)).isTrue();
        assertThat(matches("ts >= '2024-05-02 00:00:00'", p)).isFalse();
    }

    @Test
    void decimalsCompareNumericallyWhateverTheirScale() {
        List<String> p = partition("2024", "1", "2024-05-01");
        assertThat(matches("amount = 1.5", p)).isTrue();
        assertThat(matches("amount = '1.500'", p)).isTrue();
        assertThat(matches("amount > 1.49 AND amount < 1.51", p)).isTrue();
        assertThat(matches("amount in (1, 2, 1.5)", p)).isTrue();
        assertThat(matches("amount > -2", p)).isTrue();
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        // OR binds last: month = 1 OR (month = 2 AND month = 3)
        assertThat(months("month = 1 OR month = 2 AND month = 3")).containsExactly(1);
        assertThat(months("(month = 1 OR month = 2) AND month = 2")).containsExactly(2);
        // NOT binds first: (NOT month = 1) AND month < 3
        assertThat(months("NOT month = 1 AND month < 3")).containsExactly(2);
        assertThat(months("NOT (month = 1 OR month > 2)")).containsExactly(2);
        assertThat(months("NOT NOT month = 4")).containsExactly(4);
    }

    @Test
    void parenthesesNest() {
        assertThat(months("((month = 1)) or (((month = 12)))")).containsExactly(1, 12);
        assertThat(months("(month > 2 and (month < 4 or month > 10)) and not (month = 12)")).containsExactly(3, 11);
    }

    @Test
    void inAndNotIn() {
        assertThat(months("month IN (1, 3, '5')")).containsExactly(1, 3, 5);
        assertThat(months("month NOT IN (1,2,3,4,5,6,7,8,9)")).containsExactly(10, 11, 12);
        assertThat(years("year in ('2023')", "2023", "2024")).containsExactly("2023");
    }

    @Test
    void betweenIsInclusiveAndNotBetweenIsItsComplement() {
        assertThat(months("month BETWEEN 3 AND 5")).containsExactly(3, 4, 5);
        assertThat(months("month NOT BETWEEN 2 AND 11")).containsExactly(1, 12);
        assertThat(months("month BETWEEN 5 AND 3")).isEmpty();
        // the AND inside BETWEEN is BETWEEN's, the next one is a conjunction
        assertThat(months("month BETWEEN 3 AND 5 AND month <> 4")).containsExactly(3, 5);
    }

    @Test
    void likeMatchesPercentAndUnderscoreWildcardsOverTheWholeValue() {
        assertThat(years("year LIKE '20%'", "2023", "1999", "20")).containsExactly("2023", "20");
        assertThat(years("year LIKE '202_'", "2023", "202", "20234")).containsExactly("2023");
        assertThat(years("year NOT LIKE '%3'", "2023", "2024")).containsExactly("2024");
        // regular-expression characters in the pattern are literal
        assertThat(years("year LIKE 'a.b%'", "a.bc", "axbc")).containsExactly("a.bc");
        assertThat(matches("code LIKE 'ab_c'", partition("2024", "1", "2024-05-01"))).isTrue();
    }

    @Test
    void isNullAndIsNotNull() {
        assertThat(years("year IS NULL", "2024")).isEmpty();
        assertThat(years("year IS NOT NULL", "2024")).containsExactly("2024");
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(months("month between 1 and 2 Or month iN (12) oR NoT month >= 2 AnD month Is Not NuLl"))
                .containsExactly(1, 2, 12);
        assertThat(years("year like '2%'", "2024")).containsExactly("2024");
    }

    @Test
    void keyNamesMayBeQuotedAndMatchCaseInsensitively() {
        assertThat(months("`month` = 2")).containsExactly(2);
        assertThat(months("\"month\" = 3")).containsExactly(3);
        assertThat(months("MONTH = 4")).containsExactly(4);
        List<PartitionKey> odd = List.of(new PartitionKey("event-type", "string"));
        assertThat(PartitionExpression.parse("`event-type` = 'click'", odd).test(List.of("click"))).isTrue();
    }

    @Test
    void stringLiteralsKeepSpacesAndEscapeQuotesByDoubling() {
        assertThat(years("year = 'it''s'", "it's", "its")).containsExactly("it's");
        assertThat(years("year = ' a b '", " a b ", "a b")).containsExactly(" a b ");
        assertThat(years("year = 'AND'", "AND")).containsExactly("AND");
        assertThat(years("year = ''", "", "x")).containsExactly("");
    }

    @Test
    void aKeyTheTableIsNotPartitionedByIsRefused() {
        assertInvalidInput("colour = 'red'", "Invalid partition expression!");
        assertInvalidInput("month = 1 and colour = 'red'", "Invalid partition expression!");
        assertInvalidInput("colour IS NULL", "Invalid partition expression!");
    }

    @Test
    void aLiteralThatDoesNotFitTheKeysTypeIsRefused() {
        assertInvalidInput("month = 'ten'", "For input string: \"ten\" is not an integer.");
        assertInvalidInput("month = 1.5", "For input string: \"1.5\" is not an integer.");
        assertInvalidInput("day = '2024-13-01'", "2024-13-01 is not a date.");
        assertInvalidInput("day = 20240501", "20240501 is not a date.");
        assertInvalidInput("amount = 'x'", "x is not a decimal.");
        assertInvalidInput("ts = '2024-05-01'",
                "Timestamp format must be yyyy-mm-dd hh:mm:ss[.fffffffff] 2024-05-01 is not a timestamp.");
        assertInvalidInput("month in (1, 'x')", "For input string: \"x\" is not an integer.");
    }

    @Test
    void likeOnANonTextKeyIsRefused() {
        assertInvalidInput("month LIKE '1%'", "Integral data type doesn't support operation 'LIKE'");
        assertInvalidInput("day LIKE '2024%'", "Date data type doesn't support operation 'LIKE'");
        assertInvalidInput("amount LIKE '1%'", "Decimal data type doesn't support operation 'LIKE'");
        assertInvalidInput("ts LIKE '2024%'", "Timestamp data type doesn't support operation 'LIKE'");
    }

    @Test
    void aKeyOfATypeGlueCannotFilterOnIsRefusedOnlyWhenUsed() {
        List<PartitionKey> keys = List.of(new PartitionKey("flag", "boolean"), new PartitionKey("n", "bigint"));
        assertThatThrownBy(() -> PartitionExpression.parse("flag = 'true'", keys))
                .isInstanceOf(PartitionExpressionException.class)
                .hasMessage("Unknown type : 'boolean'");
        assertThat(PartitionExpression.parse("n > 9", keys).test(List.of("true", "10"))).isTrue();
    }

    @Test
    void aStoredValueThatNoLongerFitsItsKeysTypeIsAnInvalidState() {
        PartitionExpression e = PartitionExpression.parse("month = 1", KEYS);
        assertThatThrownBy(() -> e.test(partition("2024", "january", "2024-05-01")))
                .isInstanceOfSatisfying(PartitionExpressionException.class,
                        x -> assertThat(x.kind()).isEqualTo(PartitionExpressionException.Kind.INVALID_STATE))
                .hasMessage("For input string: \"january\" is not an integer.");
        // a key the expression does not read is not parsed
        assertThat(PartitionExpression.parse("year = '2024'", KEYS).test(partition("2024", "january", "x"))).isTrue();
    }

    @Test
    void aHiveNullPartitionIsTheTextNullAsInGlue() {
        // aws/aws-sdk#670: a partition written as int_col=null/string_col=null
        List<String> nulls = List.of("null", "null", "2024-05-01", "2024-05-01 10:00:00", "1", "x");
        assertThat(matches("year IS NULL", nulls)).isFalse();
        assertThat(matches("year = 'null'", nulls)).isTrue();
        PartitionExpression e = PartitionExpression.parse("(month >= 0)", KEYS);
        assertThatThrownBy(() -> e.test(nulls))
                .isInstanceOfSatisfying(PartitionExpressionException.class,
                        x -> assertThat(x.kind()).isEqualTo(PartitionExpressionException.Kind.INVALID_STATE))
                .hasMessage("For input string: \"null\" is not an integer.");
    }

    @Test
    void lineBreaksAreWhitespaceAndCountInTheErrorPosition() {
        assertThat(months("month = 1\r\nOR\tmonth = 2")).containsExactly(1, 2);
        assertInvalidInput("month = 1\nAND\n  OR", "Unsupported expression 'month = 1\nAND\n  OR': line 3:2"
                + " mismatched input 'OR' expecting a partition key or a literal");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "month =                    | 7  | mismatched input <EOF> expecting a literal",
        "month = 1 AND              | 13 | mismatched input <EOF> expecting a partition key or a literal",
        "month = 1 month = 2        | 10 | extraneous input 'month' expecting <EOF>",
        "(month = 1                 | 10 | mismatched input <EOF> expecting ')'",
        "month = 1)                 | 9  | extraneous input ')' expecting <EOF>",
        "month 1                    | 6  | mismatched input '1' expecting a comparison operator, IN, BETWEEN, LIKE or IS",
        "month == 1                 | 7  | mismatched input '=' expecting a literal",
        "month IN ()                | 10 | mismatched input ')' expecting a literal",
        "month IN (1 2)             | 12 | mismatched input '2' expecting {',', ')'}",
        "month IN 1                 | 9  | mismatched input '1' expecting '('",
        "month BETWEEN 1 OR 2       | 16 | mismatched input 'OR' expecting AND",
        "month NOT = 1              | 10 | mismatched input '=' expecting {IN, BETWEEN, LIKE}",
        "month IS 1                 | 9  | mismatched input '1' expecting NULL",
        "year LIKE year             | 10 | mismatched input 'year' expecting a string literal",
        "year = 'open               | 7  | token recognition error at: ''open'",
        "year = 2024 ; drop         | 12 | token recognition error at: ';'",
        "year ! 1                   | 5  | token recognition error at: '!'",
        "1 = 1                      | 4  | mismatched input '1' expecting a partition key",
        "AND                        | 0  | mismatched input 'AND' expecting a partition key or a literal",
        "month = 12abc              | 8  | token recognition error at: '12a'",
    })
    void aSyntaxErrorNamesTheExpressionAndThePositionOfTheBadToken(String expression, int column, String detail) {
        assertInvalidInput(expression, "Unsupported expression '" + expression + "': line 1:" + column + " " + detail);
    }

    @Test
    void aBlankExpressionMatchesEveryPartition() {
        // Glue treats a blank Expression as no filter; the Hive metastore client sends one to list all partitions
        assertThat(months("")).hasSize(12);
        assertThat(months(" \n ")).hasSize(12);
        assertThat(PartitionExpression.parse("", KEYS).keyRange("month").isUnbounded()).isTrue();
    }

    @Test
    void valuesAreNotTrimmed() {
        assertInvalidInput("month = ' 5'", "For input string: \" 5\" is not an integer.");
        assertInvalidInput("day = '2024-05-01 '", "2024-05-01  is not a date.");
        assertThat(years("year = '2024'", "2024 ", "2024")).containsExactly("2024");
    }

    private static void assertInvalidInput(String expression, String message) {
        assertThatThrownBy(() -> PartitionExpression.parse(expression, KEYS))
                .isInstanceOfSatisfying(PartitionExpressionException.class,
                        e -> assertThat(e.kind()).isEqualTo(PartitionExpressionException.Kind.INVALID_INPUT))
                .hasMessage(message);
    }

    private static List<Integer> ints(String csv) {
        return Stream.of(csv.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }
}
