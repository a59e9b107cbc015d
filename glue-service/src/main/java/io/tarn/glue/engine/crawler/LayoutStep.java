package io.tarn.glue.engine.crawler;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.TableDefinition;
import java.util.List;

/** The layout step of a crawl: the classified objects of each S3 target turned into tables and partitions. */
@FunctionalInterface
public interface LayoutStep {

    /** The objects found under one S3 target's include path, exclusions applied. */
    record TargetObjects(String includePath, List<ClassifiedObject> objects) {}

    /** A partition to write: its values in partition key order and its own StorageDescriptor. */
    record CrawledPartition(List<String> values, JsonNode storageDescriptor) {}

    /** A table to write (its name with the crawler's TablePrefix) with its partitions. */
    record CrawledTable(TableDefinition table, List<CrawledPartition> partitions) {

        public String name() {
            return table.name();
        }
    }

    /**
     * The tables of a crawl, names unique across its targets.
     *
     * @throws IllegalArgumentException when the crawl cannot be laid out (e.g. more tables than the
     *                                  crawler's TableThreshold): the crawl fails with that message
     */
    List<CrawledTable> layout(List<TargetObjects> targets, CrawlerDefinition crawler);
}
