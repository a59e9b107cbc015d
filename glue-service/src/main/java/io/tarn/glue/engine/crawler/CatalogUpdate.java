package io.tarn.glue.engine.crawler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.Partitions;
import io.tarn.glue.engine.Tables;
import io.tarn.glue.engine.crawler.LayoutStep.CrawledPartition;
import io.tarn.glue.engine.crawler.LayoutStep.CrawledTable;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.PartitionDefinition;
import io.tarn.glue.model.PartitionMeta;
import io.tarn.glue.model.SchemaChangePolicy;
import io.tarn.glue.model.TableDefinition;
import io.tarn.glue.model.TableMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a crawl found into the crawler's database, as AWS's SchemaChangePolicy says: new tables
 * are always created; a table whose schema changed is updated (a new table version) under
 * UPDATE_IN_DATABASE and left as it is under LOG; a table this crawler wrote before whose data is
 * gone is left (LOG), deleted (DELETE_FROM_DATABASE) or marked deprecated (DEPRECATE_IN_DATABASE);
 * a partition whose folder is empty now is deleted under DELETE_FROM_DATABASE and left otherwise.
 */
final class CatalogUpdate {

    private static final Logger log = LoggerFactory.getLogger(CatalogUpdate.class);

    /** The table parameter AWS's crawler names itself in. */
    static final String UPDATED_BY_CRAWLER = "UPDATED_BY_CRAWLER";
    /** The crawl that last created or updated the table, as AWS's crawler writes it in the table's Parameters. */
    static final String CRAWL_RUN_ID = "CRAWL_RUN_ID";
    /**
     * Set on a table whose data is gone under DEPRECATE_IN_DATABASE, in its Parameters and its
     * StorageDescriptor's, with the time it was deprecated in epoch milliseconds (as AWS's crawler writes it).
     */
    static final String DEPRECATED_BY_CRAWLER = "DEPRECATED_BY_CRAWLER";
    private static final int PAGE = 100;

    /** What a crawl changed in the catalog. */
    record Changes(int tablesCreated, int tablesUpdated, int tablesDeleted, int partitionsCreated, int partitionsDeleted) {

        static final Changes NONE = new Changes(0, 0, 0, 0, 0);
    }

    private final Tables tables;
    private final Partitions partitions;

    CatalogUpdate(Tables tables, Partitions partitions) {
        this.tables = tables;
        this.partitions = partitions;
    }

    /**
     * Applies the crawl's tables; {@code locations} are the include URIs the crawl covered completely
     * (tables and partitions under them that the crawl did not find are gone), empty when it saw only new folders.
     */
    Changes apply(Namespace ns, CrawlerDefinition crawler, String crawlId, List<CrawledTable> found, List<String> locations,
            Instant now) {
        String db = crawler.databaseName();
        SchemaChangePolicy policy = crawler.schemaChangePolicy() == null ? SchemaChangePolicy.DEFAULT
                : crawler.schemaChangePolicy().withDefaults();
        String createdBy = crawlerArn(ns, crawler.role());
        int created = 0;
        int updated = 0;
        int partitionsCreated = 0;
        int partitionsDeleted = 0;
        for (CrawledTable crawled : found) {
            CrawledTable t = new CrawledTable(withParameter(crawled.table(), CRAWL_RUN_ID, crawlId), crawled.partitions());
            TableMeta existing = find(ns, db, t.name());
            if (existing == null) {
                tables.create(ns, db, t.table(), createdBy);
                created++;
            } else {
                if (changed(existing.definition(), t.table())
                        && SchemaChangePolicy.UPDATE_IN_DATABASE.equals(policy.updateBehavior())) {
                    TableDefinition next = mergeNewColumns(crawler) ? withNewColumnsOnly(existing.definition(), t.table()) : t.table();
                    if (changed(existing.definition(), next)) {
                        tables.update(ns, db, next, null, false);
                        updated++;
                    }
                }
                if (!locations.isEmpty()) {
                    partitionsDeleted += gonePartitions(ns, crawler, policy, t);
                }
            }
            partitionsCreated += addPartitions(ns, db, t);
        }
        int deleted = 0;
        if (!locations.isEmpty()) {
            Set<String> names = found.stream().map(CrawledTable::name).collect(Collectors.toSet());
            for (TableMeta gone : goneTables(ns, crawler, names, locations)) {
                switch (policy.deleteBehavior()) {
                    case SchemaChangePolicy.DELETE_FROM_DATABASE -> {
                        tables.delete(ns, db, gone.name());
                        deleted++;
                    }
                    case SchemaChangePolicy.DEPRECATE_IN_DATABASE -> {
                        if (parameter(gone.definition(), DEPRECATED_BY_CRAWLER) == null) {
                            tables.update(ns, db, deprecated(gone.definition(), now), null, false);
                            updated++;
                        }
                    }
                    default -> log.info("crawler {}: the data of table {}.{} is gone; DeleteBehavior LOG leaves the table",
                            crawler.name(), db, gone.name());
                }
            }
        }
        return new Changes(created, updated, deleted, partitionsCreated, partitionsDeleted);
    }

    /**
     * The partitions of a table the crawl found again whose folders it no longer found (under the table's
     * location: partitions pointing elsewhere were not the crawler's to see). DELETE_FROM_DATABASE deletes
     * them; DEPRECATE_IN_DATABASE, which AWS documents for tables only, and LOG leave them and log it.
     *
     * @return how many were deleted
     */
    private int gonePartitions(Namespace ns, CrawlerDefinition crawler, SchemaChangePolicy policy, CrawledTable t) {
        String db = crawler.databaseName();
        String tableLocation = location(t.table());
        if (tableLocation == null) {
            return 0;
        }
        Set<List<String>> crawled = t.partitions().stream().map(CrawledPartition::values).collect(Collectors.toSet());
        List<PartitionMeta> gone = new ArrayList<>();
        String after = null;
        do {
            Page<PartitionMeta> page = partitions.list(ns, db, t.name(), null, null, after, PAGE);
            for (PartitionMeta p : page.items()) {
                String location = location(p.storageDescriptor());
                if (!crawled.contains(p.values()) && location != null && within(location, tableLocation)) {
                    gone.add(p);
                }
            }
            after = page.next();
        } while (after != null);
        if (gone.isEmpty()) {
            return 0;
        }
        if (!SchemaChangePolicy.DELETE_FROM_DATABASE.equals(policy.deleteBehavior())) {
            log.info("crawler {}: {} partition(s) of {}.{} have no data left; DeleteBehavior {} leaves them",
                    crawler.name(), gone.size(), db, t.name(), policy.deleteBehavior());
            return 0;
        }
        for (PartitionMeta p : gone) {
            partitions.delete(ns, db, t.name(), p.values());
        }
        return gone.size();
    }

    /**
     * Adds the partitions the catalog lacks, in one write ("new tables and partitions are always
     * created regardless of the SchemaChangePolicy"); those it has are left as they are.
     */
    private int addPartitions(Namespace ns, String db, CrawledTable t) {
        if (t.partitions().isEmpty()) {
            return 0;
        }
        List<PartitionDefinition> inputs = t.partitions().stream()
                .map(p -> new PartitionDefinition(p.values(), null, p.storageDescriptor(), Map.of(), null)).toList();
        return inputs.size() - partitions.createAll(ns, db, t.name(), inputs).size();
    }

    /** Whether the crawl found the table other than the catalog has it: columns, partition keys, format or a deprecation to lift. */
    static boolean changed(TableDefinition current, TableDefinition crawled) {
        return !Objects.equals(member(current.storageDescriptor(), "Columns"), member(crawled.storageDescriptor(), "Columns"))
                || !Objects.equals(orEmpty(current.partitionKeys()), orEmpty(crawled.partitionKeys()))
                || !Objects.equals(member(current.storageDescriptor(), "SerdeInfo"), member(crawled.storageDescriptor(), "SerdeInfo"))
                || !Objects.equals(parameter(current, "classification"), parameter(crawled, "classification"))
                || parameter(current, DEPRECATED_BY_CRAWLER) != null;
    }

    /**
     * Whether the crawler's Configuration says CrawlerOutput.Tables.AddOrUpdateBehavior MergeNewColumns
     * ("How to prevent the crawler from changing an existing schema"): new columns are added, none removed or retyped.
     */
    static boolean mergeNewColumns(CrawlerDefinition crawler) {
        if (crawler.configuration() == null) {
            return false;
        }
        JsonNode behavior = CrawlerRules.configuration(crawler.configuration()).path("CrawlerOutput").path("Tables")
                .path("AddOrUpdateBehavior");
        return "MergeNewColumns".equals(behavior.asText());
    }

    /** The crawled table with the current table's columns as they are, followed by the crawled columns it lacked. */
    static TableDefinition withNewColumnsOnly(TableDefinition current, TableDefinition crawled) {
        JsonNode currentColumns = member(current.storageDescriptor(), "Columns");
        if (currentColumns == null || !currentColumns.isArray() || !(crawled.storageDescriptor() instanceof ObjectNode sd)) {
            return crawled;
        }
        ArrayNode merged = currentColumns.deepCopy();
        Set<String> known = new HashSet<>(currentColumns.findValuesAsText("Name"));
        JsonNode crawledColumns = sd.path("Columns");
        for (JsonNode column : crawledColumns) {
            if (known.add(column.path("Name").asText())) {
                merged.add(column);
            }
        }
        ObjectNode descriptor = sd.deepCopy();
        descriptor.set("Columns", merged);
        return new TableDefinition(crawled.name(), crawled.description(), crawled.owner(), crawled.lastAccessTime(),
                crawled.lastAnalyzedTime(), crawled.retention(), descriptor, crawled.partitionKeys(), crawled.viewOriginalText(),
                crawled.viewExpandedText(), crawled.tableType(), crawled.parameters(), crawled.targetTable(), crawled.viewDefinition());
    }

    /** The tables this crawler wrote under the covered locations that the crawl no longer found. */
    private List<TableMeta> goneTables(Namespace ns, CrawlerDefinition crawler, Set<String> found, List<String> locations) {
        List<TableMeta> gone = new ArrayList<>();
        String after = null;
        do {
            Page<TableMeta> page = tables.list(ns, crawler.databaseName(), null, after, PAGE);
            for (TableMeta t : page.items()) {
                String location = location(t.definition());
                if (!found.contains(t.name()) && crawler.name().equals(parameter(t.definition(), UPDATED_BY_CRAWLER))
                        && location != null && locations.stream().anyMatch(l -> within(location, l))) {
                    gone.add(t);
                }
            }
            after = page.next();
        } while (after != null);
        return gone;
    }

    private static boolean within(String location, String include) {
        String folder = include.endsWith("/") ? include : include + "/";
        return location.equals(include) || location.startsWith(folder) || (location + "/").equals(folder);
    }

    private static TableDefinition deprecated(TableDefinition d, Instant now) {
        String at = Long.toString(now.toEpochMilli());
        TableDefinition marked = withParameter(d, DEPRECATED_BY_CRAWLER, at);
        JsonNode sd = d.storageDescriptor();
        if (sd instanceof ObjectNode descriptor) {
            sd = descriptor.deepCopy();
            JsonNode sdParameters = sd.get("Parameters");
            (sdParameters instanceof ObjectNode o ? o : ((ObjectNode) sd).putObject("Parameters")).put(DEPRECATED_BY_CRAWLER, at);
        }
        return new TableDefinition(d.name(), d.description(), d.owner(), d.lastAccessTime(), d.lastAnalyzedTime(), d.retention(),
                sd, d.partitionKeys(), d.viewOriginalText(), d.viewExpandedText(), d.tableType(), marked.parameters(),
                d.targetTable(), d.viewDefinition());
    }

    private static TableDefinition withParameter(TableDefinition d, String name, String value) {
        Map<String, String> parameters = new HashMap<>(d.parameters() == null ? Map.of() : d.parameters());
        parameters.put(name, value);
        return new TableDefinition(d.name(), d.description(), d.owner(), d.lastAccessTime(), d.lastAnalyzedTime(), d.retention(),
                d.storageDescriptor(), d.partitionKeys(), d.viewOriginalText(), d.viewExpandedText(), d.tableType(), parameters,
                d.targetTable(), d.viewDefinition());
    }

    private @Nullable TableMeta find(Namespace ns, String db, String name) {
        try {
            return tables.get(ns, db, name);
        } catch (AwsException e) {
            if (e.error() == GlueErrors.ENTITY_NOT_FOUND) {
                return null; // the run checked the database first
            }
            throw e;
        }
    }

    /** The identity AWS's crawler writes tables as: the crawler's role, assumed. */
    static String crawlerArn(Namespace ns, @Nullable String role) {
        String name = role == null ? "" : role.substring(role.lastIndexOf('/') + 1);
        return "arn:aws:sts::" + ns.account() + ":assumed-role/" + name + "/AWS-Crawler";
    }

    private static @Nullable String location(TableDefinition d) {
        return location(d.storageDescriptor());
    }

    private static @Nullable String location(@Nullable JsonNode storageDescriptor) {
        JsonNode location = member(storageDescriptor, "Location");
        return location == null || location.isNull() ? null : location.asText();
    }

    private static @Nullable String parameter(TableDefinition d, String name) {
        return d.parameters() == null ? null : d.parameters().get(name);
    }

    private static @Nullable JsonNode member(@Nullable JsonNode node, String name) {
        return node == null ? null : node.get(name);
    }

    private static JsonNode orEmpty(@Nullable JsonNode node) {
        return node == null ? JsonNodeFactory.instance.arrayNode() : node;
    }
}
