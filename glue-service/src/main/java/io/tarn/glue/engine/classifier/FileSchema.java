package io.tarn.glue.engine.classifier;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a classifier found in one file: its classification and the schema and storage details a
 * crawler turns into a table (the layout step merges these across a table's files).
 *
 * @param classification   AWS's classification name: {@code parquet}, {@code avro}, {@code orc},
 *                         {@code json}, {@code csv}, or a custom classifier's
 * @param compressionType  {@code none}, {@code gzip}, {@code bzip2}, {@code snappy}... as the
 *                         crawler writes it in the table's {@code compressionType} parameter
 * @param columns          the file's columns in order, with Hive types ({@code bigint},
 *                         {@code struct<a:int,b:string>}...)
 * @param inputFormat      the StorageDescriptor's InputFormat class name
 * @param outputFormat     the StorageDescriptor's OutputFormat class name
 * @param serializationLibrary the SerDeInfo's SerializationLibrary
 * @param serdeParameters  the SerDeInfo's Parameters (e.g. {@code field.delim})
 * @param tableParameters  format-specific table parameters the crawler writes (e.g.
 *                         {@code delimiter}, {@code skip.header.line.count},
 *                         {@code areColumnsQuoted}, {@code typeOfData})
 * @param recordCount      records in the file, or estimated from the sample; -1 when unknown
 * @param averageRecordSize average bytes per record; -1 when unknown
 */
public record FileSchema(
        String classification,
        String compressionType,
        List<Column> columns,
        @Nullable String inputFormat,
        @Nullable String outputFormat,
        @Nullable String serializationLibrary,
        Map<String, String> serdeParameters,
        Map<String, String> tableParameters,
        long recordCount,
        long averageRecordSize) {

    /** A column: its name as the crawler writes it (lower case) and its Hive type. */
    public record Column(String name, String type) {}
}
