package io.tarn.glue.catalog.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRangeTest {

    private static final List<PartitionKey> KEYS = List.of(
            new PartitionKey("year", "string"), new PartitionKey("month", "int"), new PartitionKey("day", "date"));

    private static KeyRange range(String expression, String key) {
        return PartitionExpression.parse(expression, KEYS).keyRange(key);
    }

    private static KeyRange.Bound incl(Object value) {
        return new KeyRange.Bound(typed(value), true);
    }

    private static KeyRange.Bound excl(Object value) {
        return new KeyRange.Bound(typed(value), false);
    }

    private static Comparable<?> typed(Object value) {
        return value instanceof Integer i ? BigInteger.valueOf(i) : (Comparable<?>) value;
    }

    @Test
    void anEqualityIsAPoint() {
        KeyRange r = range("month = 5", "month");
        assertThat(r).isEqualTo(new KeyRange(incl(5), incl(5)));
        assertThat(r.equality()).contains(BigInteger.valueOf(5));
        assertThat(range("'2024' = year", "year").equality()).contains("2024");
    }

    @Test
    void eachComparisonBoundsOneEnd() {
        assertThat(range("month < 5", "month")).isEqualTo(new KeyRange(null, excl(5)));
        assertThat(range("month <= 5", "month")).isEqualTo(new KeyRange(null, incl(5)));
        assertThat(range("month > 5", "month")).isEqualTo(new KeyRange(excl(5), null));
        assertThat(range("month >= 5", "month")).isEqualTo(new KeyRange(incl(5), null));
        assertThat(range("5 > month", "month")).isEqualTo(new KeyRange(null, excl(5)));
        assertThat(range("month <> 5", "month").isUnbounded()).isTrue();
    }

    @Test
    void betweenAndInGiveTheirSpan() {
        assertThat(range("month BETWEEN 3 AND 6", "month")).isEqualTo(new KeyRange(incl(3), incl(6)));
        assertThat(range("month IN (7, 2, 11)", "month")).isEqualTo(new KeyRange(incl(2), incl(11)));
        assertThat(range("month IN (4)", "month").equality()).contains(BigInteger.valueOf(4));
    }

    @Test
    void conjunctsIntersectAndOtherKeysAreIgnored() {
        String expression = "year = '2024' AND month >= 3 AND (month < 9 AND day > '2024-01-01') AND month > 3";
        assertThat(range(expression, "month")).isEqualTo(new KeyRange(excl(3), excl(9)));
        assertThat(range(expression, "year").equality()).contains("2024");
        assertThat(range(expression, "day")).isEqualTo(new KeyRange(excl(LocalDate.of(2024, 1, 1)), null));
        assertThat(range("month >= 3 AND month > 3", "month").lower()).isEqualTo(excl(3));
        assertThat(range("month <= 3 AND month < 3", "month").upper()).isEqualTo(excl(3));
    }

    @Test
    void disjunctionsNegationsAndLikeLeaveTheKeyUnbounded() {
        assertThat(range("month = 1 OR month = 2", "month").isUnbounded()).isTrue();
        assertThat(range("NOT month = 1", "month").isUnbounded()).isTrue();
        assertThat(range("month NOT BETWEEN 1 AND 3", "month").isUnbounded()).isTrue();
        assertThat(range("month NOT IN (1, 3)", "month").isUnbounded()).isTrue();
        assertThat(range("year LIKE '20%'", "year").isUnbounded()).isTrue();
        assertThat(range("year = '2024'", "month").isUnbounded()).isTrue();
        // a disjunction under a conjunction only loses that conjunct
        assertThat(range("month > 2 AND (month = 5 OR year = 'x')", "month")).isEqualTo(new KeyRange(excl(2), null));
    }

    @Test
    void contradictoryBoundsGiveAnEmptyRange() {
        assertThat(range("month > 5 AND month < 3", "month").isEmpty()).isTrue();
        assertThat(range("month > 5 AND month <= 5", "month").isEmpty()).isTrue();
        assertThat(range("month = 5 AND month = 6", "month").isEmpty()).isTrue();
        assertThat(range("month >= 5 AND month <= 5", "month").isEmpty()).isFalse();
        assertThat(range("month > 5", "month").isEmpty()).isFalse();
    }

    @Test
    void everyMatchingValueIsInTheRange() {
        String expression = "month BETWEEN 2 AND 10 AND month <> 4 AND month IN (1, 3, 4, 9, 12)";
        PartitionExpression e = PartitionExpression.parse(expression, KEYS);
        KeyRange r = e.keyRange("month");
        for (int m = 0; m <= 13; m++) {
            List<String> partition = List.of("2024", Integer.toString(m), "2024-01-01");
            if (e.test(partition)) {
                assertThat(r.contains(KeyType.INTEGRAL.parse(Integer.toString(m)))).as("month %d", m).isTrue();
            }
        }
        assertThat(r).isEqualTo(new KeyRange(incl(2), incl(10)));
        assertThat(r.contains(BigInteger.ONE)).isFalse();
        assertThat(r.contains(BigInteger.TEN)).isTrue();
    }

    @Test
    void theKeyIsNamedCaseInsensitivelyAndMustBeAPartitionKey() {
        assertThat(range("month = 1", "MONTH").equality()).isPresent();
        assertThatThrownBy(() -> range("month = 1", "colour")).isInstanceOf(IllegalArgumentException.class);
    }
}
