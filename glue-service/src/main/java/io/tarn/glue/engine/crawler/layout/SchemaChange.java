package io.tarn.glue.engine.crawler.layout;

import io.tarn.glue.engine.classifier.FileSchema.Column;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a new crawl found different from a table already in the catalog: the crawler run decides from it
 * whether to write a new table version (SchemaChangePolicy.UpdateBehavior, or MergeNewColumns) and what
 * to do with partitions that appeared or are gone (DeleteBehavior).
 *
 * @param columnsChanged       whether the crawled columns differ from the table's (names, types or order)
 * @param addedColumns         crawled columns the table lacks
 * @param removedColumns       the table's columns the crawl did not find
 * @param retypedColumns       columns found with another type, as crawled
 * @param partitionKeysChanged whether the partition keys differ
 * @param newPartitions        values of crawled partitions the catalog lacks, in crawl order
 * @param gonePartitions       values of catalog partitions the crawl did not find, in the given order
 */
public record SchemaChange(
        boolean columnsChanged,
        List<Column> addedColumns,
        List<Column> removedColumns,
        List<Column> retypedColumns,
        boolean partitionKeysChanged,
        List<List<String>> newPartitions,
        List<List<String>> gonePartitions) {

    public SchemaChange {
        addedColumns = List.copyOf(addedColumns);
        removedColumns = List.copyOf(removedColumns);
        retypedColumns = List.copyOf(retypedColumns);
        newPartitions = List.copyOf(newPartitions);
        gonePartitions = List.copyOf(gonePartitions);
    }

    /**
     * Compares a crawled table with the catalog's.
     *
     * @param columns           the catalog table's StorageDescriptor columns
     * @param partitionKeys     its PartitionKeys
     * @param partitionValues   the Values of its partitions
     * @param crawled           what the crawl laid out for the same table
     */
    public static SchemaChange between(List<Column> columns, List<Column> partitionKeys,
            Collection<List<String>> partitionValues, InferredTable crawled) {
        Map<String, String> existing = types(columns);
        Map<String, String> found = types(crawled.columns());
        List<Column> added = new ArrayList<>();
        List<Column> retyped = new ArrayList<>();
        for (Column column : crawled.columns()) {
            String type = existing.get(column.name());
            if (type == null) {
                added.add(column);
            } else if (!type.equals(column.type())) {
                retyped.add(column);
            }
        }
        List<Column> removed = columns.stream().filter(c -> !found.containsKey(c.name())).toList();
        Set<List<String>> known = new LinkedHashSet<>(partitionValues);
        Set<List<String>> crawledValues = new LinkedHashSet<>();
        crawled.partitions().forEach(p -> crawledValues.add(p.values()));
        List<List<String>> created = crawledValues.stream().filter(v -> !known.contains(v)).toList();
        List<List<String>> gone = known.stream().filter(v -> !crawledValues.contains(v)).toList();
        return new SchemaChange(!columns.equals(crawled.columns()), added, removed, retyped,
                !partitionKeys.equals(crawled.partitionKeys()), created, gone);
    }

    /** Whether the table's definition (columns or partition keys) changed. */
    public boolean schemaChanged() {
        return columnsChanged || partitionKeysChanged;
    }

    /**
     * The columns under CrawlerOutput.Tables.AddOrUpdateBehavior = MergeNewColumns ("Add new columns
     * only"): the table's columns as they are, then the crawled columns it lacked.
     */
    public List<Column> mergeNewColumns(List<Column> columns) {
        List<Column> merged = new ArrayList<>(columns);
        merged.addAll(addedColumns);
        return merged;
    }

    private static Map<String, String> types(List<Column> columns) {
        Map<String, String> types = new LinkedHashMap<>();
        columns.forEach(c -> types.put(c.name(), c.type()));
        return types;
    }
}
