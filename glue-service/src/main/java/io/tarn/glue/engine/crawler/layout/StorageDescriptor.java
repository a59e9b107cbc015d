package io.tarn.glue.engine.crawler.layout;

import io.tarn.glue.engine.classifier.FileSchema.Column;
import java.util.List;
import java.util.Map;
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

    public StorageDescriptor {
        columns = List.copyOf(columns);
        serdeParameters = Map.copyOf(serdeParameters);
        parameters = Map.copyOf(parameters);
    }
}
