package io.tarn.glue.engine.crawler.layout;

import io.tarn.glue.engine.classifier.FileSchema.Column;
import io.tarn.glue.engine.crawler.layout.HiveType.ArrayOf;
import io.tarn.glue.engine.crawler.layout.HiveType.Field;
import io.tarn.glue.engine.crawler.layout.HiveType.MapOf;
import io.tarn.glue.engine.crawler.layout.HiveType.Primitive;
import io.tarn.glue.engine.crawler.layout.HiveType.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges the schemas of a table's files as AWS's crawler does: the union of their columns, in the
 * order they are first met; a column typed differently in two files gets the narrowest type holding
 * both (integers widen to the larger integer, an integer and a floating type to {@code double}),
 * structs merge field by field, arrays and maps by their element types, and any other conflict
 * becomes {@code string}.
 */
final class SchemaMerger {

    /** Integer types from narrowest to widest. */
    private static final List<String> INTEGERS = List.of("tinyint", "smallint", "int", "bigint");
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");
    /** Hive's largest decimal precision. */
    private static final int MAX_PRECISION = 38;

    private SchemaMerger() {}

    static List<Column> merge(List<List<Column>> schemas) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (List<Column> schema : schemas) {
            for (Column column : schema) {
                merged.merge(column.name(), column.type(), SchemaMerger::mergeTypes);
            }
        }
        List<Column> columns = new ArrayList<>(merged.size());
        merged.forEach((name, type) -> columns.add(new Column(name, type)));
        return columns;
    }

    static String mergeTypes(String a, String b) {
        return a.equals(b) ? a : merge(HiveType.parse(a), HiveType.parse(b)).text();
    }

    private static HiveType merge(HiveType a, HiveType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a instanceof Struct sa && b instanceof Struct sb) {
            return mergeStructs(sa, sb);
        }
        if (a instanceof ArrayOf aa && b instanceof ArrayOf ab) {
            return new ArrayOf(merge(aa.element(), ab.element()));
        }
        if (a instanceof MapOf ma && b instanceof MapOf mb) {
            return new MapOf(merge(ma.key(), mb.key()), merge(ma.value(), mb.value()));
        }
        if (a instanceof Primitive pa && b instanceof Primitive pb) {
            return new Primitive(widen(pa.name(), pb.name()));
        }
        return new Primitive("string");
    }

    private static Struct mergeStructs(Struct a, Struct b) {
        Map<String, HiveType> fields = new LinkedHashMap<>();
        for (Field field : a.fields()) {
            fields.put(field.name(), field.type());
        }
        for (Field field : b.fields()) {
            fields.merge(field.name(), field.type(), SchemaMerger::merge);
        }
        List<Field> merged = new ArrayList<>(fields.size());
        fields.forEach((name, type) -> merged.add(new Field(name, type)));
        return new Struct(merged);
    }

    private static String widen(String a, String b) {
        int ia = INTEGERS.indexOf(a);
        int ib = INTEGERS.indexOf(b);
        if (ia >= 0 && ib >= 0) {
            return INTEGERS.get(Math.max(ia, ib));
        }
        boolean floatingA = isFloating(a);
        boolean floatingB = isFloating(b);
        if ((floatingA || ia >= 0) && (floatingB || ib >= 0)) {
            return "double";
        }
        Matcher da = DECIMAL.matcher(a);
        Matcher db = DECIMAL.matcher(b);
        if (da.matches() && db.matches()) {
            int scale = Math.max(Integer.parseInt(da.group(2)), Integer.parseInt(db.group(2)));
            int digits = Math.max(Integer.parseInt(da.group(1)) - Integer.parseInt(da.group(2)),
                    Integer.parseInt(db.group(1)) - Integer.parseInt(db.group(2)));
            return "decimal(" + Math.min(MAX_PRECISION, digits + scale) + "," + scale + ")";
        }
        return "string";
    }

    private static boolean isFloating(String type) {
        return type.equals("double") || type.equals("float");
    }
}
