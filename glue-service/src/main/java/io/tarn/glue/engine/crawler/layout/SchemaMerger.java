package io.tarn.glue.engine.crawler.layout;

import io.tarn.glue.engine.classifier.FileSchema.Column;
import io.tarn.glue.engine.classifier.HiveType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the schemas of a table's files as AWS's crawler does: the union of their columns, in the
 * order they are first met; a column typed differently in two files gets the type {@link HiveType}'s
 * merge gives both (the narrowest holding both, else {@code string}).
 */
final class SchemaMerger {

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
        return a.equals(b) ? a : HiveType.parse(a).merge(HiveType.parse(b)).hiveName();
    }
}
