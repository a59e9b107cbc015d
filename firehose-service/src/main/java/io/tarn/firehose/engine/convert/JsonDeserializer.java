package io.tarn.firehose.engine.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code InputFormatConfiguration.Deserializer} of a stream: the OpenX JSON SerDe (lenient: numbers
 * and booleans given as strings, case-insensitive keys by default, key mappings and dots to
 * underscores) or the Hive JSON SerDe (strict types, {@code TimestampFormats}).
 */
final class JsonDeserializer {

    /** Hive's default timestamp text, {@code java.sql.Timestamp.valueOf}: {@code yyyy-[m]m-[d]d hh:mm:ss[.f...]}. */
    private static final DateTimeFormatter HIVE_DEFAULT = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4).appendLiteral('-').appendValue(ChronoField.MONTH_OF_YEAR, 1, 2,
                    java.time.format.SignStyle.NOT_NEGATIVE)
            .appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
            .appendLiteral(' ').appendPattern("HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter(Locale.ROOT);
    /** What the OpenX SerDe reads besides Hive's text: ISO-8601 with {@code T}, a zone or {@code Z}. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_DATE_TIME;
    /** Numbers at least this large are epoch milliseconds, smaller ones epoch seconds (1e11 s is the year 5138). */
    private static final double MILLIS_THRESHOLD = 1e11;

    private final boolean openX;
    private final boolean caseInsensitive;
    private final boolean dotsToUnderscores;
    /** column name to the JSON key holding it (OpenX {@code ColumnToJsonKeyMappings}) */
    private final Map<String, String> columnKeys;
    /** Hive {@code TimestampFormats}, in order; {@code null} entries stand for {@code millis} */
    private final List<@Nullable DateTimeFormatter> timestampFormats;

    private JsonDeserializer(boolean openX, boolean caseInsensitive, boolean dotsToUnderscores, Map<String, String> columnKeys,
            List<@Nullable DateTimeFormatter> timestampFormats) {
        this.openX = openX;
        this.caseInsensitive = caseInsensitive;
        this.dotsToUnderscores = dotsToUnderscores;
        this.columnKeys = columnKeys;
        this.timestampFormats = timestampFormats;
    }

    /** From {@code InputFormatConfiguration}; OpenX when it names no deserializer, as AWS defaults. */
    static JsonDeserializer of(JsonNode inputFormat) {
        JsonNode deserializer = inputFormat.path("Deserializer");
        JsonNode hive = deserializer.get("HiveJsonSerDe");
        if (hive != null && !hive.isNull()) {
            List<@Nullable DateTimeFormatter> formats = new ArrayList<>();
            for (JsonNode f : hive.path("TimestampFormats")) {
                formats.add("millis".equals(f.asText()) ? null : jodaPattern(f.asText()));
            }
            return new JsonDeserializer(false, true, false, Map.of(), formats);
        }
        JsonNode openX = deserializer.path("OpenXJsonSerDe");
        Map<String, String> mappings = new HashMap<>();
        openX.path("ColumnToJsonKeyMappings").fields().forEachRemaining(e -> mappings.put(e.getKey().toLowerCase(Locale.ROOT),
                e.getValue().asText()));
        return new JsonDeserializer(true, openX.path("CaseInsensitive").asBoolean(true),
                openX.path("ConvertDotsInJsonKeysToUnderscores").asBoolean(false), Map.copyOf(mappings), List.of());
    }

    /**
     * A JodaTime {@code DateTimeFormat} pattern as java.time reads it: the letters Firehose users write
     * ({@code yyyy MM dd HH mm ss SSS Z}) mean the same in both; Joda's {@code ZZ} ({@code +01:00}) is {@code xxx} here.
     */
    private static DateTimeFormatter jodaPattern(String pattern) {
        try {
            return new DateTimeFormatterBuilder().appendPattern(pattern.replace("ZZ", "xxx")).toFormatter(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidConversionConfigException("The timestamp format " + pattern + " is not a valid pattern.");
        }
    }

    /** The columns of one JSON object, in the row type's order. */
    Object[] row(JsonNode object, HiveType rowType) throws MalformedRecordException {
        if (!object.isObject()) {
            throw new MalformedRecordException("The record is not a JSON object.");
        }
        return struct(object, rowType, true);
    }

    private Object[] struct(JsonNode object, HiveType type, boolean top) throws MalformedRecordException {
        Map<String, JsonNode> byKey = new HashMap<>();
        object.fields().forEachRemaining(e -> byKey.putIfAbsent(normalKey(e.getKey()), e.getValue()));
        Object[] values = new Object[type.children().size()];
        for (int i = 0; i < values.length; i++) {
            String field = type.fieldNames().get(i);
            String key = top && columnKeys.containsKey(field) ? normalKey(columnKeys.get(field)) : normalKey(field);
            JsonNode value = byKey.get(key);
            values[i] = value(value, type.children().get(i), field);
        }
        return values;
    }

    private String normalKey(String key) {
        String k = dotsToUnderscores ? key.replace('.', '_') : key;
        return caseInsensitive ? k.toLowerCase(Locale.ROOT) : k;
    }

    private @Nullable Object value(@Nullable JsonNode node, HiveType type, String field) throws MalformedRecordException {
        if (node == null || node.isNull()) {
            return null;
        }
        switch (type.kind()) {
            case BOOLEAN:
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                if (openX && node.isTextual()) {
                    return Boolean.parseBoolean(node.textValue().trim());
                }
                throw mismatch(field, type, node);
            case TINYINT:
                return integer(node, type, field, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SMALLINT:
                return integer(node, type, field, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT:
                return integer(node, type, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT:
                return integer(node, type, field, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT:
                return (float) floating(node, type, field);
            case DOUBLE:
                return floating(node, type, field);
            case DECIMAL:
                return decimal(node, type, field);
            case STRING:
                return node.isValueNode() ? node.asText() : node.toString();
            case BINARY:
                return (node.isValueNode() ? node.asText() : node.toString()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case TIMESTAMP:
                return timestamp(node, type, field);
            case DATE:
                try {
                    return java.time.LocalDate.parse(node.asText().trim());
                } catch (DateTimeParseException e) {
                    throw mismatch(field, type, node);
                }
            case ARRAY:
                if (!node.isArray()) {
                    throw mismatch(field, type, node);
                }
                List<Object> items = new ArrayList<>(node.size());
                for (JsonNode item : node) {
                    items.add(value(item, type.element(), field));
                }
                return items;
            case MAP:
                if (!node.isObject()) {
                    throw mismatch(field, type, node);
                }
                Map<Object, Object> map = new java.util.LinkedHashMap<>();
                for (var it = node.fields(); it.hasNext(); ) {
                    var e = it.next();
                    Object key = value(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()), type.key(), field);
                    map.put(key, value(e.getValue(), type.value(), field));
                }
                return map;
            case STRUCT:
                if (!node.isObject()) {
                    throw mismatch(field, type, node);
                }
                return struct(node, type, false);
            default:
                throw new IllegalStateException(type.kind().name());
        }
    }

    private long integer(JsonNode node, HiveType type, String field, long min, long max) throws MalformedRecordException {
        long v;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            v = node.longValue();
        } else if (openX && (node.isTextual() || node.isFloatingPointNumber())) {
            // OpenX reads "42" (and 42.0) into an int column; Hive's SerDe refuses a string
            try {
                v = new java.math.BigDecimal(node.asText().trim()).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw mismatch(field, type, node);
            }
        } else {
            throw mismatch(field, type, node);
        }
        if (v < min || v > max) {
            throw new MalformedRecordException("The value " + node.asText() + " of column " + field + " is out of range for "
                    + type + ".");
        }
        return v;
    }

    private double floating(JsonNode node, HiveType type, String field) throws MalformedRecordException {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (openX && node.isTextual()) {
            try {
                return Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw mismatch(field, type, node);
            }
        }
        throw mismatch(field, type, node);
    }

    /** Rounded half-up to the scale, as Hive; a value too large for the precision is null, as Hive stores it. */
    private java.math.@Nullable BigDecimal decimal(JsonNode node, HiveType type, String field) throws MalformedRecordException {
        java.math.BigDecimal v;
        if (node.isNumber()) {
            v = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                v = new java.math.BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw mismatch(field, type, node);
            }
        } else {
            throw mismatch(field, type, node);
        }
        java.math.BigDecimal scaled = v.setScale(type.scale(), java.math.RoundingMode.HALF_UP);
        return scaled.precision() - scaled.scale() > type.precision() - type.scale() ? null : scaled;
    }

    /** A timestamp as UTC wall time (Hive timestamps have no zone). */
    private LocalDateTime timestamp(JsonNode node, HiveType type, String field) throws MalformedRecordException {
        String text = node.asText().trim();
        if (!openX) {
            for (DateTimeFormatter f : timestampFormats) {
                LocalDateTime t = f == null ? epochMillis(node) : parse(text, f);
                if (t != null) {
                    return t;
                }
            }
            LocalDateTime t = node.isTextual() ? parse(text, HIVE_DEFAULT) : null;
            if (t == null) {
                throw mismatch(field, type, node);
            }
            return t;
        }
        if (node.isNumber() || text.matches("-?\\d+(\\.\\d+)?")) {
            double n = Double.parseDouble(text);
            if (Math.abs(n) >= MILLIS_THRESHOLD) {
                return LocalDateTime.ofEpochSecond(Math.floorDiv((long) n, 1000L), (int) Math.floorMod((long) n, 1000L) * 1_000_000,
                        ZoneOffset.UTC);
            }
            java.math.BigDecimal seconds = new java.math.BigDecimal(text);
            long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            int nanos = seconds.subtract(java.math.BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return LocalDateTime.ofEpochSecond(whole, nanos, ZoneOffset.UTC);
        }
        LocalDateTime t = parse(text, HIVE_DEFAULT);
        if (t == null) {
            t = parse(text, ISO);
        }
        if (t == null) {
            throw mismatch(field, type, node);
        }
        return t;
    }

    private static @Nullable LocalDateTime epochMillis(JsonNode node) {
        String text = node.asText().trim();
        if (!text.matches("-?\\d+")) {
            return null;
        }
        long millis = Long.parseLong(text);
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    /** A text in {@code format}, converted to UTC when it names a zone or offset. */
    private static @Nullable LocalDateTime parse(String text, DateTimeFormatter format) {
        try {
            TemporalAccessor t = format.parse(text);
            LocalDateTime local = LocalDateTime.of(t.get(ChronoField.YEAR), t.get(ChronoField.MONTH_OF_YEAR),
                    t.get(ChronoField.DAY_OF_MONTH), field(t, ChronoField.HOUR_OF_DAY), field(t, ChronoField.MINUTE_OF_HOUR),
                    field(t, ChronoField.SECOND_OF_MINUTE), field(t, ChronoField.NANO_OF_SECOND));
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return local.minusSeconds(t.get(ChronoField.OFFSET_SECONDS));
            }
            return local;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static int field(TemporalAccessor t, ChronoField f) {
        return t.isSupported(f) ? t.get(f) : 0;
    }

    private static MalformedRecordException mismatch(String field, HiveType type, JsonNode node) {
        String shown = node.toString();
        return new MalformedRecordException("The value " + (shown.length() > 100 ? shown.substring(0, 100) + "..." : shown)
                + " of column " + field + " cannot be read as " + type + ".");
    }
}
