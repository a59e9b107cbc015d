package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A crawler as stored: its definition, its state (READY, RUNNING, STOPPING) with the crawl under way,
 * its schedule's state and next run, the latest crawl's outcome, and its times and version.
 *
 * @param scheduleState SCHEDULED or NOT_SCHEDULED; null when the crawler has no schedule
 * @param crawlId       the crawl under way (null when READY)
 * @param nextRun       when the schedule next starts a crawl (null when not scheduled)
 */
public record CrawlerMeta(
        @JsonProperty("definition") CrawlerDefinition definition,
        @JsonProperty("state") String state,
        @JsonProperty("scheduleState") @Nullable String scheduleState,
        @JsonProperty("creationTime") Instant creationTime,
        @JsonProperty("lastUpdated") Instant lastUpdated,
        @JsonProperty("version") long version,
        @JsonProperty("lastCrawl") @Nullable LastCrawl lastCrawl,
        @JsonProperty("crawlId") @Nullable String crawlId,
        @JsonProperty("crawlStart") @Nullable Instant crawlStart,
        @JsonProperty("nextRun") @Nullable Instant nextRun) {

    public static final String READY = "READY";
    public static final String RUNNING = "RUNNING";
    public static final String STOPPING = "STOPPING";
    public static final String SCHEDULED = "SCHEDULED";
    public static final String NOT_SCHEDULED = "NOT_SCHEDULED";

    public String name() {
        return definition.name();
    }

    public CrawlerMeta withDefinition(CrawlerDefinition changed, Instant now) {
        return new CrawlerMeta(changed, state, scheduleState, creationTime, now, version + 1, lastCrawl, crawlId, crawlStart, nextRun);
    }

    public CrawlerMeta withSchedule(@Nullable String scheduleState, @Nullable Instant nextRun) {
        return new CrawlerMeta(definition, state, scheduleState, creationTime, lastUpdated, version, lastCrawl, crawlId, crawlStart,
                nextRun);
    }

    public CrawlerMeta running(String crawlId, Instant start) {
        return new CrawlerMeta(definition, RUNNING, scheduleState, creationTime, lastUpdated, version, lastCrawl, crawlId, start,
                nextRun);
    }

    public CrawlerMeta stopping() {
        return new CrawlerMeta(definition, STOPPING, scheduleState, creationTime, lastUpdated, version, lastCrawl, crawlId, crawlStart,
                nextRun);
    }

    public CrawlerMeta ready(LastCrawl last) {
        return new CrawlerMeta(definition, READY, scheduleState, creationTime, lastUpdated, version, last, null, null, nextRun);
    }
}
