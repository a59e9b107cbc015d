package io.tarn.core.iam;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One operator on one context key with its values, compiled: the values are parsed (numbers,
 * dates, CIDRs, base64, patterns) when the policy is put, never per request. Values of one key
 * are ORed (NORed for a negated operator); a statement ANDs its conditions.
 */
final class Condition {

    enum SetQualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    /** One policy value, ready to test a request's value. */
    @FunctionalInterface
    private interface ValueTest {
        boolean test(String requestValue, ContextKeys context);
    }

    final String operatorText;
    final ConditionOperator operator;
    final SetQualifier qualifier;
    final boolean ifExists;
    final String key;
    final List<String> values;
    private final List<ValueTest> tests;
    private final boolean nullWhenAbsent;
    /** {@link #key} as the context holds it, normalized once here rather than at every request. */
    private final String normalizedKey;

    private Condition(String operatorText, ConditionOperator operator, SetQualifier qualifier, boolean ifExists, String key,
            List<String> values, List<ValueTest> tests, boolean nullWhenAbsent) {
        this.operatorText = operatorText;
        this.operator = operator;
        this.qualifier = qualifier;
        this.ifExists = ifExists;
        this.key = key;
        this.values = values;
        this.tests = tests;
        this.nullWhenAbsent = nullWhenAbsent;
        this.normalizedKey = ContextKeys.normalize(key);
    }

    /** Parses {@code [ForAllValues:|ForAnyValue:]Operator[IfExists]}; null when it names no operator. */
    static @Nullable Condition compile(String operatorText, String key, List<String> values, boolean variables) {
        String name = operatorText;
        SetQualifier qualifier = SetQualifier.NONE;
        if (name.startsWith("ForAllValues:")) {
            qualifier = SetQualifier.FOR_ALL_VALUES;
            name = name.substring("ForAllValues:".length());
        } else if (name.startsWith("ForAnyValue:")) {
            qualifier = SetQualifier.FOR_ANY_VALUE;
            name = name.substring("ForAnyValue:".length());
        }
        boolean ifExists = false;
        ConditionOperator operator = ConditionOperator.byName(name);
        if (operator == null && name.endsWith("IfExists")) {
            operator = ConditionOperator.byName(name.substring(0, name.length() - "IfExists".length()));
            ifExists = true;
        }
        if (operator == null || ifExists && operator == ConditionOperator.NULL) {
            return null;
        }
        List<ValueTest> tests = new ArrayList<>(values.size());
        boolean nullWhenAbsent = false;
        for (String value : values) {
            if (operator == ConditionOperator.NULL) {
                nullWhenAbsent |= parseBool(value); // Null: true asks for the key's absence
                continue;
            }
            tests.add(test(operator, value, variables));
        }
        return new Condition(operatorText, operator, qualifier, ifExists, key, List.copyOf(values), List.copyOf(tests),
                nullWhenAbsent);
    }

    private static ValueTest test(ConditionOperator operator, String value, boolean variables) {
        switch (operator.family) {
            case STRING: {
                WildcardPattern p = WildcardPattern.compile(value, false, variables, false);
                return p::matches;
            }
            case STRING_IGNORE_CASE: {
                WildcardPattern p = WildcardPattern.compile(value, false, variables, true);
                return p::matches;
            }
            case STRING_LIKE: {
                WildcardPattern p = WildcardPattern.compile(value, true, variables, false);
                return p::matches;
            }
            case NUMERIC: {
                BigDecimal expected = parseNumber(value);
                return (v, c) -> {
                    BigDecimal actual = number(v);
                    return actual != null && operator.accepts(actual.compareTo(expected));
                };
            }
            case DATE: {
                Instant expected = date(value);
                if (expected == null) {
                    throw new PolicyException("Invalid Date value in Conditions");
                }
                return (v, c) -> {
                    Instant actual = date(v);
                    return actual != null && operator.accepts(actual.compareTo(expected));
                };
            }
            case BOOL: {
                boolean expected = parseBool(value);
                return (v, c) -> v.equalsIgnoreCase(Boolean.toString(expected));
            }
            case BINARY: {
                byte[] expected;
                try {
                    expected = Base64.getDecoder().decode(value);
                } catch (IllegalArgumentException e) {
                    throw new PolicyException("Invalid Binary value in Conditions");
                }
                return (v, c) -> {
                    try {
                        return Arrays.equals(Base64.getDecoder().decode(v), expected);
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                };
            }
            case IP: {
                Cidr cidr = Cidr.parse(value);
                if (cidr == null) {
                    throw new PolicyException("Invalid IP address in Conditions");
                }
                return (v, c) -> cidr.contains(v);
            }
            case ARN: {
                ArnPattern arn = ArnPattern.compile(value, variables);
                return arn::matches;
            }
            default:
                throw new IllegalStateException(operator.name());
        }
    }

    private static boolean parseBool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new PolicyException("Invalid Boolean value in Conditions");
    }

    private static BigDecimal parseNumber(String value) {
        BigDecimal n = number(value);
        if (n == null) {
            throw new PolicyException("Invalid Numeric value in Conditions");
        }
        return n;
    }

    private static @Nullable BigDecimal number(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** W3C ISO 8601 (a date, or a date and time with a zone) or epoch seconds, as IAM takes them. */
    static @Nullable Instant date(String value) {
        String v = value.trim();
        Instant utc = utcSeconds(v);
        if (utc != null) {
            return utc;
        }
        try {
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(v));
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /**
     * The form {@code aws:CurrentTime} takes ({@code 2026-06-01T12:00:00Z}) read without a
     * formatter, which costs tens of times more and would run once per statement and request.
     */
    private static @Nullable Instant utcSeconds(String v) {
        if (v.length() != 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
                || v.charAt(16) != ':' || v.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth() || hour < 0
                || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86400L + hour * 3600L + minute * 60L + second);
    }

    private static int digits(String v, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Whether the condition holds for the request. */
    boolean test(ContextKeys context) {
        List<String> actual = context.getNormalized(normalizedKey);
        if (operator == ConditionOperator.NULL) {
            return (actual == null) == nullWhenAbsent;
        }
        if (actual == null) {
            if (ifExists || qualifier == SetQualifier.FOR_ALL_VALUES) {
                return true;
            }
            return qualifier == SetQualifier.NONE && operator.negated;
        }
        switch (qualifier) {
            case FOR_ALL_VALUES:
                for (String v : actual) {
                    if (!single(v, context)) {
                        return false;
                    }
                }
                return true;
            case FOR_ANY_VALUE:
                for (String v : actual) {
                    if (single(v, context)) {
                        return true;
                    }
                }
                return false;
            default:
                boolean any = false;
                for (String v : actual) {
                    any |= matchesAny(v, context);
                }
                return operator.negated != any;
        }
    }

    /** One request value against the operator, negation included. */
    private boolean single(String value, ContextKeys context) {
        return operator.negated != matchesAny(value, context);
    }

    private boolean matchesAny(String value, ContextKeys context) {
        for (ValueTest t : tests) {
            if (t.test(value, context)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every value is fixed (no wildcard, no variable), for "The meaning of public". */
    boolean hasFixedValues() {
        for (String v : values) {
            if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0 || v.contains("${")) {
                return false;
            }
        }
        return true;
    }

    String keyLowerCase() {
        return key.toLowerCase(Locale.ROOT);
    }
}
