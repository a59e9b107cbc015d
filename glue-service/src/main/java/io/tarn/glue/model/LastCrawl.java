package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Glue's LastCrawlInfo: how the crawler's latest crawl ended, and where its log would be. */
public record LastCrawl(
        @JsonProperty("Status") String status,
        @JsonProperty("ErrorMessage") @Nullable String errorMessage,
        @JsonProperty("LogGroup") String logGroup,
        @JsonProperty("LogStream") String logStream,
        @JsonProperty("MessagePrefix") String messagePrefix,
        @JsonProperty("StartTime") Instant startTime) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String CANCELLED = "CANCELLED";
    public static final String FAILED = "FAILED";
    /** Every crawler logs to this CloudWatch group, in a stream named after the crawler. */
    public static final String LOG_GROUP = "/aws-glue/crawlers";
}
