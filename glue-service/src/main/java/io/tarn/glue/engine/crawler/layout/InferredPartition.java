package io.tarn.glue.engine.crawler.layout;

import java.util.List;

/**
 * A partition the crawler writes: its values, one per partition key of its table, in key order, and its
 * own storage descriptor (its folder as location; its own columns unless the crawler's Configuration
 * says partitions inherit from the table).
 */
public record InferredPartition(List<String> values, StorageDescriptor storageDescriptor) {

    public InferredPartition {
        values = List.copyOf(values);
    }

    public String location() {
        return storageDescriptor.location();
    }
}
