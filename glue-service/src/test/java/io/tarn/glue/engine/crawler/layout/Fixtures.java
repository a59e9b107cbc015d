package io.tarn.glue.engine.crawler.layout;

import io.tarn.glue.engine.classifier.FileSchema;
import io.tarn.glue.engine.classifier.FileSchema.Column;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** FileSchemas as the built-in classifiers give them, and files carrying them. */
final class Fixtures {

    static final Instant WRITTEN = Instant.parse("2024-05-01T00:00:00Z");
    static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";

    private Fixtures() {}

    /** Columns from {@code "name:type"} pairs. */
    static List<Column> columns(String... nameTypes) {
        List<Column> columns = new ArrayList<>();
        for (String nameType : nameTypes) {
            int colon = nameType.indexOf(':');
            columns.add(new Column(nameType.substring(0, colon), nameType.substring(colon + 1)));
        }
        return columns;
    }

    static FileSchema json(String... nameTypes) {
        return jsonCompressed("none", nameTypes);
    }

    static FileSchema jsonCompressed(String compression, String... nameTypes) {
        List<Column> columns = columns(nameTypes);
        TreeSet<String> paths = new TreeSet<>();
        columns.forEach(c -> paths.add(c.name()));
        return new FileSchema("json", compression, columns, TEXT_INPUT, TEXT_OUTPUT, JSON_SERDE,
                Map.of("paths", String.join(",", paths)), Map.of(), 10, 50);
    }

    static FileSchema parquet(String... nameTypes) {
        return new FileSchema("parquet", "none", columns(nameTypes),
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", PARQUET_SERDE,
                Map.of("serialization.format", "1"), Map.of(), 100, 20);
    }

    static FileSchema csv(String... nameTypes) {
        return new FileSchema("csv", "none", columns(nameTypes), TEXT_INPUT, TEXT_OUTPUT, LAZY_SIMPLE_SERDE,
                Map.of("field.delim", ","),
                Map.of("delimiter", ",", "areColumnsQuoted", "false", "skip.header.line.count", "1", "columnsOrdered", "true"),
                4, 25);
    }

    static CrawledFile file(String key, long size, FileSchema schema) {
        return new CrawledFile(key, size, WRITTEN, schema);
    }

    static CrawledFile file(String key, FileSchema schema) {
        return file(key, 100, schema);
    }
}
