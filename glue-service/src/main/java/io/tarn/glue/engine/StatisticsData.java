package io.tarn.glue.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.glue.GlueErrors;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The ColumnStatisticsData union, checked as the model constrains it (the member its Type names, with
 * that member's required non-negative counts), and which Hive column types each kind of statistics fits.
 */
final class StatisticsData {

    /** One kind of statistics: the union member carrying it, its required fields, the column types it fits. */
    private record Kind(String member, List<String> required, Predicate<String> fits) {}

    private static final List<String> COUNTS = List.of("NumberOfNulls", "NumberOfDistinctValues");
    private static final Map<String, Kind> KINDS = Map.of(
            "BOOLEAN", new Kind("BooleanColumnStatisticsData", List.of("NumberOfTrues", "NumberOfFalses", "NumberOfNulls"),
                    t -> t.equals("boolean")),
            "DATE", new Kind("DateColumnStatisticsData", COUNTS, t -> t.equals("date")),
            "DECIMAL", new Kind("DecimalColumnStatisticsData", COUNTS, t -> t.equals("decimal") || t.startsWith("decimal(")),
            "DOUBLE", new Kind("DoubleColumnStatisticsData", COUNTS, t -> t.equals("double") || t.equals("float")),
            "LONG", new Kind("LongColumnStatisticsData", COUNTS,
                    t -> List.of("tinyint", "smallint", "int", "integer", "bigint").contains(t)),
            "STRING", new Kind("StringColumnStatisticsData",
                    List.of("MaximumLength", "AverageLength", "NumberOfNulls", "NumberOfDistinctValues"),
                    t -> t.equals("string") || t.startsWith("varchar(") || t.startsWith("char(")),
            "BINARY", new Kind("BinaryColumnStatisticsData", List.of("MaximumLength", "AverageLength", "NumberOfNulls"),
                    t -> t.equals("binary")));

    private StatisticsData() {}

    /** The statistics' Type once {@code data} is well formed; ValidationException as the model's checks answer. */
    static String check(@Nullable JsonNode data, String field) {
        if (data == null || !data.isObject()) {
            throw missing(field);
        }
        JsonNode type = data.get("Type");
        if (type == null || !type.isTextual()) {
            throw missing(field + ".type");
        }
        Kind kind = KINDS.get(type.asText());
        if (kind == null) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s.type' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [BOOLEAN, DATE, DECIMAL, DOUBLE, LONG, STRING, BINARY]",
                    type.asText(), field);
        }
        JsonNode member = data.get(kind.member());
        String memberField = field + "." + Character.toLowerCase(kind.member().charAt(0)) + kind.member().substring(1);
        if (member == null || !member.isObject()) {
            throw GlueErrors.INVALID_INPUT.exception("%s is required for statistics of type %s", kind.member(), type.asText());
        }
        for (String required : kind.required()) {
            JsonNode value = member.get(required);
            String requiredField = memberField + "." + Character.toLowerCase(required.charAt(0)) + required.substring(1);
            if (value == null || value.isNull()) {
                throw missing(requiredField);
            }
            if (!value.isNumber() || value.asDouble() < 0) {
                throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 0", value.asText(), requiredField);
            }
        }
        return type.asText();
    }

    /** Whether statistics of {@code type} (BOOLEAN, LONG...) can describe a column of Hive type {@code columnType}. */
    static boolean fits(String type, String columnType) {
        Kind kind = KINDS.get(type);
        return kind != null && kind.fits().test(columnType.toLowerCase(Locale.ROOT).replace(" ", ""));
    }

    private static RuntimeException missing(String field) {
        return GlueErrors.VALIDATION.exception(
                "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field);
    }
}
