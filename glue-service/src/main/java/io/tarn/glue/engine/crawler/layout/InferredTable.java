package io.tarn.glue.engine.crawler.layout;

import io.tarn.glue.engine.classifier.FileSchema.Column;
import io.tarn.glue.model.TableDefinition;
import java.util.List;
import java.util.Map;

/**
 * A table the crawler writes: its name (lower case, TablePrefix applied), its storage descriptor, its
 * partition keys (type {@code string}) with its partitions, and the table Parameters. The table type is
 * always EXTERNAL_TABLE.
 */
public record InferredTable(
        String name,
        StorageDescriptor storageDescriptor,
        List<Column> partitionKeys,
        List<InferredPartition> partitions,
        Map<String, String> parameters) {

    public static final String TABLE_TYPE = "EXTERNAL_TABLE";

    public InferredTable {
        partitionKeys = List.copyOf(partitionKeys);
        partitions = List.copyOf(partitions);
        parameters = StorageDescriptor.sorted(parameters);
    }

    /** The table as the catalog's TableInput, as AWS's crawler fills it (Owner {@code owner}, Retention 0). */
    public TableDefinition toTableDefinition() {
        return new TableDefinition(name, null, "owner", null, null, 0, storageDescriptor.toJson(),
                StorageDescriptor.columnsJson(partitionKeys), null, null, TABLE_TYPE, parameters, null, null);
    }

    public String location() {
        return storageDescriptor.location();
    }

    public List<Column> columns() {
        return storageDescriptor.columns();
    }

    public String classification() {
        return parameters.get(TableParameters.CLASSIFICATION);
    }
}
