package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a client defines of a crawler: CreateCrawler's request (and UpdateCrawler's, where a member
 * not given keeps its value). Stored with AWS's defaults filled in. What the crawl reasons about
 * (targets, policies, schedule, prefix) is typed; the lineage and Lake Formation settings are kept as sent.
 */
public record CrawlerDefinition(
        @JsonProperty("Name") @Nullable String name,
        @JsonProperty("Role") @Nullable String role,
        @JsonProperty("DatabaseName") @Nullable String databaseName,
        @JsonProperty("Description") @Nullable String description,
        @JsonProperty("Targets") @Nullable CrawlerTargets targets,
        @JsonProperty("Schedule") @Nullable String schedule,
        @JsonProperty("Classifiers") @Nullable List<String> classifiers,
        @JsonProperty("TablePrefix") @Nullable String tablePrefix,
        @JsonProperty("SchemaChangePolicy") @Nullable SchemaChangePolicy schemaChangePolicy,
        @JsonProperty("RecrawlPolicy") @Nullable RecrawlPolicy recrawlPolicy,
        @JsonProperty("LineageConfiguration") @Nullable JsonNode lineageConfiguration,
        @JsonProperty("LakeFormationConfiguration") @Nullable JsonNode lakeFormationConfiguration,
        @JsonProperty("Configuration") @Nullable String configuration,
        @JsonProperty("CrawlerSecurityConfiguration") @Nullable String crawlerSecurityConfiguration,
        @JsonProperty("Tags") @Nullable Map<String, String> tags) {

    /** This definition with each member {@code change} gives replacing the current one (UpdateCrawler). */
    public CrawlerDefinition updatedBy(CrawlerDefinition change) {
        return new CrawlerDefinition(name,
                pick(change.role, role), pick(change.databaseName, databaseName),
                change.description == null ? description : change.description.isEmpty() ? null : change.description,
                pick(change.targets, targets), pick(change.schedule, schedule), pick(change.classifiers, classifiers),
                pick(change.tablePrefix, tablePrefix), pick(change.schemaChangePolicy, schemaChangePolicy),
                pick(change.recrawlPolicy, recrawlPolicy), pick(change.lineageConfiguration, lineageConfiguration),
                pick(change.lakeFormationConfiguration, lakeFormationConfiguration), pick(change.configuration, configuration),
                pick(change.crawlerSecurityConfiguration, crawlerSecurityConfiguration), tags);
    }

    public CrawlerDefinition withSchedule(@Nullable String expression) {
        return new CrawlerDefinition(name, role, databaseName, description, targets, expression, classifiers, tablePrefix,
                schemaChangePolicy, recrawlPolicy, lineageConfiguration, lakeFormationConfiguration, configuration,
                crawlerSecurityConfiguration, tags);
    }

    private static <T> @Nullable T pick(@Nullable T changed, @Nullable T current) {
        return changed != null ? changed : current;
    }
}
