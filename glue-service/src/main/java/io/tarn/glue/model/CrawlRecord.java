package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One crawl of a crawler, as ListCrawls and GetCrawlerMetrics report it: RUNNING, then COMPLETED,
 * STOPPED or FAILED, with what it changed in the catalog.
 */
public record CrawlRecord(
        @JsonProperty("crawlId") String crawlId,
        @JsonProperty("state") String state,
        @JsonProperty("startTime") Instant startTime,
        @JsonProperty("endTime") @Nullable Instant endTime,
        @JsonProperty("errorMessage") @Nullable String errorMessage,
        @JsonProperty("tablesCreated") int tablesCreated,
        @JsonProperty("tablesUpdated") int tablesUpdated,
        @JsonProperty("tablesDeleted") int tablesDeleted,
        @JsonProperty("partitionsCreated") int partitionsCreated,
        @JsonProperty("partitionsDeleted") int partitionsDeleted) {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String STOPPED = "STOPPED";
    public static final String FAILED = "FAILED";

    public static CrawlRecord started(String crawlId, Instant start) {
        return new CrawlRecord(crawlId, RUNNING, start, null, null, 0, 0, 0, 0, 0);
    }

    public CrawlRecord ended(String endState, Instant end, @Nullable String error, int created, int updated, int deleted,
            int partitionsAdded, int partitionsDeleted) {
        return new CrawlRecord(crawlId, endState, startTime, end, error, created, updated, deleted, partitionsAdded,
                partitionsDeleted);
    }
}
