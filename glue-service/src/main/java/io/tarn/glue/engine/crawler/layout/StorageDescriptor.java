package io.tarn.glue.engine.crawler.layout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.glue.engine.classifier.FileSchema.Column;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The StorageDescriptor the crawler writes for a table or a partition (the crawler run maps it onto the
 * catalog's TableInput / PartitionInput; the fields AWS's crawler leaves at their defaults,
 * NumberOfBuckets -1, no bucket or sort columns, StoredAsSubDirectories false, are not repeated here).
 *
 * @param columns              the columns, with Hive types
 * @param location             {@code s3://bucket/folder/} (a folder, with its slash) or one object's URI
 * @param inputFormat          InputFormat class name
 * @param outputFormat         OutputFormat class name
 * @param compressed           the Compressed flag: whether the files are compressed as a whole
 * @param serializationLibrary SerdeInfo.SerializationLibrary
 * @param serdeParameters      SerdeInfo.Parameters
 * @param parameters           the descriptor's Parameters (the crawler writes its table parameters here too)
 */
public record StorageDescriptor(
        List<Column> columns,
        String location,
        @Nullable String inputFormat,
        @Nullable String outputFormat,
        boolean compressed,
        @Nullable String serializationLibrary,
        Map<String, String> serdeParameters,
        Map<String, String> parameters) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public StorageDescriptor {
        columns = List.copyOf(columns);
        serdeParameters = sorted(serdeParameters);
        parameters = sorted(parameters);
    }

    /**
     * The descriptor as Glue's StorageDescriptor shape, with the defaults AWS's crawler writes
     * (NumberOfBuckets -1, no bucket or sort columns, StoredAsSubDirectories false).
     */
    public ObjectNode toJson() {
        ObjectNode sd = JSON.objectNode();
        sd.set("Columns", columnsJson(columns));
        sd.put("Location", location);
        if (inputFormat != null) {
            sd.put("InputFormat", inputFormat);
        }
        if (outputFormat != null) {
            sd.put("OutputFormat", outputFormat);
        }
        sd.put("Compressed", compressed);
        sd.put("NumberOfBuckets", -1);
        ObjectNode serde = sd.putObject("SerdeInfo");
        if (serializationLibrary != null) {
            serde.put("SerializationLibrary", serializationLibrary);
        }
        serde.set("Parameters", mapJson(serdeParameters));
        sd.putArray("BucketColumns");
        sd.putArray("SortColumns");
        sd.set("Parameters", mapJson(parameters));
        sd.put("StoredAsSubDirectories", false);
        return sd;
    }

    /** Columns as Glue's Column shape, {@code [{"Name": ..., "Type": ...}]}. */
    static ArrayNode columnsJson(List<Column> columns) {
        ArrayNode array = JSON.arrayNode();
        columns.forEach(c -> array.addObject().put("Name", c.name()).put("Type", c.type()));
        return array;
    }

    private static ObjectNode mapJson(Map<String, String> map) {
        ObjectNode object = JSON.objectNode();
        map.forEach(object::put);
        return object;
    }

    /** Parameters in key order, as Glue lists them. */
    static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
