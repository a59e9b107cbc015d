package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A partition index of a table: its name, its keys in index order (each with the declared type it was built
 * with; an index whose key's type has since changed in the table is no longer used for scans), and the
 * partitions whose values did not fit a key's type when it was built, which leave it FAILED as in AWS.
 */
public record PartitionIndexMeta(
        @JsonProperty("name") String name,
        @JsonProperty("keys") List<IndexKey> keys,
        @JsonProperty("invalidPartitions") List<List<String>> invalidPartitions) {

    /** One key of an index: a partition key's name and its type when the index was built. */
    public record IndexKey(@JsonProperty("name") String name, @JsonProperty("type") String type) {}

    public boolean active() {
        return invalidPartitions.isEmpty();
    }
}
