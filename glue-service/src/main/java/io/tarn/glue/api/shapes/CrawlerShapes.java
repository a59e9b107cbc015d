package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.glue.model.CrawlRecord;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerMeta;
import io.tarn.glue.model.CrawlerTargets;
import io.tarn.glue.model.LastCrawl;
import io.tarn.glue.model.RecrawlPolicy;
import io.tarn.glue.model.SchemaChangePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The wire shapes of the crawler and crawler schedule operations. CreateCrawler and UpdateCrawler take
 * the model's {@link CrawlerDefinition} as it is (their members are the same, Tags aside).
 */
public final class CrawlerShapes {

    private CrawlerShapes() {}

    public record NameInput(@JsonProperty("Name") @Nullable String name) {}

    public record CrawlerNameInput(@JsonProperty("CrawlerName") @Nullable String crawlerName) {}

    public record UpdateCrawlerScheduleInput(
            @JsonProperty("CrawlerName") @Nullable String crawlerName,
            @JsonProperty("Schedule") @Nullable String schedule) {}

    public record GetCrawlersInput(
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record ListCrawlersInput(
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("Tags") @Nullable Map<String, String> tags) {}

    public record BatchGetCrawlersInput(@JsonProperty("CrawlerNames") @Nullable List<String> crawlerNames) {}

    public record GetCrawlerMetricsInput(
            @JsonProperty("CrawlerNameList") @Nullable List<String> crawlerNameList,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record CrawlsFilter(
            @JsonProperty("FieldName") @Nullable String fieldName,
            @JsonProperty("FilterOperator") @Nullable String filterOperator,
            @JsonProperty("FieldValue") @Nullable String fieldValue) {}

    public record ListCrawlsInput(
            @JsonProperty("CrawlerName") @Nullable String crawlerName,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("Filters") @Nullable List<CrawlsFilter> filters,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record Schedule(
            @JsonProperty("ScheduleExpression") String scheduleExpression,
            @JsonProperty("State") String state) {}

    /** Glue's Crawler. */
    public record Crawler(
            @JsonProperty("Name") String name,
            @JsonProperty("Role") @Nullable String role,
            @JsonProperty("Targets") @Nullable CrawlerTargets targets,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("Classifiers") @Nullable List<String> classifiers,
            @JsonProperty("RecrawlPolicy") @Nullable RecrawlPolicy recrawlPolicy,
            @JsonProperty("SchemaChangePolicy") @Nullable SchemaChangePolicy schemaChangePolicy,
            @JsonProperty("LineageConfiguration") @Nullable JsonNode lineageConfiguration,
            @JsonProperty("State") String state,
            @JsonProperty("TablePrefix") @Nullable String tablePrefix,
            @JsonProperty("Schedule") @Nullable Schedule schedule,
            @JsonProperty("CrawlElapsedTime") long crawlElapsedTime,
            @JsonProperty("CreationTime") Instant creationTime,
            @JsonProperty("LastUpdated") Instant lastUpdated,
            @JsonProperty("LastCrawl") @Nullable LastCrawl lastCrawl,
            @JsonProperty("Version") long version,
            @JsonProperty("Configuration") @Nullable String configuration,
            @JsonProperty("CrawlerSecurityConfiguration") @Nullable String crawlerSecurityConfiguration,
            @JsonProperty("LakeFormationConfiguration") @Nullable JsonNode lakeFormationConfiguration) {

        /** The crawler as GetCrawler shows it at {@code now}: CrawlElapsedTime counts while a crawl runs. */
        public static Crawler of(CrawlerMeta c, Instant now) {
            CrawlerDefinition d = c.definition();
            Schedule schedule = d.schedule() == null ? null : new Schedule(d.schedule(), c.scheduleState());
            long elapsed = c.crawlStart() == null ? 0 : Duration.between(c.crawlStart(), now).toMillis();
            return new Crawler(d.name(), d.role(), d.targets(), d.databaseName(), d.description(), d.classifiers(), d.recrawlPolicy(),
                    d.schemaChangePolicy(), d.lineageConfiguration(), c.state(), d.tablePrefix(), schedule, elapsed, c.creationTime(),
                    c.lastUpdated(), c.lastCrawl(), c.version(), d.configuration(), d.crawlerSecurityConfiguration(),
                    d.lakeFormationConfiguration());
        }
    }

    public record GetCrawlerOutput(@JsonProperty("Crawler") Crawler crawler) {}

    public record GetCrawlersOutput(
            @JsonProperty("Crawlers") List<Crawler> crawlers,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record ListCrawlersOutput(
            @JsonProperty("CrawlerNames") List<String> crawlerNames,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record BatchGetCrawlersOutput(
            @JsonProperty("Crawlers") List<Crawler> crawlers,
            @JsonProperty("CrawlersNotFound") List<String> crawlersNotFound) {}

    public record CrawlerMetrics(
            @JsonProperty("CrawlerName") String crawlerName,
            @JsonProperty("TimeLeftSeconds") double timeLeftSeconds,
            @JsonProperty("StillEstimating") boolean stillEstimating,
            @JsonProperty("LastRuntimeSeconds") double lastRuntimeSeconds,
            @JsonProperty("MedianRuntimeSeconds") double medianRuntimeSeconds,
            @JsonProperty("TablesCreated") int tablesCreated,
            @JsonProperty("TablesUpdated") int tablesUpdated,
            @JsonProperty("TablesDeleted") int tablesDeleted) {}

    public record GetCrawlerMetricsOutput(
            @JsonProperty("CrawlerMetricsList") List<CrawlerMetrics> crawlerMetricsList,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    /** Glue's CrawlerHistory: one crawl, with where its log would be. */
    public record CrawlerHistory(
            @JsonProperty("CrawlId") String crawlId,
            @JsonProperty("State") String state,
            @JsonProperty("StartTime") Instant startTime,
            @JsonProperty("EndTime") @Nullable Instant endTime,
            @JsonProperty("Summary") @Nullable String summary,
            @JsonProperty("ErrorMessage") @Nullable String errorMessage,
            @JsonProperty("LogGroup") String logGroup,
            @JsonProperty("LogStream") String logStream,
            @JsonProperty("MessagePrefix") String messagePrefix,
            @JsonProperty("DPUHour") double dpuHour) {

        public static CrawlerHistory of(String crawler, CrawlRecord c) {
            String summary = c.endTime() == null ? null : String.format(
                    "{\"TABLE\":{\"ADD\":{\"Count\":%d},\"UPDATE\":{\"Count\":%d},\"DELETE\":{\"Count\":%d}},"
                            + "\"PARTITION\":{\"ADD\":{\"Count\":%d},\"DELETE\":{\"Count\":%d}}}",
                    c.tablesCreated(), c.tablesUpdated(), c.tablesDeleted(), c.partitionsCreated(), c.partitionsDeleted());
            return new CrawlerHistory(c.crawlId(), c.state(), c.startTime(), c.endTime(), summary, c.errorMessage(),
                    LastCrawl.LOG_GROUP, crawler, c.crawlId(), 0.0);
        }
    }

    public record ListCrawlsOutput(
            @JsonProperty("Crawls") List<CrawlerHistory> crawls,
            @JsonProperty("NextToken") @Nullable String nextToken) {}
}
