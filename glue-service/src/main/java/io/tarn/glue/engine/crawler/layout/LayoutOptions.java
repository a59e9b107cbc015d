package io.tarn.glue.engine.crawler.layout;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * What of a crawler's definition decides the tables it lays out.
 *
 * @param crawlerName                the crawler, written as UPDATED_BY_CRAWLER
 * @param tablePrefix                the crawler's TablePrefix ("" for none)
 * @param combineCompatibleSchemas   Grouping.TableGroupingPolicy = CombineCompatibleSchemas: schema
 *                                   similarity is ignored, only data compatibility splits tables
 * @param tableLevel                 Grouping.TableLevelConfiguration: the absolute folder level tables are
 *                                   made at, the bucket being level 1; 0 when not set
 * @param partitionsInheritFromTable CrawlerOutput.Partitions.AddOrUpdateBehavior = InheritFromTable:
 *                                   partitions take the table's schema instead of their own
 * @param tablesMergeNewColumns      CrawlerOutput.Tables.AddOrUpdateBehavior = MergeNewColumns (for the
 *                                   crawler run: existing columns are kept, new ones added)
 * @param tableThreshold             CrawlerOutput.Tables.TableThreshold, 0 when not set: a crawl that
 *                                   detects more tables fails without writing any (for the crawler run)
 */
public record LayoutOptions(
        String crawlerName,
        String tablePrefix,
        boolean combineCompatibleSchemas,
        int tableLevel,
        boolean partitionsInheritFromTable,
        boolean tablesMergeNewColumns,
        int tableThreshold) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public LayoutOptions {
        requireNonNull(crawlerName, "crawlerName");
        requireNonNull(tablePrefix, "tablePrefix");
        if (tableLevel < 0 || tableThreshold < 0) {
            throw new IllegalArgumentException("tableLevel and tableThreshold cannot be negative");
        }
    }

    /** A crawler with no prefix and no Configuration. */
    public static LayoutOptions defaults(String crawlerName) {
        return new LayoutOptions(crawlerName, "", false, 0, false, false, 0);
    }

    /**
     * The options of a crawler given its TablePrefix and its Configuration JSON (both as stored; the
     * Configuration was validated when the crawler was created, so what is not understood is ignored).
     *
     * @throws IllegalArgumentException when {@code configuration} is not JSON
     */
    public static LayoutOptions of(String crawlerName, @Nullable String tablePrefix, @Nullable String configuration) {
        JsonNode root;
        try {
            root = configuration == null || configuration.isBlank() ? JSON.createObjectNode() : JSON.readTree(configuration);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Crawler configuration is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode grouping = root.path("Grouping");
        JsonNode output = root.path("CrawlerOutput");
        return new LayoutOptions(crawlerName, tablePrefix == null ? "" : tablePrefix,
                "CombineCompatibleSchemas".equals(grouping.path("TableGroupingPolicy").asText()),
                Math.max(0, grouping.path("TableLevelConfiguration").asInt(0)),
                "InheritFromTable".equals(output.path("Partitions").path("AddOrUpdateBehavior").asText()),
                "MergeNewColumns".equals(output.path("Tables").path("AddOrUpdateBehavior").asText()),
                Math.max(0, output.path("Tables").path("TableThreshold").asInt(0)));
    }
}
